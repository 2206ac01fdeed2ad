import { describe, expect, it } from 'vitest';
import { seconds } from '@encore/shared/units';
import { createMeter, peak, peakDb, rms, rmsDb, step, type MeterState } from './meter';

const FS = 48_000;
const sine = (length: number, hz: number, amplitude = 1) =>
  Float32Array.from({ length }, (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / FS));

/** Feeds `signal` to the meter in 480-sample (10 ms) blocks, so times land on block edges. */
function run(meter: MeterState, signal: Float32Array, blockSize = 480): MeterState {
  for (let i = 0; i < signal.length; i += blockSize) meter = step(meter, signal.subarray(i, i + blockSize), FS);
  return meter;
}

describe('levels of a block', () => {
  it('reads a full-scale sine as peak 1.0 / 0 dBFS and RMS -3.01 dBFS', () => {
    const x = sine(4_800, 1_000); // 100 whole periods
    expect(peak(x)).toBe(1);
    expect(peakDb(x)).toBe(0);
    expect(rms(x)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(rmsDb(x)).toBeCloseTo(-3.0103, 3);
  });

  it('reads silence as -Infinity', () => {
    expect(peakDb(new Float32Array(128))).toBe(-Infinity);
    expect(rmsDb(new Float32Array(128))).toBe(-Infinity);
    expect(rmsDb(new Float32Array(0))).toBe(-Infinity);
  });

  it('reads DC as its magnitude for both peak and RMS', () => {
    const x = new Float32Array(256).fill(-0.5);
    expect(peak(x)).toBe(0.5);
    expect(rms(x)).toBe(0.5);
    expect(peakDb(x)).toBeCloseTo(-6.0206, 3);
    expect(rmsDb(x)).toBeCloseTo(-6.0206, 3);
  });
});

describe('ballistic meter', () => {
  it('starts silent', () => {
    const m = createMeter();
    expect([m.peakDb, m.holdDb, m.rmsDb, m.truePeakMaxDb]).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
  });

  it('attacks instantly and releases the peak bar at the configured rate', () => {
    let m = run(createMeter({ releaseDbPerSecond: 20 }), new Float32Array(480).fill(1));
    expect(m.peakDb).toBe(0);
    m = run(m, new Float32Array(FS)); // 1 s of silence
    expect(m.peakDb).toBeCloseTo(-20, 9);
    m = run(m, new Float32Array(FS / 2));
    expect(m.peakDb).toBeCloseTo(-30, 9);
  });

  it('holds the marker for the hold time, then releases it at the same rate', () => {
    let m = run(createMeter({ holdTime: seconds(1.5), releaseDbPerSecond: 20 }), new Float32Array(480).fill(0.5));
    const held = m.holdDb;
    expect(held).toBeCloseTo(-6.0206, 3);
    m = run(m, new Float32Array(1.4 * FS));
    expect(m.holdDb).toBe(held);
    expect(m.peakDb).toBeCloseTo(held - 28, 6);
    m = run(m, new Float32Array(0.1 * FS)); // exactly 1.5 s: the hold ends now
    expect(m.holdDb).toBeCloseTo(held, 9);
    m = run(m, new Float32Array(0.5 * FS)); // 0.5 s past the hold
    expect(m.holdDb).toBeCloseTo(held - 10, 6);
  });

  it('applies the release only to the part of a block beyond the hold', () => {
    let m = step(createMeter({ holdTime: seconds(0.25), releaseDbPerSecond: 40 }), new Float32Array(480).fill(1), FS);
    m = step(m, new Float32Array(FS), FS); // one 1 s block: 0.25 s held, 0.75 s falling
    expect(m.holdDb).toBeCloseTo(-30, 9);
  });

  it('re-arms the hold on a new higher peak, not on a lower one', () => {
    let m = run(createMeter({ holdTime: seconds(1) }), new Float32Array(480).fill(0.25));
    m = run(m, new Float32Array(0.5 * FS));
    m = run(m, new Float32Array(480).fill(0.1)); // lower: the marker stays, the hold keeps counting
    expect(m.holdDb).toBeCloseTo(-12.04, 2);
    m = run(m, new Float32Array(0.6 * FS));
    expect(m.holdDb).toBeLessThan(-12.1);
    m = run(m, new Float32Array(480).fill(1));
    expect(m.holdDb).toBe(0);
    expect(m.holdRemaining).toBe(1);
  });

  it('measures RMS over the sliding window, silence before the first block included', () => {
    const window = seconds(0.3);
    let m = run(createMeter({ rmsWindow: window }), sine(0.15 * FS + 480, 1_000));
    // Half the window holds the sine, half the silence before it: half the energy, -3 dB more.
    expect(m.rmsDb).toBeCloseTo(-6.02, 0);
    m = run(m, sine(0.3 * FS, 1_000));
    expect(m.rmsDb).toBeCloseTo(-3.01, 2);
    m = run(m, new Float32Array(0.3 * FS + 480 * 2));
    expect(m.rmsDb).toBe(-Infinity);
  });

  it('gives the same reading whatever the block size', () => {
    const x = sine(FS, 440, 0.5);
    const a = run(createMeter(), x, 128);
    const b = run(createMeter(), x, 1_000);
    expect(a.rmsDb).toBeCloseTo(b.rmsDb, 6);
    expect(a.truePeakMaxDb).toBeCloseTo(b.truePeakMaxDb, 9);
  });

  it('keeps the highest true peak', () => {
    const x = Float32Array.from({ length: 4_800 }, (_, n) => Math.sin((Math.PI / 2) * n + Math.PI / 4));
    let m = run(createMeter(), x, 128);
    expect(m.peakDb).toBeCloseTo(-3.01, 2);
    expect(Math.abs(m.truePeakMaxDb)).toBeLessThan(0.2);
    m = run(m, new Float32Array(FS * 5));
    expect(Math.abs(m.truePeakMaxDb)).toBeLessThan(0.2);
  });

  it('is pure: the previous state is left as it was', () => {
    const before = run(createMeter(), sine(4_800, 1_000));
    const snapshot = structuredClone(before);
    step(before, new Float32Array(480).fill(0.9), FS);
    expect(before).toEqual(snapshot);
  });

  it('starts from rest when the sample rate changes', () => {
    let m = run(createMeter(), sine(FS, 1_000));
    m = step(m, new Float32Array(441), 44_100);
    expect(m.sampleRate).toBe(44_100);
    expect(m.peakDb).toBe(-Infinity);
    expect(m.rmsDb).toBe(-Infinity);
  });

  it('refuses nonsense options and sample rates', () => {
    expect(() => createMeter({ rmsWindow: seconds(0) })).toThrow(RangeError);
    expect(() => createMeter({ releaseDbPerSecond: -1 })).toThrow(RangeError);
    expect(() => step(createMeter(), new Float32Array(1), 0)).toThrow(RangeError);
  });
});
