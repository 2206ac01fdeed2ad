import { describe, expect, it } from 'vitest';
import { bucketsFor, computePeaks, peakColumns } from './peaks';

describe('waveform peaks', () => {
  it('takes the min and max of every channel per bucket', () => {
    const left = new Float32Array([0, 0.5, -0.25, 0.1, 0, 0, 0.9, -0.9]);
    const right = new Float32Array([0, -0.75, 0, 0, 0.2, 0.1, 0, 0]);
    const p = computePeaks([left, right], 4);
    expect([...p.min]).toEqual([-0.75, -0.25, 0, -0.8999999761581421]);
    expect([...p.max]).toEqual([0.5, 0.10000000149011612, 0.20000000298023224, 0.8999999761581421]);
    expect([...peakColumns(p)].map((v) => Math.round(v * 100) / 100)).toEqual([0.75, 0.25, 0.2, 0.9]);
  });

  it('follows a sine: every bucket of a full-scale tone spans ±1, silence is 0', () => {
    const tone = Float32Array.from({ length: 48_000 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 48_000));
    const p = computePeaks([tone], bucketsFor(1));
    expect(p.max.length).toBe(100);
    for (let i = 0; i < 100; i++) {
      expect(p.max[i]).toBeGreaterThan(0.99);
      expect(p.min[i]).toBeLessThan(-0.99);
    }
    expect([...computePeaks([new Float32Array(10)], 4).max]).toEqual([0, 0, 0, 0]);
  });

  it('never makes more buckets than frames, nor fewer than one', () => {
    expect(computePeaks([new Float32Array([0.5, -0.5])], 100).max.length).toBe(2);
    expect(computePeaks([], 10).max.length).toBe(1);
    expect(bucketsFor(0.01)).toBe(64);
    expect(bucketsFor(3600)).toBe(16_384);
  });
});
