import { describe, expect, it } from 'vitest';
import { Decimator, Framer } from './decimator';
import { Fft, MagnitudeSpectrum } from './fft';

describe('Fft', () => {
  it('matches a direct DFT', () => {
    const n = 64;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) + 0.3 * Math.cos(i * 2.1));
    const re = x.slice();
    const im = new Float64Array(n);
    new Fft(n).transform(re, im);
    for (let k = 0; k < n; k++) {
      let dr = 0;
      let di = 0;
      for (let t = 0; t < n; t++) {
        dr += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
        di -= x[t]! * Math.sin((2 * Math.PI * k * t) / n);
      }
      expect(re[k]).toBeCloseTo(dr, 9);
      expect(im[k]).toBeCloseTo(di, 9);
    }
  });

  it('puts a sine in its bin', () => {
    const frame = Float32Array.from({ length: 1024 }, (_, i) => Math.sin((2 * Math.PI * 100 * i) / 1024));
    const mags = new MagnitudeSpectrum(1024).of(frame);
    expect(mags.indexOf(Math.max(...mags))).toBe(100);
    expect(() => new Fft(100)).toThrow(RangeError);
  });
});

describe('Decimator and Framer', () => {
  it('keeps a 1 kHz tone and removes one above the new Nyquist', () => {
    const fs = 44_100;
    const d = new Decimator(fs);
    expect(d.factor).toBe(4);
    expect(d.outputRate).toBe(11_025);
    const rms = (hz: number) => {
      const dec = new Decimator(fs);
      const x = Float32Array.from({ length: fs }, (_, i) => Math.sin((2 * Math.PI * hz * i) / fs));
      const y = dec.push([x, x]).subarray(1000);
      return Math.sqrt(y.reduce((a, v) => a + v * v, 0) / y.length);
    };
    expect(rms(1000)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(rms(9000)).toBeLessThan(0.001);
  });

  it('frames a stream with overlap, whatever the block sizes', () => {
    const frames: number[][] = [];
    const f = new Framer(4, 2, (fr) => frames.push(Array.from(fr)));
    f.push(Float32Array.of(0, 1, 2));
    f.push(Float32Array.of(3, 4, 5, 6, 7));
    expect(frames).toEqual([[0, 1, 2, 3], [2, 3, 4, 5], [4, 5, 6, 7]]);
  });
});
