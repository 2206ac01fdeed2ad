import { describe, expect, it } from 'vitest';
import { integrated, LoudnessMeter } from './loudness';
import { inBlocks, tone, toneSequence } from './signals';

function measure(channels: Float32Array[], fs: number, truePeak = false) {
  const meter = new LoudnessMeter(fs, channels.length, { truePeak });
  inBlocks(channels, 4096, (b) => meter.push(b));
  return meter.result();
}
const stereo = (x: Float32Array) => [x, x];

describe('LoudnessMeter: EBU Tech 3341 test cases', () => {
  it('case 1: stereo 1 kHz at -23 dBFS reads -23.0 LUFS (48 kHz and 44.1 kHz)', () => {
    for (const fs of [48_000, 44_100]) {
      const r = measure(stereo(tone(20, -23, fs)), fs, true);
      expect(Math.abs(r.integratedLufs! + 23)).toBeLessThan(0.1);
      expect(Math.abs(r.truePeakDbtp + 23)).toBeLessThan(0.2);
      expect(r.samplePeakDbfs).toBeCloseTo(-23, 1);
      expect(r.durationSec).toBeCloseTo(20, 6);
    }
  });

  it('case 2: stereo 1 kHz at -33 dBFS reads -33.0 LUFS', () => {
    expect(Math.abs(measure(stereo(tone(20, -33, 48_000)), 48_000).integratedLufs! + 33)).toBeLessThan(0.1);
  });

  it('case 3: the relative gate drops 10 s at -36 around 60 s at -23', () => {
    const x = toneSequence([[10, -36], [60, -23], [10, -36]], 48_000);
    expect(Math.abs(measure(stereo(x), 48_000).integratedLufs! + 23)).toBeLessThan(0.1);
  });

  it('case 4: the absolute gate drops -72 dBFS, the relative gate -36', () => {
    const x = toneSequence([[10, -72], [10, -36], [60, -23], [10, -36], [10, -72]], 48_000);
    expect(Math.abs(measure(stereo(x), 48_000).integratedLufs! + 23)).toBeLessThan(0.1);
  });

  it('case 5: -26/-20/-26 dBFS averages to -23 LUFS', () => {
    const x = toneSequence([[20, -26], [20.1, -20], [20, -26]], 48_000);
    expect(Math.abs(measure(stereo(x), 48_000).integratedLufs! + 23)).toBeLessThan(0.1);
  });

  it('weighs a mono file as one channel (3 dB below the same tone in stereo)', () => {
    expect(Math.abs(measure([tone(10, -23, 48_000)], 48_000).integratedLufs! + 26.01)).toBeLessThan(0.1);
  });
});

describe('LoudnessMeter: loudness range, EBU Tech 3342 test cases', () => {
  it.each([
    { segments: [[20, -20], [20, -30]], lra: 10 },
    { segments: [[20, -20], [20, -15]], lra: 5 },
    { segments: [[20, -40], [20, -20]], lra: 20 },
    { segments: [[20, -50], [20, -35], [20, -20], [20, -35], [20, -50]], lra: 15 },
  ] as const)('reads LRA $lra LU ±1', ({ segments, lra }) => {
    const r = measure(stereo(toneSequence(segments, 48_000)), 48_000);
    expect(Math.abs(r.loudnessRangeLu! - lra)).toBeLessThan(1);
  });
});

describe('LoudnessMeter: edges', () => {
  it('reads silence and audio shorter than one block as null, without NaN', () => {
    const silent = measure(stereo(new Float32Array(48_000)), 48_000, true);
    expect(silent.integratedLufs).toBeNull();
    expect(silent.loudnessRangeLu).toBeNull();
    expect(silent.truePeakDbtp).toBe(-Infinity);
    expect(measure(stereo(tone(0.3, -20, 48_000)), 48_000).integratedLufs).toBeNull();
  });

  it('gives the same result whatever the block size', () => {
    const x = toneSequence([[3, -30], [3, -18]], 44_100);
    const a = new LoudnessMeter(44_100, 1);
    inBlocks([x], 100_000, (b) => a.push(b));
    const b = new LoudnessMeter(44_100, 1);
    inBlocks([x], 333, (blk) => b.push(blk));
    expect(b.result().integratedLufs).toBeCloseTo(a.result().integratedLufs!, 9);
    expect(b.result().truePeakDbtp).toBeCloseTo(a.result().truePeakDbtp, 9);
  });

  it('integrated() gates nothing it should keep', () => {
    const e = 10 ** ((-20 + 0.691) / 10);
    expect(integrated(Float64Array.of(e, e, e))).toBeCloseTo(-20, 9);
    expect(integrated(new Float64Array(0))).toBeNull();
  });
});
