import type { TrackAnalysis } from '@encore/shared/host/analysis';
import type { LibrarySql, SqlReader } from '../librarySql';
import type { AnalysisOutcome } from './protocol';

/** Bump when the kernels change in a way that makes stored results worth recomputing. */
export const ANALYZER_VERSION = 1;

export interface PendingTrack {
  hash: string;
  path: string;
  format: string;
  sample_rate: number | null;
  channels: number | null;
}

interface Row {
  hash: string;
  duration_sec: number | null;
  integrated_lufs: number | null;
  loudness_range_lu: number | null;
  true_peak_dbtp: number | null;
  bpm: number | null;
  bpm_confidence: number | null;
  musical_key: string | null;
  key_confidence: number | null;
  analysed_at: number;
  error: string | null;
}

/** Reads and writes of track_analysis (migration 0004), over the library's SQL handle. */
export class AnalysisStore {
  constructor(private readonly sql: LibrarySql) {}

  /**
   * Tracks with no current analysis, newest first, one per content hash; `skip` are hashes
   * in flight or set aside, `formats` (when given) the ones the decoder can read.
   */
  pending(limit: number, skip: ReadonlySet<string>, formats: readonly string[] | null): PendingTrack[] {
    // Local files only: a downloaded catalog track has no file to decode (it is never decrypted to disk).
    const formatFilter = formats ? `AND t.format IN (${formats.map(() => '?').join(',')})` : '';
    const rows = this.sql.read((r) =>
      r.all<PendingTrack>(
        `SELECT t.hash, t.path, t.format, t.sample_rate, t.channels FROM tracks t
         WHERE t.source = 'local' AND NOT EXISTS (SELECT 1 FROM track_analysis a WHERE a.hash = t.hash AND a.analyzer_version >= ?) ${formatFilter}
         ORDER BY t.added_at DESC, t.id DESC LIMIT ?`,
        [ANALYZER_VERSION, ...(formats ?? []), limit + skip.size],
      ),
    );
    const seen = new Set<string>();
    return rows.filter((t) => !skip.has(t.hash) && !seen.has(t.hash) && seen.add(t.hash)).slice(0, limit);
  }

  counts(): { total: number; analysed: number; failed: number } {
    return this.sql.read((r) => {
      const total = r.get<{ n: number }>(`SELECT count(DISTINCT hash) AS n FROM tracks WHERE source = 'local'`)!.n;
      const done = r.get<{ ok: number | null; bad: number | null }>(
        `SELECT sum(a.error IS NULL) AS ok, sum(a.error IS NOT NULL) AS bad FROM track_analysis a
         WHERE a.analyzer_version >= ? AND EXISTS (SELECT 1 FROM tracks t WHERE t.hash = a.hash AND t.source = 'local')`,
        [ANALYZER_VERSION],
      )!;
      return { total, analysed: done.ok ?? 0, failed: done.bad ?? 0 };
    });
  }

  save(hash: string, outcome: AnalysisOutcome, now: number): void {
    this.sql.write((w) =>
      w.run(
        `INSERT OR REPLACE INTO track_analysis (hash, analyzer_version, duration_sec, integrated_lufs, loudness_range_lu, true_peak_dbtp, peaks, bpm, bpm_confidence, musical_key, key_confidence, analysed_at, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        [hash, ANALYZER_VERSION, outcome.durationSec, outcome.integratedLufs, outcome.loudnessRangeLu, outcome.truePeakDbtp, Buffer.from(outcome.peaks.buffer, outcome.peaks.byteOffset, outcome.peaks.byteLength), outcome.bpm, outcome.bpmConfidence, outcome.key, outcome.keyConfidence, now],
      ),
    );
  }

  saveError(hash: string, error: string, now: number): void {
    this.sql.write((w) => w.run(`INSERT OR REPLACE INTO track_analysis (hash, analyzer_version, analysed_at, error) VALUES (?, ?, ?, ?)`, [hash, ANALYZER_VERSION, now, error.slice(0, 1000)]));
  }

  get(hash: string): TrackAnalysis | null {
    const row = this.sql.read((r) => r.get<Row>('SELECT * FROM track_analysis WHERE hash = ?', [hash]));
    return row ? toAnalysis(row) : null;
  }

  peaks(hash: string): Int8Array | null {
    const blob = this.sql.read((r: SqlReader) => r.get<{ peaks: Buffer | null }>('SELECT peaks FROM track_analysis WHERE hash = ?', [hash]))?.peaks;
    return blob ? new Int8Array(blob.buffer, blob.byteOffset, blob.byteLength) : null;
  }
}

function toAnalysis(r: Row): TrackAnalysis {
  return {
    trackId: r.hash,
    durationSec: r.duration_sec,
    integratedLufs: r.integrated_lufs,
    loudnessRangeLu: r.loudness_range_lu,
    truePeakDbtp: r.true_peak_dbtp,
    bpm: r.bpm,
    bpmConfidence: r.bpm_confidence,
    key: r.musical_key,
    keyConfidence: r.key_confidence,
    analysedAt: new Date(r.analysed_at).toISOString(),
    error: r.error,
  };
}
