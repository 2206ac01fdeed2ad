import { describe, expect, it } from 'vitest';
import { createDistortion, DISTORTION_CURVE, DISTORTION_PRE, OVERSAMPLING_LATENCY, processDistortion, shape, type DistortionParams } from './distortion';
import { goertzel, sine } from './testSignals';

const FS = 48_000;

function run(x: Float32Array, p: DistortionParams): Float32Array {
  const s = createDistortion(FS);
  const out = x.slice();
  const scratch = new Float32Array(128);
  for (let at = 0; at < out.length; at += 128) processDistortion(s, p, out.subarray(at, at + 128), scratch, 1);
  return out;
}

const amplitude = (x: Float32Array, hz: number) => 2 * Math.sqrt(goertzel(x, hz, FS));
const db = (v: number) => 20 * Math.log10(v);

describe('distortion kernel', () => {
  it('reads the curve as the WaveShaperNode does: ends map to ±1, clamped beyond', () => {
    expect(shape(DISTORTION_CURVE, 0)).toBe(0);
    expect(shape(DISTORTION_CURVE, 1)).toBeCloseTo(1, 6);
    expect(shape(DISTORTION_CURVE, 3)).toBeCloseTo(1, 6);
    expect(shape(DISTORTION_CURVE, -2)).toBeCloseTo(-1, 6);
    expect(shape(DISTORTION_CURVE, 0.25)).toBeCloseTo(Math.tanh(1) / Math.tanh(4), 4);
  });

  it('adds odd harmonics of a sine at the levels of tanh, and no even ones', () => {
    // 200 Hz (a whole number of cycles in the window), drive 12 dB, tone fully open.
    const hz = 200;
    const g = 10 ** (12 / 20);
    const x = sine(FS, hz, FS, 0.5);
    const y = run(x, { drive: DISTORTION_PRE * g, tone: 20_000, dry: 0, wet: 1 }).subarray(2400, 2400 + 36_000);
    // The ideal static curve on the same sine: tanh(g·x) / tanh(4).
    const ideal = Float32Array.from(x.subarray(0, 36_000), (v) => Math.tanh(g * v) / Math.tanh(4));
    for (const k of [1, 3, 5, 7]) {
      const expected = amplitude(ideal, k * hz);
      expect(expected).toBeGreaterThan(k === 7 ? 1e-3 : 0.01);
      expect(Math.abs(db(amplitude(y, k * hz)) - db(expected))).toBeLessThan(0.2);
    }
    const fundamental = amplitude(y, hz);
    for (const k of [2, 4, 6]) expect(db(amplitude(y, k * hz) / fundamental)).toBeLessThan(-90);
  });

  it('delays its wet path by the oversampler latency and leaves drive 0 dB nearly clean', () => {
    const x = sine(4800, 100, FS, 0.1);
    const y = run(x, { drive: DISTORTION_PRE, tone: 20_000, dry: 0, wet: 1 });
    let err = 0;
    let ref = 0;
    for (let n = 1000; n < 4800; n++) {
      const e = Math.tanh(x[n - OVERSAMPLING_LATENCY]! ) / Math.tanh(4);
      err += (y[n]! - e) ** 2;
      ref += e * e;
    }
    expect(db(Math.sqrt(err / ref))).toBeLessThan(-40);
  });

  it('tone lowpass takes the high harmonics down; mix 0 is the dry signal', () => {
    const x = sine(FS / 2, 1000, FS, 0.8);
    const open = run(x, { drive: DISTORTION_PRE * 8, tone: 20_000, dry: 0, wet: 1 }).subarray(4800);
    const dark = run(x, { drive: DISTORTION_PRE * 8, tone: 1500, dry: 0, wet: 1 }).subarray(4800);
    expect(db(amplitude(dark, 5000) / amplitude(open, 5000))).toBeLessThan(-20);
    expect(Array.from(run(x, { drive: 4, tone: 3000, dry: 1, wet: 0 }))).toEqual(Array.from(x));
  });
});
