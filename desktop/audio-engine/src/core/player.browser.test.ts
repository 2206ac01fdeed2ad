import { describe, expect, it } from 'vitest';
import { WORKLET_URLS } from '../worklets/urls';
import { Player } from './player';
import { midiClip, note, project, track } from '../testing/snapshotBuilder';
import { MeterNode } from '../nodes/MeterNode';
import { loadWorklets } from '../nodes/worklets';
import { RenderGraph } from '../graph/renderGraph';
import { Scheduler } from './scheduler';
import { peak } from '../dsp/meter';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const synth = project([track({ id: 'a', kind: 'instrument', clips: [midiClip('c', 'a', 0, 64, Array.from({ length: 64 }, (_, i) => note(60 + (i % 7), i, 0.5, 100, `n${i}`)))] })]);

describe('Player (real time)', () => {
  it('schedules a short window ahead of the playhead, meters the master, and stops', async () => {
    const context = new AudioContext();
    await context.resume();
    const player = await Player.create(context, synth, { worklets: WORKLET_URLS, lookahead: 0.2 });
    player.play(0);
    await sleep(600);
    expect(player.playing).toBe(true);
    expect(player.position).toBeGreaterThan(0.3);
    // Look-ahead, not the whole song: at most ~lookahead + one interval past the playhead.
    const scheduler = (player as unknown as { scheduler: Scheduler }).scheduler;
    expect(scheduler.scheduledUntil - player.position).toBeLessThan(0.3);
    expect(player.graph.master.meter?.levels[0]?.peakDb ?? -Infinity).toBeGreaterThan(-40);
    player.stop();
    const stoppedAt = player.position;
    await sleep(100);
    expect(player.position).toBe(stoppedAt);
    player.dispose();
    expect(() => player.play()).toThrow(/disposed/);
    await context.close();
  });
});

describe('MeterNode', () => {
  it('posts peak and RMS levels of its input', async () => {
    const context = new OfflineAudioContext(2, 48_000, 48_000);
    await loadWorklets(context, WORKLET_URLS);
    const received: number[] = [];
    const meter = new MeterNode(context, { interval: 0.05, onLevels: (l) => received.push(l[0]!.peakDb) });
    const osc = new OscillatorNode(context, { frequency: 1000 });
    const gain = new GainNode(context, { gain: 0.5 });
    osc.connect(gain).connect(meter.input);
    osc.start();
    await context.startRendering();
    await sleep(100);
    expect(received.length).toBeGreaterThan(5);
    expect(meter.levels[0]!.peakDb).toBeCloseTo(-6.02, 1);
    expect(meter.levels[0]!.rmsDb).toBeCloseTo(-9.03, 0);
    meter.dispose();
  });
});

describe('dispose', () => {
  it.each([
    // Fused: the track's channel (its voices inside) and the master's channel, both connected.
    { fused: true, nodes: 1 },
    { fused: false, nodes: 10 },
  ])('disconnects every node of the graph and releases its processors (fused: $fused)', async ({ fused, nodes }) => {
    const context = new OfflineAudioContext(2, 48_000, 48_000);
    await loadWorklets(context, WORKLET_URLS);
    const disconnected = new Set<AudioNode>();
    const original = AudioNode.prototype.disconnect;
    const connected = new Set<AudioNode>();
    const originalConnect = AudioNode.prototype.connect;
    AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
      connected.add(this);
      return (originalConnect as (...a: unknown[]) => AudioNode).apply(this, args);
    } as typeof AudioNode.prototype.connect;
    AudioNode.prototype.disconnect = function (this: AudioNode, ...args: unknown[]) {
      disconnected.add(this);
      return (original as (...a: unknown[]) => void).apply(this, args);
    } as typeof AudioNode.prototype.disconnect;
    try {
      const graph = new RenderGraph(context, synth, { meters: true, fused });
      const scheduler = new Scheduler(graph);
      scheduler.start(0);
      scheduler.advance(1);
      graph.dispose();
      expect(graph.isDisposed).toBe(true);
      // Every node that was ever connected has been disconnected again.
      expect([...connected].filter((n) => !disconnected.has(n))).toEqual([]);
      expect(connected.size).toBeGreaterThan(nodes);
    } finally {
      AudioNode.prototype.disconnect = original;
      AudioNode.prototype.connect = originalConnect;
    }
    const rendered = await context.startRendering();
    expect(peak(rendered.getChannelData(0))).toBe(0);
  });
});
