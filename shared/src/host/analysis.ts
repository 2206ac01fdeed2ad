import { z } from 'zod';
import { TrackId } from './library';

/**
 * The host API of track analysis: duration, loudness (EBU R128 / ITU-R BS.1770-4), true peak,
 * a waveform overview for the seek bar, tempo and key, measured in the background and stored
 * by content hash. Merged into `hostContract` (contract.ts).
 */
const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const AnalysisState = z.enum(['idle', 'running', 'paused', 'unavailable']);

export const AnalysisStatus = z.object({
  /**
   * 'paused' while a library import runs (reason 'import'); 'unavailable' when no decoder can
   * run (reason 'ffmpeg-missing': the UI shows `message`, which tells the user to install ffmpeg).
   */
  state: AnalysisState,
  reason: z.enum(['import', 'ffmpeg-missing']).nullable(),
  message: z.string().nullable(),
  /** Distinct tracks (by content) in the library. */
  total: z.number().int(),
  analysed: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  /** Tracks being analysed right now. */
  active: z.number().int(),
  workers: z.number().int(),
  /** Which decoder reads the files: the ffmpeg binary, or the built-in one (fewer formats). */
  decoder: z.enum(['ffmpeg', 'builtin']),
});
export type AnalysisStatus = z.infer<typeof AnalysisStatus>;

export const TrackAnalysis = z.object({
  trackId: TrackId,
  durationSec: z.number().nullable(),
  /** Integrated loudness, LUFS; null for silence. */
  integratedLufs: z.number().nullable(),
  loudnessRangeLu: z.number().nullable(),
  truePeakDbtp: z.number().nullable(),
  bpm: z.number().nullable(),
  bpmConfidence: z.number().nullable(),
  /** e.g. "A minor". */
  key: z.string().nullable(),
  keyConfidence: z.number().nullable(),
  analysedAt: z.string(),
  /** Why the file could not be analysed (it is not retried until its content changes). */
  error: z.string().nullable(),
});
export type TrackAnalysis = z.infer<typeof TrackAnalysis>;

/** Min and max of each bucket, scaled to -127..127 (full scale). */
export const WaveformPeaks = z.object({
  trackId: TrackId,
  buckets: z.number().int(),
  min: z.array(z.number().int().min(-127).max(127)),
  max: z.array(z.number().int().min(-127).max(127)),
});
export type WaveformPeaks = z.infer<typeof WaveformPeaks>;

export const analysisContract = {
  /** Progress of the background analysis; updates arrive as 'analysis.progress'. */
  'analysis.status': procedure(z.void(), AnalysisStatus),
  /** The stored analysis of a track, or null while it has not been analysed yet. */
  'analysis.track': procedure(z.object({ id: TrackId }), TrackAnalysis.nullable()),
  /** The waveform overview for the seek bar, reduced to at most `buckets` buckets. */
  'analysis.peaks': procedure(z.object({ id: TrackId, buckets: z.number().int().min(1).max(4000).default(1000) }), WaveformPeaks.nullable()),
} as const;

export const analysisEvents = {
  'analysis.progress': AnalysisStatus,
  /** A track's analysis was stored: views showing it re-query. */
  'analysis.trackAnalysed': z.object({ trackId: TrackId, error: z.string().nullable() }),
} as const;
