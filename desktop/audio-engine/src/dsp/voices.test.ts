import { describe, expect, it } from 'vitest';
import { createAdsr, gateOff, gateOn, renderAdsr } from './envelope';
import { createOscillator, midiToHz, renderOscillator } from './oscillator';
import { VoiceEvent, VoicePool, type VoicePoolOptions } from './voices';

const FS = 48_000;
const OPTIONS: VoicePoolOptions = { voices: 4, waveform: 'sawtooth', attack: 0.005, decay: 0.05, sustain: 0.6, release: 0.05, gain: 0.25, sample: null };

/** Renders `blocks` blocks of 128 frames from frame 0. */
function render(pool: VoicePool, blocks: number): Float32Array {
  const out = new Float32Array(blocks * 128);
  for (let b = 0; b < blocks; b++) pool.render(out.subarray(b * 128, (b + 1) * 128), b * 128);
  return out;
}

describe('VoicePool', () => {
  it('starts a note on its exact frame and is silent before it', () => {
    const pool = new VoicePool(OPTIONS, FS);
    pool.enqueue([1000, VoiceEvent.NoteOn, 1, 69, 127]);
    const out = render(pool, 16);
    expect(out.subarray(0, 1000).every((x) => x === 0)).toBe(true);
    expect(out.subarray(1001, 1100).some((x) => x !== 0)).toBe(true);
  });

  it('matches oscillator × envelope sample by sample through attack, decay, sustain and release', () => {
    const pool = new VoicePool(OPTIONS, FS);
    const off = 40_000; // after the decay has settled: the sustain's shortcut is used
    pool.enqueue([0, VoiceEvent.NoteOn, 1, 57, 100, off, VoiceEvent.NoteOff, 1, 57, 0]);
    const out = render(pool, 400);
    // Reference: the kernels one after the other, as the voice bank did before the pool.
    const osc = createOscillator();
    const env = createAdsr(OPTIONS, FS);
    const wave = new Float32Array(out.length);
    const level = new Float32Array(out.length);
    renderOscillator(osc, 'sawtooth', midiToHz(57), FS, wave, 0, wave.length, OPTIONS.gain * (100 / 127));
    gateOn(env);
    renderAdsr(env, level, 0, off);
    gateOff(env);
    renderAdsr(env, level, off, out.length);
    let worst = 0;
    for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i]! - wave[i]! * level[i]!));
    expect(worst).toBeLessThan(1e-6);
    expect(pool.idleUntil(out.length)).toBe(true);
  });

  it('steals the quietest releasing voice when the pool is full and keeps the newest note', () => {
    const pool = new VoicePool({ ...OPTIONS, voices: 2, waveform: 'sine' }, FS);
    pool.enqueue([0, VoiceEvent.NoteOn, 1, 60, 100, 0, VoiceEvent.NoteOn, 2, 64, 100, 2000, VoiceEvent.NoteOff, 1, 60, 0, 2400, VoiceEvent.NoteOn, 3, 81, 100]);
    const out = render(pool, 100);
    // Note 3 (880 Hz) sounds: count zero crossings over the last 4800 frames (0.1 s), with note 2 (330 Hz) under it.
    let crossings = 0;
    for (let i = out.length - 4800; i < out.length; i++) if (out[i - 1]! <= 0 && out[i]! > 0) crossings++;
    expect(crossings).toBeGreaterThan(60);
  });

  it('sorts a late batch in among the queued events', () => {
    const pool = new VoicePool(OPTIONS, FS);
    pool.enqueue([5000, VoiceEvent.NoteOn, 1, 60, 100]);
    pool.enqueue([200, VoiceEvent.NoteOn, 2, 72, 100]);
    const out = render(pool, 8);
    expect(out.subarray(0, 200).every((x) => x === 0)).toBe(true);
    expect(out.subarray(201, 400).some((x) => x !== 0)).toBe(true);
  });

  it.each(['sawtooth', 'triangle'] as const)('plays the same notes wherever the block grid falls (%s; reused voices restart their wave)', (waveform) => {
    // One voice, so every note after the first reuses it after its release has ended mid-block.
    const o = { ...OPTIONS, voices: 1, waveform };
    const events = (shift: number) => [0, 20_000, 40_000].flatMap((at, i) => [at + shift, VoiceEvent.NoteOn, i, 60 + i, 100, at + 3000 + shift, VoiceEvent.NoteOff, i, 60 + i, 0]);
    const a = new VoicePool(o, FS);
    a.enqueue(events(0));
    const b = new VoicePool(o, FS);
    b.enqueue(events(64));
    const x = render(a, 400);
    const y = render(b, 401).subarray(64, 64 + x.length);
    expect(Math.max(...x.map((v, i) => Math.abs(v - y[i]!)))).toBe(0);
    expect(Math.max(...x.subarray(40_000))).toBeGreaterThan(0.05);
  });
});
