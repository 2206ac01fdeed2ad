import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createRoot } from 'react-dom/client';
import { WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import { ProjectEditor, type Exporter } from '../editor/ProjectEditor';
import type { EditorState } from '../model/editorStore';
import { melodySession } from './melodyProject.testing';
import { StudioAudio } from './studioAudio';
import type { Player } from '@encore/audio-engine/core/player';

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function mount(initial: Partial<EditorState> = {}, exporter?: Exporter) {
  const { session, trackId } = melodySession();
  const audio = new StudioAudio(session, { worklets: WORKLET_URLS, fetcher: () => Promise.reject(new Error('no assets in this test')) });
  const container = document.createElement('div');
  container.style.cssText = 'height: 800px; width: 1280px; position: relative;';
  document.body.append(container);
  const root = createRoot(container);
  root.render(<ProjectEditor session={session} audio={audio} initial={initial} {...(exporter ? { exporter } : {})} />);
  cleanup.push(async () => {
    root.unmount();
    await audio.dispose();
    session.dispose();
    container.remove();
  });
  return { session, audio, trackId };
}

const text = (id: string) => page.getByTestId(id).element().textContent ?? '';

describe('real-time playback in the editor', () => {
  it('plays from the audio clock: the position follows the context time, and stop returns to the start', async () => {
    const { audio } = mount();
    await expect.element(page.getByTestId('transport-position')).toHaveTextContent('1.1.000');
    await userEvent.click(page.getByTestId('transport-play'));
    await expect.poll(() => audio.position, { timeout: 5000 }).toBeGreaterThan(0.6);
    // The UI's playhead comes from the context clock through the transport: they agree.
    await expect.poll(() => text('transport-position')).not.toBe('1.1.000');
    const shown = Number(text('transport-time').split(':')[1]);
    expect(Math.abs(shown - audio.position!)).toBeLessThan(0.1);
    await userEvent.keyboard(' ');
    await expect.element(page.getByTestId('transport-position')).toHaveTextContent('1.1.000');
    expect(audio.position).toBeNull();
  });

  it('pauses where it is, and meters show the engine levels while playing', async () => {
    const { audio, trackId } = mount({ panel: 'mixer' });
    await userEvent.click(page.getByTestId('transport-play'));
    await expect.poll(() => audio.store.getState().levels[trackId]?.[0] ?? -200, { timeout: 5000 }).toBeGreaterThan(-40);
    const meter = page.getByTestId('meter-Synth').element();
    await expect.poll(() => Number(meter.getAttribute('aria-valuenow'))).toBeGreaterThan(-40);
    await userEvent.click(page.getByTestId('transport-pause'));
    expect(audio.position).toBeNull();
    await expect.poll(() => text('transport-position')).not.toBe('1.1.000');
  });

  it('keeps playing through document edits: a new graph takes over at the same musical position', async () => {
    const { audio, session, trackId } = mount();
    await userEvent.click(page.getByTestId('transport-play'));
    await expect.poll(() => audio.position ?? 0, { timeout: 5000 }).toBeGreaterThan(0.3);
    const before = audio.position!;
    session.api.setVolume({ trackId, volumeDb: -6 });
    session.api.addDevice({ trackId, kind: 'reverb' });
    await expect.poll(() => audio.position ?? 0).toBeGreaterThan(before + 0.3);
    expect(audio.store.getState().status).toBe('ready');
    expect(audio.position).toBeLessThan(before + 3);
  });

  it('wraps inside the loop, and counts in one bar with the metronome', async () => {
    const { audio, session } = mount({ metronome: true, countIn: true });
    session.api.setLoop({ start: 0, end: 1920, enabled: true });
    await userEvent.click(page.getByTestId('transport-play'));
    await expect.element(page.getByTestId('count-in')).toBeInTheDocument();
    expect(audio.position!).toBeLessThan(0);
    // One bar of count-in (2 s) then one second of loop: it must come back to the start.
    let max = 0;
    let wrapped = false;
    await expect
      .poll(
        () => {
          const p = audio.position ?? 0;
          if (p <= 0) return false;
          if (p < max - 0.5) wrapped = true;
          max = Math.max(max, p);
          return wrapped;
        },
        { timeout: 6000, interval: 30 },
      )
      .toBe(true);
    expect(max).toBeLessThan(1.05);
  });

  it('moves a fader while playing in the same graph, at once; a new device still builds a new one', async () => {
    const { audio, session, trackId } = mount({ panel: 'mixer' });
    const playerOf = () => (audio as unknown as { player: Player | null }).player;
    await userEvent.click(page.getByTestId('transport-play'));
    const level = () => audio.store.getState().levels[trackId]?.[0] ?? -200;
    await expect.poll(level, { timeout: 5000 }).toBeGreaterThan(-40);
    /** The loudest meter reading over `ms` (the melody has gaps between its notes). */
    const loudest = async (ms: number) => {
      let max = -200;
      for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) max = Math.max(max, level());
      return max;
    };
    const before = await loudest(700);
    const player = playerOf();
    session.api.setVolume({ trackId, volumeDb: -20 });
    // Reconciled in place, synchronously: no rebuild, no settle delay.
    expect(playerOf()).toBe(player);
    expect(audio.store.getState().status).toBe('ready');
    // The meter's peak bar falls at 20 dB/s: let it come down before reading.
    await new Promise((r) => setTimeout(r, 1300));
    const after = await loudest(700);
    expect(after).toBeGreaterThan(before - 21.5);
    expect(after).toBeLessThan(before - 18.5);
    expect(playerOf()).toBe(player);
    session.api.addDevice({ trackId, kind: 'reverb' });
    await expect.poll(playerOf).not.toBe(player);
    expect(audio.position).not.toBeNull();
  });

  it('loops in the engine: the same player plays on across the wraps', async () => {
    const { audio, session } = mount();
    const playerOf = () => (audio as unknown as { player: Player | null }).player;
    session.api.setLoop({ start: 0, end: 960, enabled: true });
    await userEvent.click(page.getByTestId('transport-play'));
    await expect.poll(() => audio.position ?? 0, { timeout: 5000 }).toBeGreaterThan(0.2);
    const player = playerOf();
    let wraps = 0;
    let last = audio.position ?? 0;
    await expect
      .poll(
        () => {
          const p = audio.position ?? 0;
          if (p < last - 0.25) wraps++;
          last = p;
          expect(p).toBeLessThan(0.52);
          return wraps;
        },
        { timeout: 6000, interval: 20 },
      )
      .toBeGreaterThanOrEqual(2);
    expect(playerOf()).toBe(player);
    // Loop off after the wraps: the music plays on from where it is, and the UI's playhead with it.
    session.api.setLoop({ start: 0, end: 960, enabled: false });
    await expect.poll(() => audio.position ?? 0, { timeout: 3000 }).toBeGreaterThan(0.7);
    const shown = Number(text('transport-time').split(':')[1]);
    expect(Math.abs(shown - audio.position!)).toBeLessThan(0.1);
  });
});
