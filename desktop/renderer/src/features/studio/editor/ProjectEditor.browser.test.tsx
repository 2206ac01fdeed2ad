import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import { ProjectEditor } from './ProjectEditor';
import type { EditorState } from '../model/editorStore';
import { createProjectSession, findClip, type ProjectSession } from '../model/projectSession';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

function mount(initial: Partial<EditorState> = {}): ProjectSession {
  const doc = new Y.Doc();
  createDemoProject(doc);
  const session = createProjectSession(doc, { origin: 'tester' });
  const container = document.createElement('div');
  container.style.cssText = 'height: 900px; width: 1300px; position: relative;';
  document.body.append(container);
  const root: Root = createRoot(container);
  root.render(<ProjectEditor session={session} initial={{ snapId: '1/4', ...initial }} />);
  cleanup.push(() => {
    root.unmount();
    session.dispose();
    container.remove();
  });
  return session;
}

const track = (session: ProjectSession, name: string) => {
  const t = session.store.getState().snapshot.tracks.find((x) => x.name === name);
  if (!t) throw new Error(`no track ${name}`);
  return t;
};

function pointer(target: EventTarget, type: string, x: number, y: number, init: PointerEventInit = {}) {
  target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons: type === 'pointerup' ? 0 : 1, pointerId: 1, isPrimary: true, ...init }));
}

/** Presses at (x, y) on `el`, moves by (dx, dy) in steps, releases: as a mouse drag does. */
function drag(el: Element, x: number, y: number, dx: number, dy: number, init: PointerEventInit = {}) {
  pointer(el, 'pointerdown', x, y, init);
  for (let i = 1; i <= 4; i++) pointer(document.body, 'pointermove', x + (dx * i) / 4, y + (dy * i) / 4, init);
  pointer(document.body, 'pointerup', x + dx, y + dy, init);
}

const clipElement = async (name: string) => {
  await expect.element(page.getByTestId(`clip-${name}`).first()).toBeInTheDocument();
  return page.getByTestId(`clip-${name}`).first().element();
};

describe('the project editor on the demo song', () => {
  it('draws a note with the pencil: it is written to the document', async () => {
    const probe = mount();
    const lead = track(probe, 'Lead');
    const clip = lead.clips[0];
    if (!clip || clip.kind !== 'midi') throw new Error('the lead has a MIDI clip');
    cleanup.splice(0).forEach((fn) => fn());
    const session = mount({ openClipId: clip.id, panel: 'clip' });
    await expect.element(page.getByTestId('piano-roll-clip')).toHaveTextContent(clip.name);
    const scroll = Math.max(0, clip.start - 240);
    // The roll scrolls to the clip in an effect after its first paint: aim once it has.
    await expect.element(page.getByTestId('note-grid')).toHaveAttribute('data-scroll-tick', String(scroll));
    const grid = page.getByTestId('note-grid').element();
    const rect = grid.getBoundingClientRect();
    const pxPerTick = 120 / 960;
    const x = rect.left + (clip.start + 1920 + 100 - scroll) * pxPerTick;
    const y = rect.top + (127 - 50) * 13 + 6;
    drag(grid, x, y, 0, 0);
    const notes = () => (findClip(session.store.getState().snapshot, clip.id)?.clip as typeof clip).notes;
    await expect.poll(() => notes().length).toBe(clip.notes.length + 1);
    const drawn = notes().find((n) => n.pitch === 50);
    expect(drawn).toMatchObject({ tick: clip.offset + 1920, duration: 960, velocity: 100 });
    // One action, one undo step.
    await userEvent.click(page.getByTestId('undo'));
    expect(notes()).toHaveLength(clip.notes.length);
  });

  it('moves a clip by dragging: its start changes by the snapped amount', async () => {
    const session = mount();
    const clip = track(session, 'Lead').clips[0];
    if (!clip) throw new Error('no clip');
    const el = await clipElement(clip.name);
    const rect = el.getBoundingClientRect();
    const pxPerTick = 28 / 960;
    drag(el, rect.left + rect.width / 2, rect.top + 20, 1000 * pxPerTick, 0);
    await expect.poll(() => findClip(session.store.getState().snapshot, clip.id)?.clip.start).toBe(clip.start + 960);
    expect(findClip(session.store.getState().snapshot, clip.id)?.track.name).toBe('Lead');
  });

  it('splits the selected clip at the playhead, and undo/redo restore it', async () => {
    const session = mount();
    const lead = track(session, 'Lead');
    const clip = lead.clips[0];
    if (!clip) throw new Error('no clip');
    const el = await clipElement(clip.name);
    const rect = el.getBoundingClientRect();
    drag(el, rect.left + rect.width / 2, rect.top + 20, 0, 0);
    await expect.element(page.getByTestId(`clip-${clip.name}`).first()).toHaveAttribute('aria-selected', 'true');
    const ruler = page.getByTestId('ruler').element();
    const rulerLeft = ruler.getBoundingClientRect().left;
    pointer(ruler, 'pointerdown', rulerLeft + (clip.start + 3840) * (28 / 960) + 1, ruler.getBoundingClientRect().top + 4);
    pointer(document.body, 'pointerup', rulerLeft, 0);
    await expect.element(page.getByTestId('transport-position')).toHaveTextContent(/^6\.1\.000$/);
    await userEvent.keyboard('s');
    const clipsOfLead = () => track(session, 'Lead').clips;
    await expect.poll(() => clipsOfLead().length).toBe(lead.clips.length + 1);
    expect(clipsOfLead().map((c) => [c.start, c.length])).toEqual([
      [clip.start, 3840],
      [clip.start + 3840, clip.length - 3840],
    ]);
    await expect.element(page.getByTestId('undo')).toBeEnabled();
    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => clipsOfLead().length).toBe(lead.clips.length);
    expect(clipsOfLead()[0]?.length).toBe(clip.length);
    await userEvent.click(page.getByTestId('redo'));
    await expect.poll(() => clipsOfLead().length).toBe(lead.clips.length + 1);
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await expect.element(page.getByTestId('redo')).toBeDisabled();
  });

  it('mutes a track from the mixer, shown in its header too', async () => {
    const session = mount({ panel: 'mixer' });
    await userEvent.click(page.getByTestId('mixer-mute-Bass'));
    await expect.poll(() => track(session, 'Bass').mute).toBe(true);
    await expect.element(page.getByTestId('mute-Bass')).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(page.getByTestId('mixer-mute-Bass'));
    await expect.poll(() => track(session, 'Bass').mute).toBe(false);
  });

  it('changes device params from the device panel', async () => {
    const probe = mount();
    const chords = track(probe, 'Chords');
    cleanup.splice(0).forEach((fn) => fn());
    const session = mount({ panel: 'devices', selectedTrackId: chords.id });
    const filter = () => track(session, 'Chords').devices.find((d) => d.kind === 'filter');
    const before = filter()?.params.cutoff;
    await expect.element(page.getByTestId('knob-cutoff')).toBeInTheDocument();
    page.getByTestId('knob-cutoff').element().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    await expect.poll(() => filter()?.params.cutoff).toBeGreaterThan(before ?? Infinity);
    await expect.element(page.getByTestId('value-cutoff')).toHaveTextContent(/kHz/);
    await userEvent.click(page.getByRole('radio', { name: 'Highpass' }));
    await expect.poll(() => filter()?.params.mode).toBe(1);
    await userEvent.click(page.getByTestId('device-bypass-filter'));
    await expect.poll(() => filter()?.bypass).toBe(true);
  });
});
