import type { NormalizationMode } from '@encore/shared/host/media';
import type { Decibels } from '@encore/shared/units';
import { dbToGain, decibels } from '@encore/shared/units';

/** ReplayGain 2.0 gains are relative to a -18 LUFS reference. */
export const REPLAYGAIN_REFERENCE_LUFS = -18;
/** Normalisation never lifts a track's true peak above this. */
export const PEAK_CEILING_DBTP = decibels(-1);

/** What is known of one track's loudness: measured (analysis) or read from ReplayGain tags. */
export interface LoudnessInfo {
  /** Integrated loudness of the track (EBU R128), from analysis. */
  trackLufs?: number | null;
  trackTruePeakDbtp?: number | null;
  albumLufs?: number | null;
  albumTruePeakDbtp?: number | null;
  /** ReplayGain 2.0 tags: gains in dB relative to -18 LUFS, peaks as linear sample peaks. */
  replayGain?: { trackGainDb: number | null; trackPeak: number | null; albumGainDb: number | null; albumPeak: number | null } | null;
}

export interface NormalizationResult {
  gainDb: Decibels;
  gain: number;
  /** The loudness the gain was computed from; null when nothing was known (gain 0 dB). */
  sourceLufs: number | null;
  /** True when the peak ceiling lowered the gain. */
  peakLimited: boolean;
}

const linToDb = (x: number) => 20 * Math.log10(x);

/**
 * The gain that brings a track to `targetLufs`, from analysis loudness (preferred) or
 * ReplayGain tags, in track or album mode (album falls back to track when the album value is
 * unknown). The gain is capped so the true peak stays at or below -1 dBTP; when the peak is
 * unknown the gain may only lower the level, so normalisation never causes clipping.
 *
 * @example
 * normalizationGain({ trackLufs: -8, trackTruePeakDbtp: -0.2 }, 'track', -14).gainDb // -6
 * normalizationGain({ replayGain: { trackGainDb: -2, trackPeak: 0.5, albumGainDb: null, albumPeak: null } }, 'track', -14).gainDb // 2
 */
export function normalizationGain(info: LoudnessInfo, mode: NormalizationMode, targetLufs: number): NormalizationResult {
  const none: NormalizationResult = { gainDb: decibels(0), gain: 1, sourceLufs: null, peakLimited: false };
  if (mode === 'off') return none;
  const rg = info.replayGain ?? null;
  const pick = (album: boolean): { lufs: number; peakDb: number | null } | null => {
    const lufs = album ? info.albumLufs : info.trackLufs;
    const tp = album ? info.albumTruePeakDbtp : info.trackTruePeakDbtp;
    if (typeof lufs === 'number' && Number.isFinite(lufs)) return { lufs, peakDb: typeof tp === 'number' ? tp : null };
    const g = album ? rg?.albumGainDb : rg?.trackGainDb;
    const p = album ? rg?.albumPeak : rg?.trackPeak;
    if (typeof g === 'number' && Number.isFinite(g)) return { lufs: REPLAYGAIN_REFERENCE_LUFS - g, peakDb: typeof p === 'number' && p > 0 ? linToDb(p) : null };
    return null;
  };
  const src = (mode === 'album' ? pick(true) : null) ?? pick(false);
  if (!src) return none;
  let gainDb = targetLufs - src.lufs;
  const ceiling = src.peakDb === null ? 0 : PEAK_CEILING_DBTP - src.peakDb;
  const peakLimited = gainDb > ceiling;
  if (peakLimited) gainDb = ceiling;
  return { gainDb: decibels(gainDb), gain: dbToGain(decibels(gainDb)), sourceLufs: src.lufs, peakLimited };
}
