import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { WORKLET_URLS } from '../worklets/urls';
import { loadWorklets } from '../nodes/worklets';
import { RenderGraph } from '../graph/renderGraph';
import { audioClip, lane, midiClip, note, project, track } from '../testing/snapshotBuilder';
import { rms } from '../dsp/meter';
import { renderOffline, type RenderOptions } from './renderOffline';
import { Scheduler } from './scheduler';

const FS = 48_000;
const HASH = 'd'.repeat(64);

const render = (snap: ProjectSnapshot, o: Partial<RenderOptions> = {}) =>
  renderOffline(snap, { worklets: WORKLET_URLS, sampleRate: FS, tail: 0.5, concurrency: 1, limiter: false, ...o });

/** Error of `x` against `reference`, dB relative to the reference's RMS (-Infinity when equal). */
function errorDb(x: Float32Array, reference: Float32Array): number {
  const diff = x.map((v, i) => v - reference[i]!);
  return 20 * Math.log10(rms(diff) / rms(reference));
}

function tone(seconds: number): AudioBuffer {
  const b = new AudioBuffer({ length: seconds * FS, numberOfChannels: 2, sampleRate: FS });
  for (let c = 0; c < 2; c++) b.copyToChannel(Float32Array.from({ length: b.length }, (_, n) => 0.5 * Math.sin((2 * Math.PI * (110 + 20 * c) * n) / FS)), c);
  return b;
}

// At 120 bpm a half beat is 0.25 s: notes, automation points and the clip start fall on window
// ends (0.25 s, 0.5 s, 1.5 s = 24000, 72000 frames), which are not render-quantum boundaries.
const notes = Array.from({ length: 8 }, (_, i) => note(52 + ((i * 5) % 12), i / 2, 0.5, 100, `n${i}`));
const fade = [
  { beat: 0, value: -20 },
  { beat: 2, value: 0 },
  { beat: 3, value: -12 },
];
const PROJECTS: readonly (readonly [string, ProjectSnapshot])[] = [
  // Two, so that they share a channel processor and its port carries two note batches per window.
  [
    'synth tracks with notes',
    project(
      (['sawtooth', 'triangle'] as const).map((waveform, i) =>
        track({ id: `s${i}`, kind: 'instrument', pan: i - 0.5, instrument: { kind: 'synth', waveform, voices: 8 }, clips: [midiClip(`c${i}`, `s${i}`, 0, 4, notes)] }),
      ),
      { bpm: 120 },
    ),
  ],
  [
    'a synth track with volume automation',
    project([track({ id: 's', kind: 'instrument', clips: [midiClip('c', 's', 0, 4, notes)], automation: [lane({ kind: 'volume' }, fade)] })], { bpm: 120 }),
  ],
  [
    'an audio clip track with pan automation',
    project(
      [
        track({
          id: 'a',
          clips: [audioClip('ac', 'a', HASH, 1, 3)],
          automation: [lane({ kind: 'pan' }, [{ beat: 1, value: -1 }, { beat: 3, value: 1 }, { beat: 3.5, value: 0 }])],
        }),
      ],
      { bpm: 120 },
    ),
  ],
];

describe('the render does not depend on the scheduling window', () => {
  it.each(PROJECTS)('%s: any window length renders what 1 s windows render', async (_, snap) => {
    const buffers = new Map([[HASH, tone(3)]]);
    const reference = (await render(snap, { buffers, window: 1 })).mix;
    expect(rms(reference.getChannelData(0))).toBeGreaterThan(0.01);
    // 0.001 s is shorter than a render quantum: the windows become one quantum each.
    for (const window of [0.5, 0.25, 0.1, 0.0213, 1024 / FS, 0.001]) {
      const { mix } = await render(snap, { buffers, window });
      for (const c of [0, 1]) expect(errorDb(mix.getChannelData(c), reference.getChannelData(c)), `window ${window} s, channel ${c}`).toBeLessThan(-100);
    }
  });

  it.each(PROJECTS)("%s: the real-time Player's scheduling (0.2 s look-ahead every 25 ms) renders what the export does", async (_, snap) => {
    const buffers = new Map([[HASH, tone(3)]]);
    const exported = (await render(snap, { buffers, window: 1 })).mix;
    // As Player.play does it: song time 0 plays 50 ms after the start, and a tick every 25 ms of
    // context time schedules 0.2 s past the playhead. (Offline, the tick waits for its messages to
    // arrive, as they do within a few milliseconds on a real-time context; meters on, as playing.)
    const start = 0.05;
    const context = new OfflineAudioContext({ numberOfChannels: 2, length: exported.length + start * FS, sampleRate: FS });
    await loadWorklets(context, WORKLET_URLS);
    const graph = new RenderGraph(context, snap, { buffers, meters: true, limiter: false, timeOffset: start });
    try {
      const scheduler = new Scheduler(graph);
      scheduler.start(0);
      const tick = () => scheduler.advance(context.currentTime - start + 0.2);
      tick();
      await graph.delivered();
      const interval = 0.025;
      const suspendAt = (k: number) => {
        if (k * interval >= context.length / FS) return;
        void context.suspend(k * interval).then(async () => {
          tick();
          await graph.delivered();
          suspendAt(k + 1);
          await context.resume();
        });
      };
      suspendAt(1);
      const played = await context.startRendering();
      for (const c of [0, 1]) {
        const x = played.getChannelData(c).subarray(start * FS);
        expect(errorDb(x, exported.getChannelData(c)), `channel ${c}`).toBeLessThan(-100);
      }
    } finally {
      graph.dispose();
    }
  });
});
