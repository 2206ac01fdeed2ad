import type { DecoderKind } from './decode';

/** Messages between the AnalysisService (main thread) and its workers. Versioned by shape only: both ends ship together. */

export interface AnalysisJob {
  type: 'job';
  id: number;
  path: string;
  channels: number;
  sampleRate: number;
  decoder: DecoderKind;
  peakBuckets: number;
}

/** What a worker measured; `peaks` travels as a transferred buffer. */
export interface AnalysisOutcome {
  durationSec: number;
  integratedLufs: number | null;
  loudnessRangeLu: number | null;
  /** null for digital silence (-Infinity does not survive JSON or SQLite). */
  truePeakDbtp: number | null;
  peaks: Int8Array;
  bpm: number | null;
  bpmConfidence: number | null;
  key: string | null;
  keyConfidence: number | null;
  /** Wall-clock seconds spent decoding and analysing. */
  seconds: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; id: number; decodedSec: number }
  | { type: 'done'; id: number; outcome: AnalysisOutcome }
  | { type: 'failed'; id: number; error: string };
