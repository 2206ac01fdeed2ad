import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { drag, mountEditor, pointer, trackNamed, unmountEditors } from '../editor/testing.browser';

afterEach(unmountEditors);

const PX_PER_TICK = 28 / 960;
const BAR = 3840;

/** Types a name and presses Enter (the field commits on Enter, then blurs). */
async function typeInto(input: HTMLInputElement, text: string) {
  await expect.poll(() => document.activeElement === input).toBe(true);
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}

const laneRect = async (key: string) => {
  await expect.element(page.getByTestId(`automation-lane-${key}`)).toBeInTheDocument();
  return page.getByTestId(`automation-lane-${key}`).element().getBoundingClientRect();
};

describe('automation lanes in the arrangement', () => {
  it('shows a volume lane, draws, moves, reshapes and deletes points, each one undo step', async () => {
    const session = mountEditor();
    const lead = () => trackNamed(session, 'Lead');
    const points = () => lead().automation.find((l) => l.key === 'volume')?.points ?? [];
    await userEvent.click(page.getByTestId('automation-Lead'));
    const rect = await laneRect('volume');
    // Two points: bar 2 near the top, bar 4 near the bottom (the lane maps -60…+12 dB).
    pointer(page.getByTestId('automation-lane-volume').element(), 'pointerdown', rect.left + BAR * PX_PER_TICK, rect.top + 10);
    pointer(document.body, 'pointerup', rect.left + BAR * PX_PER_TICK, rect.top + 10);
    await expect.poll(() => points().length).toBe(1);
    pointer(page.getByTestId('automation-lane-volume').element(), 'pointerdown', rect.left + 3 * BAR * PX_PER_TICK, rect.top + rect.height - 12);
    pointer(document.body, 'pointerup', rect.left + 3 * BAR * PX_PER_TICK, rect.top + rect.height - 12);
    await expect.poll(() => points().length).toBe(2);
    const [first, second] = points();
    expect(first).toMatchObject({ tick: BAR, curve: 'linear' });
    expect(second).toMatchObject({ tick: 3 * BAR });
    expect(first!.value).toBeGreaterThan(second!.value);
    expect(first!.value).toBeLessThanOrEqual(12);
    // The point's value reads out in the lane header.
    await expect.element(page.getByTestId('automation-point-value')).toHaveTextContent(/dB/);

    // Drag the first point one bar later and lower.
    drag(page.getByTestId('automation-lane-volume').element(), rect.left + BAR * PX_PER_TICK, rect.top + 10, BAR * PX_PER_TICK, 15);
    await expect.poll(() => points()[0]?.tick).toBe(2 * BAR);
    expect(points()[0]!.value).toBeLessThan(first!.value);

    // The selected point's segment becomes exponential.
    await userEvent.selectOptions(page.getByTestId('automation-curve'), 'exponential');
    await expect.poll(() => points()[0]?.curve).toBe('exponential');

    // Delete removes the selected point; undo brings it back.
    await userEvent.keyboard('{Delete}');
    await expect.poll(() => points().length).toBe(1);
    await userEvent.click(page.getByTestId('undo'));
    await expect.poll(() => points().length).toBe(2);
    await userEvent.click(page.getByTestId('undo'));
    await expect.poll(() => points()[0]?.curve).toBe('linear');
  });

  it('drives any effect parameter: the lane picker lists sends and every device param', async () => {
    const session = mountEditor();
    await userEvent.click(page.getByTestId('automation-Lead'));
    await laneRect('volume');
    const lead = trackNamed(session, 'Lead');
    const delay = lead.devices.find((d) => d.kind === 'delay');
    const send = lead.sends[0];
    if (!delay || !send) throw new Error('the demo lead has a delay and a send');
    const picker = page.getByTestId('automation-header-volume').getByRole('combobox', { name: 'Automated parameter' });
    const options = [...(picker.element() as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(expect.arrayContaining(['Volume', 'Pan', 'Send → Reverb', 'Delay · Feedback', 'Delay · Mix']));
    await userEvent.selectOptions(picker, `param/${delay.id}/feedback`);
    const rect = await laneRect(`param/${delay.id}/feedback`);
    pointer(page.getByTestId(`automation-lane-param/${delay.id}/feedback`).element(), 'pointerdown', rect.left + BAR * PX_PER_TICK, rect.top + rect.height / 2);
    pointer(document.body, 'pointerup', rect.left + BAR * PX_PER_TICK, rect.top + rect.height / 2);
    await expect.poll(() => trackNamed(session, 'Lead').automation.find((l) => l.key === `param/${delay.id}/feedback`)?.points.length).toBe(1);
    const value = trackNamed(session, 'Lead').automation.find((l) => l.key === `param/${delay.id}/feedback`)?.points[0]?.value ?? -1;
    expect(value).toBeGreaterThan(30);
    expect(value).toBeLessThan(65);
    // Turning the lane off keeps its points.
    await userEvent.click(page.getByTestId(`automation-header-param/${delay.id}/feedback`).getByRole('button', { name: /Turn off/ }));
    await expect.poll(() => trackNamed(session, 'Lead').automation.find((l) => l.key === `param/${delay.id}/feedback`)?.enabled).toBe(false);
  });

  it('opens the lanes a track already automates (the chords filter sweep) and reads the value at the playhead', async () => {
    mountEditor();
    await userEvent.click(page.getByTestId('automation-Chords'));
    const lane = page.getByTestId(/^automation-lane-param\//);
    await expect.element(lane).toBeInTheDocument();
    await expect.element(lane.getByTestId('automation-readout')).toHaveTextContent('600 Hz');
    expect(lane.element().querySelectorAll('[data-testid="automation-point"]').length).toBe(2);
  });
});

describe('markers', () => {
  it('adds at the playhead, renames, moves, jumps to and deletes markers', async () => {
    const session = mountEditor();
    const markers = () => session.store.getState().snapshot.markers;
    const before = markers().length;
    await expect.element(page.getByTestId('ruler')).toBeInTheDocument();
    const ruler = page.getByTestId('ruler').element();
    const r = ruler.getBoundingClientRect();
    pointer(ruler, 'pointerdown', r.left + 2 * BAR * PX_PER_TICK + 1, r.top + 4);
    pointer(document.body, 'pointerup', r.left + 2 * BAR * PX_PER_TICK + 1, r.top + 4);
    await userEvent.click(page.getByTestId('add-marker'));
    await expect.poll(() => markers().length).toBe(before + 1);
    const added = markers().find((m) => m.tick === 2 * BAR);
    expect(added?.name).toBe(`Marker ${before + 1}`);

    const flag = page.getByTestId('marker').filter({ hasText: added!.name });
    flag.element().dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await expect.element(page.getByRole('textbox', { name: 'Marker name' })).toBeInTheDocument();
    await typeInto(page.getByRole('textbox', { name: 'Marker name' }).element() as HTMLInputElement, 'Chorus');
    await expect.poll(() => markers().find((m) => m.id === added!.id)?.name).toBe('Chorus');

    const el = page.getByTestId('marker').filter({ hasText: 'Chorus' }).element();
    const box = el.getBoundingClientRect();
    drag(el, box.left + 2, box.top + 4, BAR * PX_PER_TICK, 0);
    await expect.poll(() => markers().find((m) => m.id === added!.id)?.tick).toBe(3 * BAR);

    // A click jumps the playhead to the marker.
    const intro = page.getByTestId('marker').filter({ hasText: 'Intro' }).element();
    pointer(intro, 'pointerdown', intro.getBoundingClientRect().left + 2, intro.getBoundingClientRect().top + 4);
    pointer(document.body, 'pointerup', intro.getBoundingClientRect().left + 2, intro.getBoundingClientRect().top + 4);
    await expect.element(page.getByTestId('transport-position')).toHaveTextContent(/^1\.1\.000$/);
    const chorus = page.getByTestId('marker').filter({ hasText: 'Chorus' }).element();
    pointer(chorus, 'pointerdown', chorus.getBoundingClientRect().left + 2, chorus.getBoundingClientRect().top + 4);
    pointer(document.body, 'pointerup', chorus.getBoundingClientRect().left + 2, chorus.getBoundingClientRect().top + 4);
    await expect.element(page.getByTestId('transport-position')).toHaveTextContent(/^4\.1\.000$/);

    page.getByTestId('marker').filter({ hasText: 'Chorus' }).element().dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await expect.element(page.getByRole('button', { name: 'Delete marker Chorus' })).toBeInTheDocument();
    (page.getByRole('button', { name: 'Delete marker Chorus' }).element() as HTMLButtonElement).click();
    await expect.poll(() => markers().some((m) => m.id === added!.id)).toBe(false);
    await userEvent.keyboard('{Control>}z{/Control}');
    await expect.poll(() => markers().some((m) => m.id === added!.id)).toBe(true);
  });
});

describe('track headers', () => {
  it('reorders tracks by dragging the grip, one undo step', async () => {
    const session = mountEditor();
    const names = () => session.store.getState().snapshot.tracks.map((t) => t.name);
    const before = names();
    expect(before.slice(0, 2)).toEqual(['Drums', 'Bass']);
    await expect.element(page.getByTestId('track-grip-Drums')).toBeInTheDocument();
    const grip = page.getByTestId('track-grip-Drums').element();
    // Rows are measured from the top of the lanes (68 px per track): from inside Drums' row to
    // past the middle of the third row, so Drums lands after Chords.
    const lanesTop = page.getByTestId('lanes').element().getBoundingClientRect().top;
    drag(grip, grip.getBoundingClientRect().left + 3, lanesTop + 30, 0, 68 * 2 + 10);
    await expect.poll(() => names().indexOf('Drums')).toBe(2);
    expect(names().slice(0, 3)).toEqual(['Bass', 'Chords', 'Drums']);
    await userEvent.click(page.getByTestId('undo'));
    await expect.poll(() => names()).toEqual(before);
  });

  it('renames a track by double-click and recolours it', async () => {
    const session = mountEditor();
    await userEvent.dblClick(page.getByTestId('track-header-Bass').getByText('Bass'));
    await userEvent.fill(page.getByRole('textbox', { name: 'Track name' }), 'Sub bass');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => session.store.getState().snapshot.tracks.some((t) => t.name === 'Sub bass')).toBe(true);
    const color = page.getByLabelText('Colour of Sub bass').element() as HTMLInputElement;
    // Through the native setter, as the browser's colour picker does, so React sees the change.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(color, '#12a594');
    color.dispatchEvent(new Event('input', { bubbles: true }));
    await expect.poll(() => trackNamed(session, 'Sub bass').color).toBe('#12a594');
  });
});
