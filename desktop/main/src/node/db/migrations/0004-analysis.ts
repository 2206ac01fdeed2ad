import type { Migration } from './types';

/**
 * Track analysis, keyed by content hash like track_stats: a file that moves keeps its
 * analysis and two copies share one. A row with `error` set records a file that could not be
 * decoded, so it is not retried until its content (hence its hash) changes; `analyzer_version`
 * lets a better analyser re-queue older rows. `peaks` holds the waveform overview as signed
 * bytes, min and max interleaved per bucket (× 127 of full scale).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'analysis',
  up(db) {
    db.exec(`
      CREATE TABLE track_analysis (
        hash TEXT PRIMARY KEY NOT NULL CHECK (length(hash) = 64),
        analyzer_version INTEGER NOT NULL,
        duration_sec REAL,
        integrated_lufs REAL,
        loudness_range_lu REAL,
        true_peak_dbtp REAL,
        peaks BLOB CHECK (peaks IS NULL OR length(peaks) % 2 = 0),
        bpm REAL CHECK (bpm IS NULL OR bpm > 0),
        bpm_confidence REAL,
        musical_key TEXT,
        key_confidence REAL,
        analysed_at INTEGER NOT NULL,
        error TEXT,
        CHECK ((error IS NULL) OR (integrated_lufs IS NULL AND peaks IS NULL))
      ) STRICT;
      CREATE INDEX track_analysis_failed ON track_analysis (hash) WHERE error IS NOT NULL;
    `);
  },
};
