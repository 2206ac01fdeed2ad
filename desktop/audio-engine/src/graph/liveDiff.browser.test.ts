import { describe, expect, it } from 'vitest';
import { decibels } from '@encore/shared/units';
import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { WORKLET_URLS } from '../worklets/urls';
import { loadWorklets } from '../nodes/worklets';
import { Player } from '../core/player';
import { Scheduler } from '../core/scheduler';
import { rms } from '../dsp/meter';
import { audioClip, device, midiClip, note, project, track } from '../testing/snapshotBuilder';
import { diffForLive } from './liveDiff';
import { RenderGraph } from './renderGraph';

const FS = 48_000;
const HASH = 'e'.repeat(64);
const LENGTH = 1.2;
/** Where the change lands (a render quantum boundary), and where its ramp has surely ended. */
const AT = (128 * 188) / FS;
const SETTLED = AT + 0.05;

function tone(seconds: number): AudioBuffer {
  const b = new AudioBuffer({ length: seconds * FS, numberOfChannels: 2, sampleRate: FS });
  for (let c = 0; c < 2; c++) b.copyToChannel(Float32Array.from({ length: b.length }, (_, n) => 0.4 * Math.sin((2 * Math.PI * 440 * n) / FS)), c);
  return b;
}
const buffers = new Map([[HASH, tone(2)]]);

const base = project([
  track({ id: 'fx', kind: 'bus' }),
  track({
    id: 'a',
    volumeDb: -3,
    devices: [device('flt', 'filter', { cutoff: 18_000 }), device('eq', 'eq', { lowMidGain: 4, lowMidFreq: 440 })],
    sends: [{ id: 's', targetTrackId: 'fx', levelDb: -12, pre: false }],
    clips: [audioClip('c', 'a', HASH, 0, 4)],
  }),
]);

const edit = (id: string, change: (t: TrackSnapshot) => TrackSnapshot): ProjectSnapshot =>
  id === 'master' ? { ...base, master: change(base.master!) } : { ...base, tracks: base.tracks.map((t) => (t.id === id ? change(t) : t)) };
const knob = (deviceId: string, paramId: string, value: number) => (t: TrackSnapshot) => ({
  ...t,
  devices: t.devices.map((d) => (d.id === deviceId ? { ...d, params: { ...d.params, [paramId]: value } } : d)),
});

/**
 * Renders `before` as the Player schedules it; at AT (when given) takes `after` in through
 * diffForLive + applyLive, as Player.reconcile does. Returns the render and whether it applied.
 */
async function play(before: ProjectSnapshot, after: ProjectSnapshot | null, fused: boolean): Promise<{ out: AudioBuffer; applied: boolean | null }> {
  const context = new OfflineAudioContext({ numberOfChannels: 2, length: LENGTH * FS, sampleRate: FS });
  await loadWorklets(context, WORKLET_URLS);
  const graph = new RenderGraph(context, before, { buffers, meters: true, limiter: false, fused });
  try {
    expect(graph.tracks.every((t) => (t.strip.constructor.name === 'FusedChannelStrip') === fused)).toBe(true);
    const scheduler = new Scheduler(graph);
    scheduler.start(0);
    scheduler.advance(LENGTH);
    await graph.delivered();
    let applied: boolean | null = null;
    if (after) {
      void context.suspend(AT).then(async () => {
        const diff = diffForLive(graph.snapshot, after);
        applied = diff !== 'rebuild' && graph.applyLive(diff.params, after);
        await graph.delivered();
        await context.resume();
      });
    }
    const out = await context.startRendering();
    return { out, applied };
  } finally {
    graph.dispose();
  }
}

const levelDb = (b: AudioBuffer, c: number, from: number, to: number) => 20 * Math.log10(rms(b.getChannelData(c).subarray(Math.round(from * FS), Math.round(to * FS))));

const CHANGES: readonly (readonly [string, ProjectSnapshot])[] = [
  ['a fader move', edit('a', (t) => ({ ...t, volumeDb: decibels(-9) }))],
  ['a pan move', edit('a', (t) => ({ ...t, pan: 0.8 }))],
  ['a send level', edit('a', (t) => ({ ...t, sends: [{ ...t.sends[0]!, levelDb: decibels(0) }] }))],
  ['a filter cutoff', edit('a', knob('flt', 'cutoff', 300))],
  ['an EQ band gain', edit('a', knob('eq', 'lowMidGain', -8))],
  ['the master fader', edit('master', (t) => ({ ...t, volumeDb: decibels(-4) }))],
];

