import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrate';
import { MIGRATIONS } from './index';
import { migration0008 } from './0008-synced-docs';

const BEFORE = MIGRATIONS.filter((m) => m.version < 8);
const DOC = 'playlist:0b7c8f5e-6a3d-4c1b-9a2e-3f4d5c6b7a89';

describe('migration 0008-synced-docs', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');

  it('before: version 7, no synced-doc tables', () => {
    runMigrations(db, BEFORE);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'synced_doc%'`).all()).toEqual([]);
  });

  it('after: one row per (server, document, account), checked kinds and roles, an ordered update log', () => {
    runMigrations(db, [...BEFORE, migration0008]);
    expect(schemaVersion(db)).toBe(8);
    const insert = db.prepare(`INSERT INTO synced_docs (server_url, doc_key, user_id, kind, role, added_at) VALUES ('http://s', ?, ?, ?, ?, 't')`);
    insert.run(DOC, 'u1', 'playlist', 'editor');
    insert.run(DOC, 'u2', 'playlist', 'viewer');
    expect(() => insert.run(DOC, 'u1', 'playlist', 'owner')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('x', 'u1', 'album', null)).toThrow(/CHECK/);
    expect(() => insert.run('y', 'u1', 'playlist', 'admin')).toThrow(/CHECK/);
    expect(db.prepare(`SELECT name FROM synced_docs WHERE user_id = 'u1'`).pluck().get()).toBe('');
    const log = db.prepare(`INSERT INTO synced_doc_updates (server_url, doc_key, data, created_at) VALUES ('http://s', ?, ?, 't')`);
    log.run(DOC, Buffer.from([1]));
    log.run(DOC, Buffer.from([2]));
    expect(db.prepare(`SELECT data FROM synced_doc_updates WHERE doc_key = ? ORDER BY seq`).pluck().all(DOC)).toEqual([Buffer.from([1]), Buffer.from([2])]);
    expect(() => log.run(DOC, 'text')).toThrow(/cannot store TEXT/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
