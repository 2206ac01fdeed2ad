import { describe, expect, it } from 'vitest';
import { downsamplePeaks, quantisePeaks, WaveformPeaks } from './waveformPeaks';
import { inBlocks } from './signals';

describe('WaveformPeaks', () => {
  it('keeps the extremes of each bucket, over every channel', () => {
    // 10 s ramp envelope: bucket b holds |x| ≈ b / buckets.
    const n = 441_000;
    const left = Float32Array.from({ length: n }, (_, i) => i % 2 ? 0.5 * (i / n) : -(i / n));
    const right = Float32Array.from({ length: n }, (_, i) => (i % 1000 === 0 ? 0.99 : 0));
    const peaks = new WaveformPeaks(100);
    inBlocks([left, right], 4096, (b) => peaks.push(b));
    const r = peaks.result();
    expect(r.min.length).toBe(100);
    for (let b = 0; b < 100; b++) {
      expect(r.max[b]).toBeCloseTo(0.99, 5); // the right channel's spikes
      expect(r.min[b]).toBeCloseTo(-(b + 1) / 100, 2);
    }
  });

  it('gives fewer buckets than asked only for very short audio, and is independent of block size', () => {
    const x = Float32Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const p = new WaveformPeaks(2000);
    p.push([x]);
    expect(p.result().min.length).toBe(50);
    const long = Float32Array.from({ length: 100_003 }, (_, i) => Math.sin(i * 0.001) * 0.5);
    const a = new WaveformPeaks(1000);
    inBlocks([long], 100_003, (b) => a.push(b));
    const c = new WaveformPeaks(1000);
    inBlocks([long], 77, (b) => c.push(b));
    expect(Array.from(c.result().max)).toEqual(Array.from(a.result().max));
  });

  it('quantises to int8 and downsamples keeping extremes', () => {
    const q = quantisePeaks({ min: Float32Array.of(-1, -0.5, -2, 0), max: Float32Array.of(1, 0.25, 2, 0) });
    expect(Array.from(q)).toEqual([-127, 127, -63, 32, -127, 127, 0, 0]);
    expect(downsamplePeaks(q, 2)).toEqual({ min: [-127, -127], max: [127, 127] });
    expect(downsamplePeaks(q, 10).min).toHaveLength(4);
  });
});
