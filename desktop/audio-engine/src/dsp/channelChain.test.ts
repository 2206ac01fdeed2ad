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
  it('a keyed compressor listens to its key block; a key without channels leaves it listening to its input', () => {
    const spec = [{ kind: 'compressor' as const, slot: 0, key: 0 }];
    const values = Float64Array.from([-30, 20, 0, 0, 0.001, 0.05]);
    const run = (key: Float32Array[] | null, level: number) => {
      const chain = createChain(spec, FS);
      let l = new Float32Array(128);
      for (let b = 0; b < 40; b++) {
        l = new Float32Array(128).fill(level);
        processChain(chain, values, l, new Float32Array(128), 1, key ? [key] : [[]]);
      }
      return l[127]! / level;
    };
    // A quiet input (-40 dB) stays as it is unless a loud key (0 dB) pushes the gain down.
    expect(run([new Float32Array(128).fill(0)], 0.01)).toBeCloseTo(1, 6);
    expect(run([new Float32Array(128).fill(1)], 0.01)).toBeLessThan(10 ** (-25 / 20));
    // A loud input under a silent key passes; with no key at all, it compresses itself.
    expect(run([new Float32Array(128).fill(0)], 1)).toBeCloseTo(1, 6);
    expect(run(null, 1)).toBeLessThan(10 ** (-25 / 20));
  });

  it('chorus and distortion stages read their slots (dry 1, wet 0 passes the input)', () => {
    const chain = createChain([{ kind: 'chorus', slot: 0 }, { kind: 'distortion', slot: 5 }], FS);
    const l = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i / 5) * 0.5);
    const x = l.slice();
    expect(processChain(chain, Float64Array.from([1.5, 0.007, 0.003, 1, 0, 4, 3000, 1, 0]), l, new Float32Array(128), 1)).toBe(1);
    expect(Array.from(l)).toEqual(Array.from(x));
  });
});
