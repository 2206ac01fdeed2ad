import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrate';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-projects';
import { migration0003 } from './0003-library';

const H = (c: string) => c.repeat(64);

describe('migration 0003-library', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');

  it('before: version 2 with no library tables, and its data', () => {
    runMigrations(db, [migration0001, migration0002]);
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('theme', '"dark"', 'now')`).run();
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name IN ('tracks', 'tracks_fts', 'track_stats')`).all()).toEqual([]);
  });

  it('after: tables, constraints, FTS triggers and cascades; older data kept', () => {
    runMigrations(db, [migration0001, migration0002, migration0003]);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe('"dark"');
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('library_folders','tracks','tracks_fts','track_stats','plays','playlists','playlist_entries','smart_playlists','bad_files','import_state') ORDER BY name`).pluck().all();
    expect(tables).toHaveLength(10);

    db.prepare(`INSERT INTO library_folders (id, path, added_at) VALUES (1, '/m', 0)`).run();
    const insert = db.prepare(`INSERT INTO tracks (hash, path, folder_id, dir, size, mtime_ms, format, title, artists, album, genre, added_at, updated_at) VALUES (?, ?, 1, '', 1, 0, 'mp3', ?, 'Miles Davis', 'Kind of Blue', 'Jazz', 0, 0)`);
    insert.run(H('a'), '/m/a.mp3', 'So What');
    expect(() => insert.run('short', '/m/b.mp3', 'x')).toThrow(/CHECK/);
    expect(() => insert.run(H('b'), '/m/a.mp3', 'dup path')).toThrow(/UNIQUE/);
    const match = (q: string) => db.prepare(`SELECT rowid FROM tracks_fts WHERE tracks_fts MATCH ?`).pluck().all(q);
    expect(match('"mil"*')).toEqual([1]);
    db.prepare(`UPDATE tracks SET title = 'Blue in Green' WHERE id = 1`).run();
    expect(match('"so" "what"')).toEqual([]);
    expect(match('"gree"*')).toEqual([1]);

    db.prepare(`INSERT INTO track_stats (hash, liked, rating) VALUES (?, 1, 5)`).run(H('a'));
    expect(() => db.prepare(`INSERT INTO track_stats (hash, rating) VALUES (?, 6)`).run(H('c'))).toThrow(/CHECK/);
    // Removing a folder removes its tracks (and their index rows) but never the stats.
    db.prepare(`DELETE FROM library_folders WHERE id = 1`).run();
    expect(db.prepare(`SELECT count(*) FROM tracks`).pluck().get()).toBe(0);
    expect(match('"gree"*')).toEqual([]);
    expect(db.prepare(`SELECT liked FROM track_stats`).pluck().get()).toBe(1);

    db.prepare(`INSERT INTO playlists (id, name, created_at, updated_at) VALUES (1, 'P', 0, 0)`).run();
    db.prepare(`INSERT INTO playlist_entries (playlist_id, position, hash) VALUES (1, 0, ?)`).run(H('a'));
    db.prepare(`DELETE FROM playlists WHERE id = 1`).run();
    expect(db.prepare(`SELECT count(*) FROM playlist_entries`).pluck().get()).toBe(0);
    expect(() => db.prepare(`INSERT INTO import_state (id, status, folder_ids_json, started_at) VALUES (2, 'done', '[]', 0)`).run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
