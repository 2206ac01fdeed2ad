import { describe, expect, it } from 'vitest';
import { VoiceEvent } from '../dsp/voices';
import { ChannelMember } from './channelMember';
import type { ChannelMemberOptions } from './protocol';

const FS = 48_000;
const base: ChannelMemberOptions = { inputGain: 1, stages: [], values: [1, 0.5, 0.25], sends: [], input: 0, outputs: [0], voices: null };
const outputs = (n: number): Float32Array[][] => Array.from({ length: n }, () => [new Float32Array(128), new Float32Array(128)]);
const ones = () => [new Float32Array(128).fill(1), new Float32Array(128).fill(1)];

describe('ChannelMember', () => {
  it('adds fader and pan gains into its output, summing with the other members', () => {
    const out = outputs(1);
    const a = new ChannelMember(base, FS);
    const b = new ChannelMember({ ...base, values: [0.5, 1, 1] }, FS);
    a.process(ones(), out, 0, FS);
    b.process(ones(), out, 0, FS);
    expect(out[0]![0]!.every((x) => x === 1)).toBe(true); // 0.5 + 0.5
    expect(out[0]![1]!.every((x) => x === 0.75)).toBe(true); // 0.25 + 0.5
  });

  it('is exact silence when muted, voices included', () => {
    const out = outputs(1);
    const m = new ChannelMember({ ...base, inputGain: 0, voices: { voices: 2, waveform: 'sawtooth', attack: 0, decay: 0.1, sustain: 1, release: 0.1, gain: 1, sample: null } }, FS);
    m.voices?.enqueue([0, VoiceEvent.NoteOn, 1, 69, 127]);
    m.process(ones(), out, 0, FS);
    expect(out.flat().every((ch) => ch.every((x) => x === 0))).toBe(true);
  });

  it('plays its voices, mono into both sides through the pan', () => {
    const out = outputs(1);
    const m = new ChannelMember({ ...base, input: null, voices: { voices: 2, waveform: 'square', attack: 0, decay: 0.1, sustain: 1, release: 0.1, gain: 1, sample: null } }, FS);
    m.voices!.enqueue([10, VoiceEvent.NoteOn, 1, 69, 127]);
    m.process([], out, 0, FS);
    const [l, r] = out[0]!;
    expect(l!.subarray(0, 10).every((x) => x === 0)).toBe(true);
    expect(Math.max(...l!.map(Math.abs))).toBeGreaterThan(0.4);
    for (let i = 0; i < 128; i++) expect(r![i]).toBeCloseTo(l![i]! / 2, 6);
  });

  it('taps sends post or pre fader and delays each edge by its compensation', () => {
    const out = outputs(3);
    const m = new ChannelMember({ ...base, values: [0.5, 1, 1, 0.5, 0.25], sends: [{ pre: false }, { pre: true }], outputs: [0, 1, 2], delays: [0, 0, 32] }, FS);
    m.process(ones(), out, 0, FS);
    expect(out[1]![0]!.every((x) => x === 0.25)).toBe(true); // post: 0.5 fader × 0.5 send
    const pre = out[2]![0]!;
    expect(pre.subarray(0, 32).every((x) => x === 0)).toBe(true);
    expect(pre.subarray(32).every((x) => x === 0.25)).toBe(true); // pre: 1 × 0.25, 32 frames late
  });
});
