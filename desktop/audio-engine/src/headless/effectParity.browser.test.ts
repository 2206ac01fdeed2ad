import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { renderOffline } from '../core/renderOffline';
import { FusedChannelStrip } from '../graph/fusedStrip';
import { RenderGraph } from '../graph/renderGraph';
import { loadWorklets } from '../nodes/worklets';
import { rms } from '../dsp/meter';
import { audioClip, device, project, track } from '../testing/snapshotBuilder';
import { WORKLET_URLS } from '../worklets/urls';
import { renderProject } from './renderProject';
import type { DecodedAudio } from './sources';

/**
 * The same projects rendered three ways in Chromium: the reference node graph (effects/*), the
 * fused channel processors, and the headless renderer (its plain-TS kernels, run here in the
 * page): one project per effect the headless renderer used to bypass (chorus, distortion,
 * compressor and gate keyed by another track).
 */

const FS = 48_000;
const TONE = 'c'.repeat(64);
const BEAT = 'd'.repeat(64);
const SECONDS = 2;

/** A chord-ish tone (three partials, slow tremolo) and a beat (decaying bursts every 0.25 s). */
function sources(): { buffers: Map<string, AudioBuffer>; audio: Map<string, DecodedAudio> } {
  const n = SECONDS * FS;
  const tone = Float32Array.from({ length: n }, (_, i) => {
    const t = i / FS;
    return (0.3 * Math.sin(2 * Math.PI * 196 * t) + 0.2 * Math.sin(2 * Math.PI * 293.7 * t) + 0.1 * Math.sin(2 * Math.PI * 440 * t)) * (0.8 + 0.2 * Math.sin(2 * Math.PI * 3 * t));
  });
  const beat = Float32Array.from({ length: n }, (_, i) => {
    const t = (i % (FS / 4)) / FS;
    return 0.9 * Math.sin(2 * Math.PI * 60 * t) * Math.exp(-t * 25);
  });
  const buffers = new Map<string, AudioBuffer>();
  const audio = new Map<string, DecodedAudio>();
  for (const [hash, data] of [
    [TONE, tone],
    [BEAT, beat],
  ] as const) {
    const b = new AudioBuffer({ length: n, numberOfChannels: 1, sampleRate: FS });
    b.copyToChannel(data, 0);
    buffers.set(hash, b);
    audio.set(hash, { sampleRate: FS, channels: [data] });
  }
  return { buffers, audio };
}

/** 120 bpm: 4 beats are the 2 s of the assets. */
const clip = (trackId: string, hash: string) => audioClip(`${trackId}-clip`, trackId, hash, 0, 4);

const keyed = (kind: 'compressor' | 'gate', params: Record<string, number>): ProjectSnapshot => {
  const d = { ...device('dyn', kind, params), sidechainTrackId: 'key' };
  // The key hard left, the keyed track hard right: the right channel is the keyed track alone.
  return project([track({ id: 'key', pan: -1, clips: [clip('key', BEAT)] }), track({ id: 'keyed', pan: 1, devices: [d], clips: [clip('keyed', TONE)] })], { bpm: 120 });
};

const CASES: { name: string; snapshot: ProjectSnapshot; channel: number }[] = [
  { name: 'chorus', snapshot: project([track({ id: 'c', devices: [device('ch', 'chorus', { rate: 1.5, depth: 60, delay: 8, mix: 50 })], clips: [clip('c', TONE)] })], { bpm: 120 }), channel: 0 },
  { name: 'distortion', snapshot: project([track({ id: 'd', devices: [device('di', 'distortion', { drive: 18, tone: 4000, mix: 70 })], clips: [clip('d', TONE)] })], { bpm: 120 }), channel: 0 },
  { name: 'sidechained compressor', snapshot: keyed('compressor', { threshold: -30, ratio: 8, attack: 2, release: 80 }), channel: 1 },
  { name: 'sidechained gate', snapshot: keyed('gate', { threshold: -20, attack: 1, hold: 10, release: 50 }), channel: 1 },
];

function errorDb(x: Float32Array, reference: Float32Array): number {
  const diff = x.map((v, i) => v - reference[i]!);
  return 20 * Math.log10(rms(diff) / rms(reference));
}

describe('effect parity: node graph, fused processors and headless renderer', () => {
  it.each(CASES)('$name sounds the same three ways (within -80 dB; measured -104 to -162)', async ({ snapshot, channel }) => {
    const { buffers, audio } = sources();
    const o = { worklets: WORKLET_URLS, sampleRate: FS, tail: 0.5, buffers, limiter: false as const, concurrency: 1 };
    const reference = (await renderOffline(snapshot, { ...o, fused: false })).mix.getChannelData(channel);
    const fused = (await renderOffline(snapshot, o)).mix.getChannelData(channel);
    const headless = await renderProject(snapshot, { bank: null, audio }, { sampleRate: FS, tail: 0.5, limiter: false });
    expect(headless.issues).toEqual([]);
    const h = headless.channels[channel]!;
    const n = Math.min(reference.length, h.length);
    expect(n).toBeGreaterThan(2 * FS);
    expect(rms(reference.subarray(0, n))).toBeGreaterThan(0.01);
    const fusedDb = errorDb(fused.subarray(0, n), reference.subarray(0, n));
    const headlessDb = errorDb(h.subarray(0, n), reference.subarray(0, n));
    console.log(`${snapshot.tracks.map((t) => t.id).join('+')}: fused ${fusedDb.toFixed(1)} dB, headless ${headlessDb.toFixed(1)} dB`);
    expect(fusedDb).toBeLessThan(-80);
    expect(headlessDb).toBeLessThan(-80);
  });

  it('builds every effect track as a fused channel (the keyed ones with their key on a processor input)', async () => {
    const { buffers } = sources();
    for (const { snapshot } of CASES) {
      const context = new OfflineAudioContext({ numberOfChannels: 2, length: FS, sampleRate: FS });
      await loadWorklets(context, WORKLET_URLS);
      const graph = new RenderGraph(context, snapshot, { buffers, limiter: false });
      for (const t of graph.tracks) expect(t.strip, t.track.id).toBeInstanceOf(FusedChannelStrip);
      const keyed = graph.tracks.find((t) => t.track.id === 'keyed');
      if (keyed) expect(keyed.strip.devices[0]?.sidechain?.index).toBe(1);
      graph.dispose();
    }
  });

  it('the effects act: each differs from the dry track by far more than the tolerance', async () => {
    const { audio } = sources();
    const dry = (await renderProject(project([track({ id: 'c', clips: [clip('c', TONE)] }), track({ id: 'key', pan: -1, mute: true })], { bpm: 120 }), { bank: null, audio }, { sampleRate: FS, tail: 0.5, limiter: false })).channels;
    for (const { snapshot, channel } of CASES) {
      const wet = (await renderProject(snapshot, { bank: null, audio }, { sampleRate: FS, tail: 0.5, limiter: false })).channels[channel]!;
      // Pan law aside (the keyed track is hard right, +3 dB over centre), the effect changes the signal.
      const scale = rms(wet) > 0 ? rms(dry[0]!) / rms(wet) : 1;
      expect(errorDb(wet.map((v) => v * scale), dry[0]!)).toBeGreaterThan(-20);
    }
  });
});
