import { describe, expect, it } from 'vitest';
import { biquadCoefficients, createBiquadState, processBiquad } from './biquad';
import { createChain, processChain } from './channelChain';

const FS = 48_000;

describe('channel chain', () => {
  it('a biquad stage is the cookbook biquad, reading lowpass Q in Web Audio dB', () => {
    const chain = createChain([{ kind: 'biquad', slot: 0, type: 'lowpass' }], FS);
    const l = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i / 3));
    const expected = l.slice();
    processBiquad(biquadCoefficients('lowpass', 500, Math.SQRT1_2, 0, FS), createBiquadState(), expected, expected);
    processChain(chain, Float64Array.from([500, 20 * Math.log10(Math.SQRT1_2), 0]), l, new Float32Array(128), 1);
    for (let i = 0; i < 128; i++) expect(l[i]).toBeCloseTo(expected[i]!, 6);
  });

  it('a feedback delay repeats an impulse, each pass one render quantum later as in a native cycle', () => {
    const chain = createChain([{ kind: 'delay', slot: 0, maxDelay: 1 }], FS);
    const values = Float64Array.from([300 / FS, 0.5, 0, 1]);
    const out: number[] = [];
    for (let b = 0; b < 8; b++) {
      const l = new Float32Array(128);
      if (b === 0) l[0] = 1;
      processChain(chain, values, l, new Float32Array(128), 1);
      out.push(...l);
    }
    const hits = out.flatMap((v, i) => (v !== 0 ? [[i, v]] : []));
    expect(hits).toEqual([
      [300, 1],
      [728, 0.5],
    ]);
  });

  it('a limiter stage makes the signal stereo and reports its look-ahead as latency', () => {
    const chain = createChain([{ kind: 'limiter', slot: 0, lookahead: 0.005 }], FS);
    expect(chain.latency).toBe(240);
    const l = new Float32Array(128).fill(0.1);
    const r = new Float32Array(128);
    expect(processChain(chain, Float64Array.from([0, 0.05]), l, r, 1)).toBe(2);
  });
});
