import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrate';
import { migration0001 } from './0001-initial';

describe('migration 0001-initial', () => {
  const db = new Database(':memory:');

  it('before: an empty database at version 0', () => {
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()).toEqual([]);
  });

  it('after: settings and account exist with their constraints', () => {
    runMigrations(db, [migration0001]);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['account', 'settings']);

    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('theme', '"dark"', 'now')`).run();
    expect(() => db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('x', 'not json', 'now')`).run()).toThrow(/CHECK/);

    const row = `INSERT INTO account (id, server_url, user_json, refresh_token, updated_at) VALUES (?, 'http://s', '{}', 'r', 'now')`;
    db.prepare(row).run(1);
    // Single-row table: a second account cannot exist.
    expect(() => db.prepare(row).run(2)).toThrow(/CHECK/);
  });
});
