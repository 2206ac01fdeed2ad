import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrate';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-projects';
import { migration0003 } from './0003-library';
import { migration0004 } from './0004-analysis';
import { migration0005 } from './0005-shared-projects';
import { migration0006 } from './0006-downloads';
import { migration0007 } from './0007-catalog-tracks';

const BEFORE = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006];
const H = (c: string) => c.repeat(64);

describe('migration 0007-catalog-tracks', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const match = (q: string) => db.prepare(`SELECT rowid FROM tracks_fts WHERE tracks_fts MATCH ? ORDER BY rowid`).pluck().all(q);

  it('before: version 6, local tracks only, indexed for search', () => {
    runMigrations(db, BEFORE);
    db.prepare(`INSERT INTO library_folders (id, path, added_at) VALUES (1, '/m', 1)`).run();
    const ins = db.prepare(`INSERT INTO tracks (id, hash, path, folder_id, dir, size, mtime_ms, format, title, artists, added_at, updated_at) VALUES (?, ?, ?, 1, '', 10, 1, 'flac', ?, 'Miles', 1, 1)`);
    ins.run(7, H('a'), '/m/a.flac', 'So What');
    ins.run(9, H('b'), '/m/b.flac', 'Blue in Green');
    expect(schemaVersion(db)).toBe(6);
    expect(match('"green"*')).toEqual([9]);
  });

  it('after: rows keep their ids, source and search; catalog rows need a download and no folder', () => {
    runMigrations(db, [...BEFORE, migration0007]);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare(`SELECT id, source, path, download_id FROM tracks ORDER BY id`).all()).toEqual([
      { id: 7, source: 'local', path: '/m/a.flac', download_id: null },
      { id: 9, source: 'local', path: '/m/b.flac', download_id: null },
    ]);
    expect(match('"green"*')).toEqual([9]);
    db.prepare(`INSERT INTO downloads (id, server_url, user_id, track_id, quality, title, artist, state, created_at, updated_at) VALUES ('d1', 's', 'u', 't', 'high', 'Flamenco Sketches', 'Miles', 'queued', 1, 1)`).run();
    expect(db.prepare(`SELECT meta_json, artwork_hash FROM downloads`).get()).toEqual({ meta_json: '{}', artwork_hash: null });
    const cat = db.prepare(`INSERT INTO tracks (hash, source, download_id, path, folder_id, dir, size, mtime_ms, format, title, added_at, updated_at) VALUES (?, 'catalog', ?, ?, ?, ?, 10, 1, 'opus', 'Flamenco Sketches', 1, 1)`);
    expect(() => cat.run(H('c'), 'd1', '/m/c.opus', null, null)).toThrow(/CHECK/);
    expect(() => cat.run(H('c'), 'nope', null, null, null)).toThrow(/FOREIGN KEY/);
    cat.run(H('c'), 'd1', null, null, null);
    expect(() => cat.run(H('c'), 'd1', null, null, null)).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO tracks (hash, path, folder_id, dir, size, mtime_ms, format, title, added_at, updated_at) VALUES (?, NULL, 1, '', 1, 1, 'mp3', 'x', 1, 1)`).run(H('d'))).toThrow(/CHECK/);
    expect(match('"flamenco"*')).toHaveLength(1);
    // Deleting the download takes its library row and its index entry with it.
    db.prepare(`DELETE FROM downloads WHERE id = 'd1'`).run();
    expect(db.prepare(`SELECT count(*) FROM tracks WHERE source = 'catalog'`).pluck().get()).toBe(0);
    expect(match('"flamenco"*')).toEqual([]);
    db.prepare(`INSERT INTO tracks_fts (tracks_fts) VALUES ('integrity-check')`).run();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
