import { describe, expect, it } from 'vitest';
import { normalizationGain } from './normalization';

const rg = (trackGainDb: number | null, trackPeak: number | null, albumGainDb: number | null = null, albumPeak: number | null = null) => ({ replayGain: { trackGainDb, trackPeak, albumGainDb, albumPeak } });

describe('normalizationGain', () => {
  it('brings analysed loudness to the target', () => {
    expect(normalizationGain({ trackLufs: -8, trackTruePeakDbtp: 0 }, 'track', -14).gainDb).toBeCloseTo(-6, 9);
    expect(normalizationGain({ trackLufs: -20, trackTruePeakDbtp: -10 }, 'track', -14).gainDb).toBeCloseTo(6, 9);
  });

  it('reads ReplayGain 2.0 tags against their -18 LUFS reference', () => {
    // RG -2 dB means -16 LUFS; to -14 is +2 dB (peak 0.5 = -6 dBFS leaves room).
    expect(normalizationGain(rg(-2, 0.5), 'track', -14).gainDb).toBeCloseTo(2, 9);
  });

  it('limits the gain so the true peak stays at -1 dBTP', () => {
    const r = normalizationGain({ trackLufs: -24, trackTruePeakDbtp: -3 }, 'track', -14);
    expect(r.gainDb).toBeCloseTo(2, 9);
    expect(r.peakLimited).toBe(true);
    // Unknown peak: only attenuation.
    expect(normalizationGain(rg(6, null), 'track', -14).gainDb).toBe(0);
    expect(normalizationGain(rg(-8, null), 'track', -14).gainDb).toBeCloseTo(-4, 9);
  });

  it('uses album values in album mode, falling back to the track', () => {
    expect(normalizationGain(rg(-2, 0.1, -5, 0.1), 'album', -14).gainDb).toBeCloseTo(-1, 9);
    expect(normalizationGain(rg(-2, 0.1), 'album', -14).gainDb).toBeCloseTo(2, 9);
    expect(normalizationGain(rg(-2, 0.1), 'off', -14).gain).toBe(1);
    expect(normalizationGain({}, 'track', -14)).toMatchObject({ gain: 1, sourceLufs: null });
  });
});
