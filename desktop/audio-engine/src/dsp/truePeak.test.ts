import { describe, expect, it } from 'vitest';
import { gainToDb } from '@encore/shared/units';
import { nextHistory, TRUE_PEAK_HISTORY, truePeak } from './truePeak';
import { peak } from './meter';

/** A sine at fs/4 with 45° phase: every sample is ±√½, the waveform between them reaches ±1. */
const quarterRateSine = (length: number, amplitude = 1) =>
  Float32Array.from({ length }, (_, n) => amplitude * Math.sin((Math.PI / 2) * n + Math.PI / 4));

describe('truePeak', () => {
  it('finds the inter-sample peak of a sine at fs/4 with 45° phase', () => {
    const x = quarterRateSine(4_800);
    expect(peak(x)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(gainToDb(peak(x))).toBeCloseTo(-3.01, 2);
    // BS.1770-4 allows the 4x estimate to read low by up to ~0.7 dB in general; here it must be within 0.2.
    expect(Math.abs(gainToDb(truePeak(x)))).toBeLessThan(0.2);
  });

  it('scales with the signal', () => {
    const x = quarterRateSine(4_800, 0.25);
    expect(Math.abs(gainToDb(truePeak(x)) - gainToDb(0.25))).toBeLessThan(0.2);
  });

  it('reads silence as 0 and never below the sample peak', () => {
    expect(truePeak(new Float32Array(256))).toBe(0);
    expect(truePeak(new Float32Array(0))).toBe(0);
    const impulse = new Float32Array(64);
    impulse[10] = -0.9;
    expect(truePeak(impulse)).toBeGreaterThanOrEqual(peak(impulse));
    const dc = new Float32Array(256).fill(0.5);
    expect(truePeak(dc)).toBeGreaterThanOrEqual(peak(dc));
  });

  it('gives the same answer block by block, with history, as over the whole signal', () => {
    const x = quarterRateSine(1_000).map((v, n) => v * (n % 7 === 0 ? 0.3 : 1));
    const whole = truePeak(x);
    let history: Float32Array = new Float32Array(TRUE_PEAK_HISTORY);
    let max = 0;
    for (let start = 0; start < x.length; start += 37) {
      const block = x.subarray(start, start + 37);
      max = Math.max(max, truePeak(block, history));
      history = nextHistory(history, block);
    }
    expect(max).toBeCloseTo(whole, 12);
  });

  it('keeps the newest samples last in the history, for blocks shorter than it', () => {
    const h = nextHistory(Float32Array.from({ length: TRUE_PEAK_HISTORY }, (_, i) => i + 1), new Float32Array([100, 200]));
    expect(Array.from(h)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 100, 200]);
    const long = Float32Array.from({ length: 20 }, (_, i) => i);
    expect(Array.from(nextHistory(new Float32Array(TRUE_PEAK_HISTORY), long))).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });
});