describe.each([true, false])('live param changes on a playing graph (fused: %s)', (fused) => {
  it.each(CHANGES)('%s applies in place and then sounds as a graph built for the new snapshot', async (_, after) => {
    const live = await play(base, after, fused);
    const reference = (await play(after, null, fused)).out;
    const old = (await play(base, null, fused)).out;
    expect(live.applied).toBe(true);
    for (const c of [0, 1]) {
      // Before the change: the old graph's sound; after the ramp: the new snapshot's.
      expect(Math.abs(levelDb(live.out, c, 0.1, AT) - levelDb(old, c, 0.1, AT))).toBeLessThan(0.01);
      expect(Math.abs(levelDb(live.out, c, SETTLED, LENGTH) - levelDb(reference, c, SETTLED, LENGTH))).toBeLessThan(0.05);
    }
    // The change is audible (the test could fail): the two snapshots sound different.
    const moved = [0, 1].map((c) => Math.abs(levelDb(reference, c, SETTLED, LENGTH) - levelDb(old, c, SETTLED, LENGTH)));
    expect(Math.max(...moved)).toBeGreaterThan(1);
  });

  it('moves a fader by the expected dB, with a ramp and no step', async () => {
    const { out, applied } = await play(base, edit('a', (t) => ({ ...t, volumeDb: decibels(-9) })), fused);
    expect(applied).toBe(true);
    for (const c of [0, 1]) expect(levelDb(out, c, SETTLED, LENGTH) - levelDb(out, c, 0.1, AT)).toBeCloseTo(-6, 1);
    // No sample-to-sample jump bigger than the tone's own slope allows (a step would click).
    const x = out.getChannelData(0);
    let jump = 0;
    for (let i = Math.round(AT * FS) - 256; i < Math.round(SETTLED * FS); i++) jump = Math.max(jump, Math.abs(x[i + 1]! - x[i]!));
    const slope = 2 * Math.PI * (440 / FS) * Math.max(...x.subarray(0, Math.round(AT * FS)).map(Math.abs));
    expect(jump).toBeLessThan(slope * 1.05);
  });

  it('refuses a device param that shapes the structure (filter mode), changing nothing', async () => {
    const { out, applied } = await play(base, edit('a', knob('flt', 'mode', 1)), fused);
    const old = (await play(base, null, fused)).out;
    expect(applied).toBe(false);
    for (const c of [0, 1]) expect(Math.abs(levelDb(out, c, SETTLED, LENGTH) - levelDb(old, c, SETTLED, LENGTH))).toBeLessThan(0.01);
  });
});

const synth = project([track({ id: 'a', kind: 'instrument', clips: [midiClip('c', 'a', 0, 64, Array.from({ length: 64 }, (_, i) => note(60, i, 1, 100, `n${i}`)))] })]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Player.reconcile (real time)', () => {
  it('takes a fader move in the same graph while playing, and refuses a structural change', async () => {
    const context = new AudioContext();
    await context.resume();
    const player = await Player.create(context, synth, { worklets: WORKLET_URLS });
    try {
      player.play(0);
      await sleep(500);
      const graph = player.graph;
      const peakDb = () => player.graph.master.meter?.levels[0]?.peakDb ?? -Infinity;
      const before = peakDb();
      expect(before).toBeGreaterThan(-40);
      const quieter = { ...synth, tracks: [{ ...synth.tracks[0]!, volumeDb: decibels(-12) }] };
      expect(player.reconcile(quieter)).toBe(true);
      expect(player.graph).toBe(graph);
      expect(player.graph.snapshot).toBe(quieter);
      await expect.poll(peakDb, { timeout: 3000 }).toBeLessThan(before - 11);
      expect(peakDb()).toBeGreaterThan(before - 13);
      expect(player.playing).toBe(true);
      const withReverb = { ...quieter, tracks: [{ ...quieter.tracks[0]!, devices: [device('r', 'reverb')] }] };
      expect(player.reconcile(withReverb)).toBe(false);
      expect(player.graph.snapshot).toBe(quieter);
    } finally {
      player.dispose();
      await context.close();
    }
  });
});
