import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decibels } from '@encore/shared/units';
import { createCompressor, createGate, processCompressor, processGate, staticCurve } from './compressor';
import { createLimiter, limiterLatency, processLimiter } from './limiter';
import { peak, rms } from './meter';
import { truePeak } from './truePeak';
import { createReverb, processReverb } from './reverb';
import { sine } from './testSignals';

const FS = 48_000;
const db = (g: number) => 20 * Math.log10(g);

describe('compressor', () => {
  const o = { threshold: decibels(-20), ratio: 4, knee: decibels(0) };

  it('static curve: unity below threshold, 1/ratio above', () => {
    expect(staticCurve(-40, o)).toBe(-40);
    expect(staticCurve(-20, o)).toBe(-20);
    expect(staticCurve(0, o)).toBe(-15);
    expect(staticCurve(20, { ...o, ratio: 1 })).toBe(20);
  });

  it('soft knee meets both lines smoothly', () => {
    const soft = { ...o, knee: decibels(10) };
    expect(staticCurve(-25, soft)).toBeCloseTo(-25, 9);
    expect(staticCurve(-15, soft)).toBeCloseTo(staticCurve(-15, o), 9);
    expect(staticCurve(-20, soft)).toBeCloseTo(-20 - 0.9375, 4); // (1/4 - 1)·5² / 20
  });

  it('settles on the static curve for a steady signal', () => {
    for (const levelDb of [-30, -10, 0]) {
      const comp = createCompressor({ ...o, attack: 0.001, release: 0.01 }, FS);
      // A square wave's peak equals its RMS, so the detector level is the level.
      const a = 10 ** (levelDb / 20);
      const x = Float32Array.from({ length: FS / 2 }, (_, n) => (n % 96 < 48 ? a : -a));
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i += 128) processCompressor(comp, [x.subarray(i, i + 128)], [y.subarray(i, i + 128)]);
      expect(db(peak(y.subarray(FS / 4)))).toBeCloseTo(staticCurve(levelDb, o), 1);
    }
  });

  it('adds makeup gain and listens to a sidechain', () => {
    const comp = createCompressor({ ...o, makeup: decibels(6), attack: 0.001 }, FS);
    const quiet = new Float32Array(4800).fill(0.01);
    const loud = new Float32Array(4800).fill(1);
    const y = new Float32Array(4800);
    processCompressor(comp, [quiet], [y], [loud]);
    expect(db(y[4799]! / 0.01)).toBeCloseTo(6 - 15, 0);
  });
});

describe('gate', () => {
  it('passes a signal above threshold and closes on one below', () => {
    const gate = createGate({ threshold: decibels(-30), hold: 0, release: 0.01 }, FS);
    const loud = sine(4800, 500, FS, 0.5);
    const y = new Float32Array(4800);
    processGate(gate, [loud], [y]);
    expect(rms(y.subarray(2400)) / rms(loud.subarray(2400))).toBeCloseTo(1, 2);
    const quiet = sine(4800, 500, FS, 0.001);
    processGate(gate, [quiet], [y]);
    expect(db(rms(y.subarray(2400)) / rms(quiet.subarray(2400)))).toBeLessThan(-60);
  });
});

