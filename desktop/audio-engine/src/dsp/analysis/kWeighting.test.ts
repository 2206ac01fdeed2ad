import { describe, expect, it } from 'vitest';
import { KWeighting, kWeightingCoefficients, type Biquad } from './kWeighting';

/** |H(e^jw)| in dB of a biquad at `hz`. */
function responseDb(b: Biquad, hz: number, fs: number): number {
  const w = (2 * Math.PI * hz) / fs;
  const z = (c0: number, c1: number, c2: number) => [c0 + c1 * Math.cos(-w) + c2 * Math.cos(-2 * w), c1 * Math.sin(-w) + c2 * Math.sin(-2 * w)] as const;
  const [nr, ni] = z(b.b0, b.b1, b.b2);
  const [dr, di] = z(1, b.a1, b.a2);
  return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
}

describe('K-weighting', () => {
  it('reproduces the 48 kHz coefficients of BS.1770-4 Tables 1 and 2', () => {
    const [s, h] = kWeightingCoefficients(48_000);
    expect(s.b0).toBeCloseTo(1.53512485958697, 10);
    expect(s.b1).toBeCloseTo(-2.69169618940638, 10);
    expect(s.b2).toBeCloseTo(1.19839281085285, 10);
    expect(s.a1).toBeCloseTo(-1.69065929318241, 10);
    expect(s.a2).toBeCloseTo(0.73248077421585, 10);
    expect([h.b0, h.b1, h.b2]).toEqual([1, -2, 1]);
    expect(h.a1).toBeCloseTo(-1.99004745483398, 10);
    expect(h.a2).toBeCloseTo(0.99007225036621, 10);
  });

  it.each([32_000, 44_100, 48_000, 88_200, 96_000, 192_000])('has the same response at %i Hz: +0.69 dB at 997 Hz, +4 dB at 10 kHz, cut below 40 Hz', (fs) => {
    const [s, h] = kWeightingCoefficients(fs);
    const db = (hz: number) => responseDb(s, hz, fs) + responseDb(h, hz, fs);
    expect(db(997)).toBeCloseTo(0.691, 1);
    expect(db(10_000)).toBeGreaterThan(3.9);
    expect(db(10_000)).toBeLessThan(4.3);
    expect(db(20)).toBeLessThan(-10);
    // The same analogue prototype: at any rate the response matches 48 kHz's below 10 kHz.
    const [s48, h48] = kWeightingCoefficients(48_000);
    for (const hz of [30, 100, 1000, 5000]) expect(db(hz)).toBeCloseTo(responseDb(s48, hz, 48_000) + responseDb(h48, hz, 48_000), 1);
  });

  it('filters a stream block by block exactly as in one go', () => {
    const x = Float32Array.from({ length: 1000 }, (_, n) => Math.sin(n * 0.3) * ((n * 7919) % 13) / 13);
    const whole = new Float64Array(1000);
    new KWeighting(44_100).process(x, whole);
    const kw = new KWeighting(44_100);
    const parts = new Float64Array(1000);
    for (let i = 0; i < 1000; i += 137) {
      const out = new Float64Array(Math.min(137, 1000 - i));
      kw.process(x.subarray(i, i + 137), out);
      parts.set(out, i);
    }
    expect(Array.from(parts)).toEqual(Array.from(whole));
  });

  it('rejects a non-positive sample rate', () => {
    expect(() => kWeightingCoefficients(0)).toThrow(RangeError);
  });
});
