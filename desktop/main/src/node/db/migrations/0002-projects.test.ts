import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrate';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-projects';

describe('migration 0002-projects', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');

  it('before: version 1 with settings and account only, and their data', () => {
    runMigrations(db, [migration0001]);
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('theme', '"dark"', 'now')`).run();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'project%'`).all()).toEqual([]);
  });

  it('after: the project tables exist, cascade with their project, and older data is kept', () => {
    runMigrations(db, [migration0001, migration0002]);
    expect(schemaVersion(db)).toBe(2);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'project%' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['project_snapshots', 'project_updates', 'project_versions', 'projects']);
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe('"dark"');

    db.prepare(`INSERT INTO projects (id, title, template, created_at, updated_at) VALUES ('p', 'Song', 'demo', 'now', 'now')`).run();
    expect(() => db.prepare(`INSERT INTO projects (id, title, template, created_at, updated_at) VALUES ('q', '', 'empty', 'now', 'now')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO projects (id, title, template, created_at, updated_at) VALUES ('q', 'T', 'jazz', 'now', 'now')`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO project_updates (project_id, data, created_at) VALUES ('p', x'01', 'now')`).run();
    expect(() => db.prepare(`INSERT INTO project_updates (project_id, data, created_at) VALUES ('p', x'', 'now')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO project_updates (project_id, data, created_at) VALUES ('nope', x'01', 'now')`).run()).toThrow(/FOREIGN KEY/);
    db.prepare(`INSERT INTO project_snapshots (project_id, data, through_update_id, updated_at) VALUES ('p', x'01', 1, 'now')`).run();
    db.prepare(`INSERT INTO project_versions (id, project_id, name, kind, created_at, state_vector, state) VALUES ('v', 'p', 'Mix 1', 'named', 'now', x'00', x'01')`).run();

    db.prepare(`DELETE FROM projects WHERE id = 'p'`).run();
    for (const t of ['project_updates', 'project_snapshots', 'project_versions']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
  });
});