describe('look-ahead limiter', () => {
  function limit(signal: Float32Array[], ceiling: number, truePeakMode: boolean, block = 128) {
    const lim = createLimiter({ ceiling: decibels(ceiling), lookahead: 0.002, release: 0.03, truePeak: truePeakMode }, FS, signal.length);
    const out = signal.map((c) => new Float32Array(c.length));
    for (let i = 0; i < signal[0]!.length; i += block) {
      processLimiter(lim, signal.map((c) => c.subarray(i, i + block)), out.map((c) => c.subarray(i, i + block)));
    }
    return { out, latency: limiterLatency(lim) };
  }

  it('never exceeds the ceiling (property, random signals, any block size)', () => {
    fc.assert(
      fc.property(
        fc.float32Array({ minLength: 1, maxLength: 3000, noNaN: true, noDefaultInfinity: true, min: -20, max: 20 }),
        fc.float({ min: -24, max: 0, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        (x, ceiling, block) => {
          const { out } = limit([x, x.map((v) => -v / 2)], ceiling, false, block);
          const limit_ = 10 ** (ceiling / 20);
          return out.every((c) => peak(c) <= limit_);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves a quiet signal untouched, only delayed', () => {
    const x = sine(4800, 440, FS, 0.5);
    const { out, latency } = limit([x], -1, true);
    expect(latency).toBe(96);
    for (let i = latency; i < x.length; i++) expect(out[0]![i]).toBeCloseTo(x[i - latency]!, 6);
  });

  it('passes quiet stretches bit for bit and limits only around the bursts, whatever the block size', () => {
    // Quiet 0.3 sine with 1.5 bursts: the limiter must act on the bursts, then come back to rest.
    const x = Float32Array.from({ length: 48_000 }, (_, n) => Math.sin(n * 0.05) * (n % 16_000 < 400 ? 1.5 : 0.3));
    const outs = [1, 128, 1000, 8192].map((block) => limit([x, x], -1, true, block));
    const { out, latency } = outs[0]!;
    const ceiling = 10 ** (-1 / 20);
    expect(peak(out[0]!)).toBeLessThanOrEqual(ceiling);
    // Just after a burst: reduced. Well after it (release done): exactly the delayed input.
    expect(Math.abs(out[0]![200 + latency]!)).toBeLessThan(Math.abs(x[200]!));
    for (let i = 10_000; i < 15_800; i++) expect(out[0]![i + latency]).toBe(x[i]);
    // Block size changes nothing.
    for (const other of outs.slice(1)) expect(other.out[0]).toEqual(out[0]);
  });

  it('keeps the true peak near the ceiling in true-peak mode', () => {
    // A sine at fs/4 with 45° phase: samples at 0.707 A, true peak A (an inter-sample peak).
    const x = Float32Array.from({ length: 9600 }, (_, n) => 2 * Math.sin((Math.PI / 2) * n + Math.PI / 4));
    const { out } = limit([x], -1, true);
    expect(db(truePeak(out[0]!.subarray(2000)))).toBeLessThan(-1 + 0.5);
    const plain = limit([x], -1, false).out[0]!;
    expect(db(truePeak(plain.subarray(2000)))).toBeGreaterThan(0);
  });
});

describe('reverb', () => {
  it('decays by about 60 dB in its decay time', () => {
    const verb = createReverb({ decay: 1, preDelay: 0, mix: 1 }, FS);
    const impulse = new Float32Array(FS * 2);
    impulse[0] = 1;
    const l = new Float32Array(impulse.length);
    const r = new Float32Array(impulse.length);
    for (let i = 0; i < impulse.length; i += 128) {
      const x = impulse.subarray(i, i + 128);
      processReverb(verb, x, x, l.subarray(i, i + 128), r.subarray(i, i + 128));
    }
    const early = rms(l.subarray(0.05 * FS, 0.15 * FS));
    const late = rms(l.subarray(1.05 * FS, 1.15 * FS));
    expect(db(late / early)).toBeLessThan(-45);
    expect(db(late / early)).toBeGreaterThan(-75);
    expect(rms(r.subarray(0, FS / 2))).toBeGreaterThan(0);
    // Stereo: the channels decorrelate.
    let dot = 0;
    for (let i = 0; i < FS / 2; i++) dot += l[i]! * r[i]!;
    expect(Math.abs(dot) / (rms(l.subarray(0, FS / 2)) * rms(r.subarray(0, FS / 2)) * (FS / 2))).toBeLessThan(0.5);
  });

  it('is dry only at mix 0 and honours the pre-delay', () => {
    const dry = createReverb({ mix: 0 }, FS);
    const x = sine(256, 1000, FS);
    const l = new Float32Array(256);
    processReverb(dry, x, x, l, new Float32Array(256));
    expect([...l]).toEqual([...x]);
    const late = createReverb({ preDelay: 0.1, mix: 1 }, FS);
    const imp = new Float32Array(FS / 5);
    imp[0] = 1;
    const out = new Float32Array(imp.length);
    processReverb(late, imp, imp, out, new Float32Array(imp.length));
    expect(peak(out.subarray(0, 0.1 * FS))).toBe(0);
    expect(peak(out)).toBeGreaterThan(0);
  });
});
