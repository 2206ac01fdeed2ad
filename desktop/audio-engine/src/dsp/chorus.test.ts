import { describe, expect, it } from 'vitest';
import { createChorus, processChorus, type ChorusParams } from './chorus';
import { sine } from './testSignals';

const FS = 48_000;

/** `x` through a chorus in 128-frame blocks (mono). */
function run(x: Float32Array, p: ChorusParams): Float32Array {
  const s = createChorus(FS);
  const out = x.slice();
  const scratch = new Float32Array(128);
  for (let at = 0; at < out.length; at += 128) processChorus(s, p, out.subarray(at, at + 128), scratch, 1);
  return out;
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);

describe('chorus kernel', () => {
  it('sweeps its delay around the base delay by the sweep, at the LFO rate', () => {
    // A ramp through a linearly interpolated delay line comes out exactly `delay` frames lower.
    const ramp = Float32Array.from({ length: FS }, (_, n) => n);
    const p = { rate: 2, delay: 0.007, sweep: 0.003, dry: 0, wet: 1 };
    const y = run(ramp, p);
    const delays = Array.from({ length: FS - 1000 }, (_, k) => 1000 + k - y[1000 + k]!);
    expect(Math.max(...delays)).toBeCloseTo((0.01 * FS), 0);
    expect(Math.min(...delays)).toBeCloseTo((0.004 * FS), 0);
    for (const n of [1000, 5000, 20_000, 40_000]) {
      const expected = (0.007 + 0.003 * Math.sin((2 * Math.PI * 2 * n) / FS)) * FS;
      expect(n - y[n]!).toBeCloseTo(expected, 1);
    }
  });

  it('keeps a DC level and a sine level; dry and wet add', () => {
    const dc = run(new Float32Array(FS / 2).fill(0.5), { rate: 1.5, delay: 0.007, sweep: 0.0035, dry: 0.5, wet: 0.5 });
    for (const n of [1000, 10_000, 23_999]) expect(dc[n]).toBeCloseTo(0.5, 6);
    const x = sine(FS, 220, FS, 0.5);
    const wet = run(x, { rate: 0.8, delay: 0.007, sweep: 0.0021, dry: 0, wet: 1 });
    expect(20 * Math.log10(rms(wet.subarray(4800)) / rms(x.subarray(4800)))).toBeCloseTo(0, 1);
    // Half dry, half wet: the comb of the moving delay makes the level move, on average a little lower.
    const mixed = run(x, { rate: 0.8, delay: 0.007, sweep: 0.0021, dry: 0.5, wet: 0.5 });
    expect(rms(mixed)).toBeLessThan(rms(x));
    expect(rms(mixed)).toBeGreaterThan(0.3 * rms(x));
  });

  it('runs stereo channels through the same sweep', () => {
    const s = createChorus(FS);
    const l = sine(128, 440, FS);
    const r = l.slice();
    for (let b = 0; b < 20; b++) processChorus(s, { rate: 3, delay: 0.005, sweep: 0.002, dry: 0.3, wet: 0.7 }, l, r, 2);
    expect(Array.from(r)).toEqual(Array.from(l));
  });
});
