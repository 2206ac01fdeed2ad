import { describe, expect, it } from 'vitest';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { sine } from '../dsp/testSignals';
import { audioClip, device, project, track } from '../testing/snapshotBuilder';
import { planMix } from './mixPlan';
import { renderProject } from './renderProject';
import type { DecodedAudio } from './sources';

const SR = 44_100;
const TONE = 'a'.repeat(64);
const KEY = 'b'.repeat(64);
/** A steady 330 Hz tone for 3 s; a 220 Hz key loud for the first second, then silent. */
const audio = new Map<string, DecodedAudio>([
  [TONE, { sampleRate: SR, channels: [sine(3 * SR, 330, SR, 0.5)] }],
  [KEY, { sampleRate: SR, channels: [Float32Array.from(sine(3 * SR, 220, SR, 0.8), (v, i) => (i < SR ? v : 0))] }],
]);
const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / Math.max(1, x.length));
const db = (x: number) => 20 * Math.log10(x);
const at = (x: Float32Array, from: number, to: number) => x.subarray(Math.round(from * SR), Math.round(to * SR));

/** 120 bpm, 6 beats = 3 s. The keyed tone hard right, the key hard left; the keyed track listed first. */
function keyedProject(kind: 'compressor' | 'gate', params: Record<string, number>, keyMuted = false): ProjectSnapshot {
  const dyn = { ...device('dyn', kind, params), sidechainTrackId: 'key' };
  return project(
    [
      track({ id: 'tone', pan: 1, devices: [dyn], clips: [audioClip('t', 'tone', TONE, 0, 6)] }),
      track({ id: 'key', pan: -1, mute: keyMuted, clips: [audioClip('k', 'key', KEY, 0, 6)] }),
    ],
    { bpm: 120 },
  );
}

describe('headless render: sidechains, chorus and distortion', () => {
  it('plans the key source before the track it keys, and marks it as a key', () => {
    const plan = planMix(keyedProject('compressor', {}), { sampleRate: SR, tail: 0, solo: null });
    expect(plan.channels.map((c) => c.id)).toEqual(['key', 'tone', 'master']);
    const tone = plan.channels.find((c) => c.id === 'tone')!;
    expect(tone.keys).toEqual(['key']);
    expect(tone.member.stages).toEqual([{ kind: 'compressor', slot: 3, key: 0 }]);
    expect(plan.channels.find((c) => c.id === 'key')!.isKey).toBe(true);
    expect(plan.issues).toEqual([]);
  });

  it('a compressor keyed by another track ducks while the key plays, and not when the key is muted', async () => {
    const params = { threshold: -30, ratio: 8, attack: 2, release: 50, knee: 0 };
    const r = await renderProject(keyedProject('compressor', params), { bank: null, audio }, { sampleRate: SR, tail: 0, limiter: false });
    expect(r.issues).toEqual([]);
    const right = r.channels[1];
    const ducked = db(rms(at(right, 0.3, 0.9)) / rms(at(right, 1.5, 2.5)));
    // Key peak 0.8 × √2 (hard left, +3 dB) ≈ +1 dBFS: 31 dB over, 8:1 leaves ~27 dB of reduction.
    expect(ducked).toBeLessThan(-20);
    expect(ducked).toBeGreaterThan(-32);
    const free = await renderProject(keyedProject('compressor', params, true), { bank: null, audio }, { sampleRate: SR, tail: 0, limiter: false });
    expect(Math.abs(db(rms(at(free.channels[1], 0.3, 0.9)) / rms(at(free.channels[1], 1.5, 2.5))))).toBeLessThan(0.1);
  });

  it('a gate keyed by another track opens only while the key plays', async () => {
    const r = await renderProject(keyedProject('gate', { threshold: -20, attack: 1, hold: 10, release: 50 }), { bank: null, audio }, { sampleRate: SR, tail: 0, limiter: false });
    const right = r.channels[1];
    expect(rms(at(right, 0.3, 0.9))).toBeGreaterThan(0.3);
    expect(rms(at(right, 1.5, 2.5))).toBeLessThan(1e-4);
  });

  it('runs chorus and distortion instead of bypassing them', async () => {
    const dry = project([track({ id: 'tone', clips: [audioClip('t', 'tone', TONE, 0, 6)] })], { bpm: 120 });
    const base = await renderProject(dry, { bank: null, audio }, { sampleRate: SR, tail: 0, limiter: false });
    for (const d of [device('ch', 'chorus', { mix: 50, depth: 80 }), device('di', 'distortion', { drive: 24, mix: 100 })]) {
      const wet = project([track({ id: 'tone', devices: [d], clips: [audioClip('t', 'tone', TONE, 0, 6)] })], { bpm: 120 });
      const r = await renderProject(wet, { bank: null, audio }, { sampleRate: SR, tail: 0, limiter: false });
      expect(r.issues).toEqual([]);
      const diff = r.channels[0].map((v, i) => v - base.channels[0][i]!);
      expect(db(rms(diff) / rms(base.channels[0])), d.kind).toBeGreaterThan(-20);
    }
  });
});
