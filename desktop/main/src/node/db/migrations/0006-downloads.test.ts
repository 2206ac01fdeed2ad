import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrate';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-projects';
import { migration0003 } from './0003-library';
import { migration0004 } from './0004-analysis';
import { migration0005 } from './0005-shared-projects';
import { migration0006 } from './0006-downloads';

const BEFORE = [migration0001, migration0002, migration0003, migration0004, migration0005];
const TRACK = '5b4f1d0e-8a3c-4f6e-9d2b-1c0a7e6f5d4c';

describe('migration 0006-downloads', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');

  it('before: version 5 with no download tables', () => {
    runMigrations(db, BEFORE);
    db.prepare(`INSERT INTO projects (id, title, template, created_at, updated_at) VALUES ('p1', 'Song', 'empty', 't', 't')`).run();
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name IN ('downloads', 'offline_plays', 'download_devices')`).all()).toEqual([]);
  });

  it('after: one download per account and track, done only with a key and every byte; plays queue', () => {
    runMigrations(db, [...BEFORE, migration0006]);
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare(`SELECT title FROM projects`).pluck().get()).toBe('Song');
    const insert = db.prepare(`INSERT INTO downloads (id, server_url, user_id, track_id, quality, title, artist, state, created_at, updated_at) VALUES (?, 's', 'u', ?, ?, 'T', 'A', ?, 1, 1)`);
    insert.run('d1', TRACK, 'normal', 'queued');
    expect(db.prepare(`SELECT received_bytes, attempts FROM downloads`).get()).toEqual({ received_bytes: 0, attempts: 0 });
    expect(() => insert.run('d2', TRACK, 'high', 'queued')).toThrow(/UNIQUE/);
    expect(() => insert.run('d3', 'other', 'ultra', 'queued')).toThrow(/CHECK/);
    expect(() => insert.run('d4', 'other2', 'low', 'finished')).toThrow(/CHECK/);
    // 'done' needs the wrapped key, the licence and every byte.
    expect(() => db.prepare(`UPDATE downloads SET state = 'done', size_bytes = 10, received_bytes = 5 WHERE id = 'd1'`).run()).toThrow(/CHECK/);
    db.prepare(`UPDATE downloads SET state = 'done', size_bytes = 10, received_bytes = 10, licence_id = 'l', wrapped_key = x'00' WHERE id = 'd1'`).run();

    db.prepare(`INSERT INTO offline_plays (client_event_id, server_url, user_id, track_id, ms, played_at) VALUES ('e1', 's', 'u', ?, 1000, 1)`).run(TRACK);
    expect(() => db.prepare(`INSERT INTO offline_plays (client_event_id, server_url, user_id, track_id, ms, played_at) VALUES ('e1', 's', 'u', ?, 5, 2)`).run(TRACK)).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO offline_plays (client_event_id, server_url, user_id, track_id, ms, played_at) VALUES ('e2', 's', 'u', ?, -1, 2)`).run(TRACK)).toThrow(/CHECK/);
    db.prepare(`INSERT INTO download_devices (server_url, user_id, device_id, registered_at) VALUES ('s', 'u', 'dev', 1)`).run();
    expect(() => db.prepare(`INSERT INTO download_devices (server_url, user_id, device_id, registered_at) VALUES ('s', 'u', 'dev2', 1)`).run()).toThrow(/UNIQUE|PRIMARY/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
