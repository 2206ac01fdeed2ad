import { describe, expect, it } from 'vitest';
import { createAdsr, DEFAULT_ADSR, gateOff, gateOn, renderAdsr, Stage } from './envelope';
import { createOscillator, midiToHz, renderOscillator, type Waveform } from './oscillator';
import { goertzel, spectralPeak } from './testSignals';

const FS = 48_000;

function render(waveform: Waveform, hz: number, length = FS / 4): Float32Array {
  const out = new Float32Array(length);
  const osc = createOscillator();
  for (let i = 0; i < length; i += 128) renderOscillator(osc, waveform, hz, FS, out, i, Math.min(length, i + 128));
  return out;
}

describe('polyBLEP oscillators', () => {
  it.each(['sine', 'triangle', 'square', 'sawtooth'] as const)('%s has its fundamental at 440 Hz and stays within ±1.1', (w) => {
    const x = render(w, 440);
    expect(spectralPeak(x, FS, 200, 2000, 5)).toBe(440);
    let peak = 0;
    for (const v of x.subarray(FS / 20)) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeLessThan(1.1);
    expect(peak).toBeGreaterThan(0.9);
  });

  it('has the harmonic series of a saw (1/n) and a square (odd only)', () => {
    const saw = render('sawtooth', 500);
    const sq = render('square', 500);
    const db = (x: Float32Array, hz: number) => 10 * Math.log10(goertzel(x, hz, FS));
    expect(db(saw, 1000) - db(saw, 500)).toBeCloseTo(-6.02, 0);
    expect(db(sq, 1500) - db(sq, 500)).toBeCloseTo(-9.54, 0);
    expect(db(sq, 1000) - db(sq, 500)).toBeLessThan(-40);
  });

  it('aliases far less than a naive saw', () => {
    // 3 kHz at 48 kHz: harmonic 9 (27 kHz) folds to 21 kHz; polyBLEP attenuates it strongly.
    const blep = render('sawtooth', 3000);
    const naive = Float32Array.from({ length: blep.length }, (_, n) => 2 * ((n * 3000) / FS - Math.floor((n * 3000) / FS)) - 1);
    const alias = (x: Float32Array) => 10 * Math.log10(goertzel(x, 21_000, FS));
    expect(alias(blep)).toBeLessThan(alias(naive) - 10);
  });

  it('tunes MIDI pitches to equal temperament', () => {
    expect(midiToHz(69)).toBe(440);
    expect(midiToHz(60)).toBeCloseTo(261.626, 3);
  });
});

describe('ADSR', () => {
  it('attacks linearly, decays to sustain, releases to idle', () => {
    const env = createAdsr({ attack: 0.01, decay: 0.05, sustain: 0.5, release: 0.1 }, FS);
    const out = new Float32Array(FS);
    gateOn(env);
    renderAdsr(env, out, 0, 480);
    expect(out[239]).toBeCloseTo(0.5, 2);
    expect(out[479]).toBeCloseTo(1, 6);
    renderAdsr(env, out, 480, 480 + 0.05 * FS);
    expect(out[480 + 0.05 * FS - 1]).toBeCloseTo(0.505, 2); // 99 % of the way in `decay`
    renderAdsr(env, out, 480 + 0.05 * FS, 24_000);
    expect(env.stage).toBe(Stage.Sustain);
    expect(out[23_999]).toBe(0.5);
    gateOff(env);
    renderAdsr(env, out, 24_000, 24_000 + 0.1 * FS);
    expect(out[24_000 + 0.1 * FS - 1]).toBeCloseTo(0.005, 3);
    renderAdsr(env, out, 24_000 + 0.1 * FS, FS);
    expect(env.stage).toBe(Stage.Idle);
    expect(out[FS - 1]).toBe(0);
  });

  it('retriggers from the current level, without a jump', () => {
    const env = createAdsr(DEFAULT_ADSR, FS);
    const out = new Float32Array(2000);
    gateOn(env);
    renderAdsr(env, out, 0, 1000);
    gateOff(env);
    renderAdsr(env, out, 1000, 1500);
    const before = env.level;
    gateOn(env);
    renderAdsr(env, out, 1500, 1501);
    expect(Math.abs(out[1500]! - before)).toBeLessThan(0.01);
  });
});
