import { describe, expect, it } from 'vitest';
import { biquadCoefficients, BUTTERWORTH_Q, createBiquadState, magnitudeAt, processBiquad, webAudioQ } from './biquad';
import { DelayLine } from './delayLine';
import { sine } from './testSignals';
import { rms } from './meter';

const FS = 48_000;
const db = (g: number) => 20 * Math.log10(g);

describe('RBJ biquad', () => {
  it('Butterworth lowpass and highpass are -3.01 dB at the cutoff', () => {
    for (const fc of [100, 1000, 8000]) {
      expect(db(magnitudeAt(biquadCoefficients('lowpass', fc, BUTTERWORTH_Q, 0, FS), fc, FS))).toBeCloseTo(-3.0103, 3);
      expect(db(magnitudeAt(biquadCoefficients('highpass', fc, BUTTERWORTH_Q, 0, FS), fc, FS))).toBeCloseTo(-3.0103, 3);
    }
  });

  it('lowpass passes DC at unity and falls 12 dB per octave well above the cutoff', () => {
    const lp = biquadCoefficients('lowpass', 100, BUTTERWORTH_Q, 0, FS);
    expect(magnitudeAt(lp, 0.1, FS)).toBeCloseTo(1, 5);
    expect(db(magnitudeAt(lp, 1000, FS)) - db(magnitudeAt(lp, 2000, FS))).toBeCloseTo(12, 0);
  });

  it('peaking and shelves reach their gain', () => {
    expect(db(magnitudeAt(biquadCoefficients('peaking', 2000, 1, 6, FS), 2000, FS))).toBeCloseTo(6, 6);
    expect(db(magnitudeAt(biquadCoefficients('lowshelf', 200, 1, -9, FS), 10, FS))).toBeCloseTo(-9, 1);
    expect(db(magnitudeAt(biquadCoefficients('highshelf', 4000, 1, 4, FS), 20_000, FS))).toBeCloseTo(4, 1);
    expect(db(magnitudeAt(biquadCoefficients('notch', 1000, 5, 0, FS), 1000, FS))).toBeLessThan(-100);
  });

  it('filters a sine as its magnitude response says', () => {
    const c = biquadCoefficients('lowpass', 1000, BUTTERWORTH_Q, 0, FS);
    const x = sine(FS, 1000, FS);
    const y = new Float32Array(x.length);
    processBiquad(c, createBiquadState(), x, y);
    expect(db(rms(y.subarray(FS / 2)) / rms(x.subarray(FS / 2)))).toBeCloseTo(-3.01, 1);
  });

  it('gives Web Audio its lowpass Q in dB', () => {
    expect(webAudioQ('lowpass', BUTTERWORTH_Q)).toBeCloseTo(-3.0103, 3);
    expect(webAudioQ('bandpass', 2)).toBe(2);
  });
});

describe('delay line', () => {
  it('delays by whole and fractional samples', () => {
    const line = new DelayLine(10);
    const out = new Float32Array(6);
    line.process(new Float32Array([1, 0, 0, 0, 0, 0]), out, 3, 0, 1, 0);
    expect([...out]).toEqual([0, 0, 0, 1, 0, 0]);
    const frac = new DelayLine(10);
    for (const x of [0, 1, 0]) frac.push(x);
    expect(frac.read(1.5)).toBeCloseTo(0.5, 6);
  });

  it('feeds back with the given gain', () => {
    const line = new DelayLine(10);
    const out = new Float32Array(7);
    line.process(new Float32Array([1, 0, 0, 0, 0, 0, 0]), out, 2, 0.5, 1, 0);
    expect([...out]).toEqual([0, 0, 1, 0, 0.5, 0, 0.25]);
  });

  it('refuses an impossible length', () => {
    expect(() => new DelayLine(0)).toThrow(RangeError);
  });
});
