import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { WORKLET_URLS } from '../worklets/urls';
import { loadWorklets } from '../nodes/worklets';
import { RenderGraph } from '../graph/renderGraph';
import { audioClip, lane, midiClip, note, project, track } from '../testing/snapshotBuilder';
import { rms } from '../dsp/meter';
import { Player } from './player';
import { Scheduler, type SchedulerLoop } from './scheduler';

const FS = 48_000;
const HASH = 'f'.repeat(64);
/**
 * Where song time 0 plays (as Player.play's lead), exact in binary: a step of automation exactly
 * on a frame then lands on that frame in every pass (0.05 + 1.5 rounds a hair past frame 74400).
 */
const START = 0.0625;

function ramp(seconds: number): AudioBuffer {
  // A tone whose level grows with time: any misplaced sample shows.
  const b = new AudioBuffer({ length: seconds * FS, numberOfChannels: 2, sampleRate: FS });
  for (let c = 0; c < 2; c++) b.copyToChannel(Float32Array.from({ length: b.length }, (_, n) => (0.2 + (0.6 * n) / b.length) * Math.sin((2 * Math.PI * 220 * n) / FS)), c);
  return b;
}
const buffers = new Map([[HASH, ramp(4)]]);

// 120 bpm: a beat is 0.5 s. The loop is beats 1-3 (0.5 s - 1.5 s), not on render quanta.
const LOOP: SchedulerLoop = { start: 0.5, end: 1.5 };
const notes = Array.from({ length: 8 }, (_, i) => note(55 + ((i * 5) % 12), i / 2, 0.75, 100, `n${i}`));
const PROJECTS: readonly (readonly [string, ProjectSnapshot])[] = [
  ['an audio clip', project([track({ id: 'a', clips: [audioClip('c', 'a', HASH, 0, 8)] })], { bpm: 120 })],
  [
    'synth notes crossing the loop ends, with volume automation',
    project(
      [
        track({
          id: 's',
          kind: 'instrument',
          clips: [midiClip('m', 's', 0, 8, notes)],
          automation: [lane({ kind: 'volume' }, [{ beat: 0, value: -12 }, { beat: 1.5, value: 0 }, { beat: 2, value: -6 }])],
        }),
      ],
      { bpm: 120 },
    ),
  ],
];

/** Plays `snap` from 0 with the loop as the Player schedules it (0.2 s look-ahead every 25 ms), offline. */
async function playLooped(snap: ProjectSnapshot, seconds: number): Promise<{ out: AudioBuffer; wraps: number[] }> {
  const context = new OfflineAudioContext({ numberOfChannels: 2, length: seconds * FS, sampleRate: FS });
  await loadWorklets(context, WORKLET_URLS);
  const graph = new RenderGraph(context, snap, { buffers, meters: true, limiter: false, timeOffset: START });
  try {
    const scheduler = new Scheduler(graph);
    scheduler.setLoop(LOOP);
    scheduler.start(0);
    const tick = () => scheduler.advance(context.currentTime + 0.2 - graph.options.timeOffset);
    tick();
    await graph.delivered();
    const interval = 0.025;
    const suspendAt = (k: number) => {
      if (k * interval >= seconds) return;
      void context.suspend(k * interval).then(async () => {
        tick();
        await graph.delivered();
        suspendAt(k + 1);
        await context.resume();
      });
    };
    suspendAt(1);
    const out = await context.startRendering();
    return { out, wraps: scheduler.wraps.map((w) => w.at) };
  } finally {
    graph.dispose();
  }
}

const span = (b: AudioBuffer, c: number, from: number, length: number) => b.getChannelData(c).subarray(Math.round(from * FS), Math.round(from * FS) + Math.round(length * FS));
function errorDb(x: Float32Array, reference: Float32Array): number {
  return 20 * Math.log10(rms(x.map((v, i) => v - reference[i]!)) / rms(reference));
}

describe('looping in the scheduler', () => {
  it.each(PROJECTS)('%s: every pass after a wrap sounds the same, sample for sample', async (_, snap) => {
    const { out, wraps } = await playLooped(snap, 4);
    const len = LOOP.end - LOOP.start;
    // Wraps at the loop end, then every loop length, on context time.
    expect(wraps.slice(0, 3)).toEqual([0, 1, 2].map((k) => expect.closeTo(START + LOOP.end + k * len, 9)));
    const first = START + LOOP.end;
    for (const c of [0, 1]) {
      const pass2 = span(out, c, first, len);
      const pass3 = span(out, c, first + len, len);
      expect(rms(pass2)).toBeGreaterThan(0.01);
      expect(errorDb(pass3, pass2), `channel ${c}`).toBeLessThan(-100);
    }
  });

  it('an audio clip plays the loop start right after the loop end (no gap, no restart delay)', async () => {
    const { out } = await playLooped(PROJECTS[0]![1], 2.2);
    const len = LOOP.end - LOOP.start;
    for (const c of [0, 1]) {
      // The first pass is the song from 0.5 s; the second is that again, at once after it.
      expect(errorDb(span(out, c, START + LOOP.end, len), span(out, c, START + LOOP.start, len))).toBeLessThan(-100);
      // And the sound did not simply go on: the level of the ramp tone went back down.
      expect(rms(span(out, c, START + LOOP.end, 0.1))).toBeLessThan(rms(span(out, c, START + LOOP.end - 0.1, 0.1)) * 0.9);
    }
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Player loop (real time)', () => {
  it('wraps the playhead inside the loop without restarting the player', async () => {
    const context = new AudioContext();
    await context.resume();
    const player = await Player.create(context, PROJECTS[1]![1], { worklets: WORKLET_URLS });
    try {
      player.setLoop({ start: 0.2, end: 0.6 });
      player.play(0);
      const graph = player.graph;
      let max = 0;
      let wrapped = false;
      const until = Date.now() + 4000;
      while (Date.now() < until && !(wrapped && player.position > 0.4)) {
        const p = player.position;
        if (p < max - 0.2) wrapped = true;
        max = Math.max(max, p);
        await sleep(10);
      }
      expect(wrapped).toBe(true);
      expect(max).toBeLessThan(0.62);
      expect(player.graph).toBe(graph);
      player.setLoop(null);
      await expect.poll(() => player.position, { timeout: 4000 }).toBeGreaterThan(0.8);
    } finally {
      player.dispose();
      await context.close();
    }
  });
});
