import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrate';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-projects';
import { migration0003 } from './0003-library';
import { migration0004 } from './0004-analysis';

const H = (c: string) => c.repeat(64);

describe('migration 0004-analysis', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');

  it('before: version 3 with a library and no analysis table', () => {
    runMigrations(db, [migration0001, migration0002, migration0003]);
    db.prepare(`INSERT INTO library_folders (id, path, added_at) VALUES (1, '/m', 0)`).run();
    db.prepare(`INSERT INTO tracks (hash, path, folder_id, dir, size, mtime_ms, format, title, added_at, updated_at) VALUES (?, '/m/a.flac', 1, '', 1, 0, 'flac', 'A', 0, 0)`).run(H('a'));
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'track_analysis'`).all()).toEqual([]);
  });

  it('after: the table and its checks; library rows kept', () => {
    runMigrations(db, [migration0001, migration0002, migration0003, migration0004]);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare(`SELECT title FROM tracks`).pluck().get()).toBe('A');
    const insert = db.prepare(
      `INSERT INTO track_analysis (hash, analyzer_version, duration_sec, integrated_lufs, loudness_range_lu, true_peak_dbtp, peaks, bpm, bpm_confidence, musical_key, key_confidence, analysed_at, error)
       VALUES (?, 1, 10, ?, 0, -20, ?, ?, 0.5, 'A minor', 0.8, 0, ?)`,
    );
    insert.run(H('a'), -23, Buffer.from([0x81, 0x7f]), 120, null);
    const row = db.prepare(`SELECT * FROM track_analysis`).get() as { peaks: Buffer; musical_key: string };
    expect([...new Int8Array(row.peaks.buffer, row.peaks.byteOffset, 2)]).toEqual([-127, 127]);
    expect(row.musical_key).toBe('A minor');
    expect(() => insert.run('short', -23, null, 120, null)).toThrow(/CHECK/);
    expect(() => insert.run(H('b'), -23, Buffer.from([1]), 120, null)).toThrow(/CHECK/);
    expect(() => insert.run(H('b'), -23, null, 0, null)).toThrow(/CHECK/);
    expect(() => insert.run(H('b'), -23, null, null, 'corrupt')).toThrow(/CHECK/);
    insert.run(H('b'), null, null, null, 'Invalid data found when processing input');
    expect(() => insert.run(H('a'), -23, null, 120, null)).toThrow(/UNIQUE|PRIMARY/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
