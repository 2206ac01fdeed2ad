import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountEditor, pointer, trackNamed, unmountEditors } from '../editor/testing.browser';
import { scaleOf, tickToX } from '../model/timeScale';
import { registerCollab } from './activeCollab';
import { colorFor, createCollabModel, type CollabModel } from './collabModel';
import { awarenessLoopback } from './testing/awarenessLoopback';

const BAR = 3840;
const PROJECT = 'presenceTestProject01';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
  unmountEditors();
});

/** The editor as 'ada', and 'bob' present in the same project through a relayed awareness. */
function twoUsers(initial: Parameters<typeof mountEditor>[0] = {}) {
  const session = mountEditor(initial);
  const [hostA, hostB] = awarenessLoopback(PROJECT);
  const ada = createCollabModel(hostA, PROJECT, session.doc, 'ada');
  const bob = createCollabModel(hostB, PROJECT, new Y.Doc(), 'bob');
  const unregister = registerCollab(session.doc, ada);
  cleanups.push(() => {
    unregister();
    ada.dispose();
    bob.dispose();
  });
  return { session, ada, bob };
}

const peerOf = (model: CollabModel, name: string) => model.store.getState().peers.find((p) => p.user.name === name);
const left = (testId: string) => parseFloat(page.getByTestId(testId).element().getAttribute('style')?.match(/left: ([\d.-]+)px/)?.[1] ?? 'NaN');

describe('presence in the arrangement and the piano roll', () => {
  it("draws a collaborator's selected track and clips, playhead and pointer in their colour, at this user's zoom", async () => {
    const { session, bob } = twoUsers({ arrangementScale: scaleOf(28) });
    const lead = trackNamed(session, 'Lead');
    const theme = lead.clips[0]!;
    bob.setPresence({ trackId: lead.id, clipId: theme.id, clipIds: [theme.id], playhead: 2 * BAR });
    bob.setCursor({ view: 'arrangement', tick: 3 * BAR, trackId: lead.id, lane: 0.5 });

    await expect.element(page.getByTestId('peer-clip'), { timeout: 10_000 }).toBeInTheDocument();
    const color = colorFor('bob');
    expect(page.getByTestId('peer-track').element().getAttribute('data-id')).toBe(lead.id);
    expect(page.getByTestId('peer-clip').element().getAttribute('data-id')).toBe(theme.id);
    expect(page.getByTestId('peer-clip').element().getAttribute('style')).toContain(hexToRgb(color));
    await expect.element(page.getByTestId('peer-cursor'), { timeout: 10_000 }).toHaveTextContent('bob');
    expect(left('peer-playhead')).toBe(Math.round(tickToX(scaleOf(28), 2 * BAR)));
    expect(left('peer-cursor')).toBe(Math.round(tickToX(scaleOf(28), 3 * BAR)));
    // The clip outline sits on the clip itself.
    const clipBox = page.getByTestId('clip-Theme').element().getBoundingClientRect();
    const outline = page.getByTestId('peer-clip').element().getBoundingClientRect();
    expect(Math.abs(outline.left - clipBox.left)).toBeLessThan(3);

    // This user zooms in: the marks stay on the same musical position.
    await userEvent.keyboard('+');
    await expect.poll(() => left('peer-playhead'), { timeout: 10_000 }).toBeGreaterThan(Math.round(tickToX(scaleOf(28), 2 * BAR)));
    const zoomedClip = page.getByTestId('clip-Theme').element().getBoundingClientRect();
    await expect.poll(() => Math.abs(page.getByTestId('peer-clip').element().getBoundingClientRect().left - zoomedClip.left), { timeout: 10_000 }).toBeLessThan(3);

    // Bob leaves: his marks go.
    bob.dispose();
    await expect.element(page.getByTestId('arrangement-presence'), { timeout: 10_000 }).not.toBeInTheDocument();
  });

  it("publishes this user's pointer over the lanes in musical time", async () => {
    const { session, bob } = twoUsers({ arrangementScale: scaleOf(28) });
    const chords = trackNamed(session, 'Chords');
    await expect.poll(() => peerOf(bob, 'ada'), { timeout: 10_000 }).toBeDefined();
    const lane = page.getByTestId('lane-Chords').element().getBoundingClientRect();
    const lanes = page.getByTestId('lanes').element();
    pointer(lanes, 'pointermove', lane.left + 2 * BAR * (28 / 960), lane.top + lane.height / 4, { buttons: 0 });
    await expect.poll(() => peerOf(bob, 'ada')?.cursor, { timeout: 10_000 }).toMatchObject({ view: 'arrangement', trackId: chords.id });
    const cursor = peerOf(bob, 'ada')!.cursor!;
    expect(cursor.tick).toBeCloseTo(2 * BAR, -1);
    expect(cursor.view === 'arrangement' && cursor.lane).toBeCloseTo(0.25, 1);
    pointer(lanes, 'pointerleave', 0, 0, { buttons: 0 });
    await expect.poll(() => peerOf(bob, 'ada')?.cursor, { timeout: 10_000 }).toBeNull();
  });

  it("shows a collaborator's selected notes, playhead and pointer in the piano roll", async () => {
    const probe = mountEditor();
    const theme = trackNamed(probe, 'Lead').clips[0]!;
    unmountEditors();
    const { bob } = twoUsers({ openClipId: theme.id, panel: 'clip' });
    if (theme.kind !== 'midi') throw new Error('the demo theme is MIDI');
    const note = theme.notes[0]!;
    bob.setPresence({ trackId: theme.trackId, clipId: theme.id, openClipId: theme.id, noteIds: [note.id], playhead: theme.start + note.tick });
    bob.setCursor({ view: 'pianoRoll', tick: theme.start + 960, clipId: theme.id, pitch: note.pitch });
    await expect.element(page.getByTestId('peer-note'), { timeout: 10_000 }).toBeInTheDocument();
    expect(page.getByTestId('peer-note').element().getAttribute('data-id')).toBe(note.id);
    await expect.element(page.getByTestId('piano-roll-presence').getByTestId('peer-cursor'), { timeout: 10_000 }).toHaveTextContent('bob');
    // The note outline and the playhead share the note's start.
    const outline = page.getByTestId('peer-note').element().getBoundingClientRect();
    const playhead = page.getByTestId('piano-roll-presence').getByTestId('peer-playhead').element().getBoundingClientRect();
    expect(Math.abs(outline.left + 1 - playhead.left)).toBeLessThan(2);
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}
