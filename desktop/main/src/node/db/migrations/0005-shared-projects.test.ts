import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrate';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-projects';
import { migration0003 } from './0003-library';
import { migration0004 } from './0004-analysis';
import { migration0005 } from './0005-shared-projects';

const SERVER_ID = '5b4f1d0e-8a3c-4f6e-9d2b-1c0a7e6f5d4c';

describe('migration 0005-shared-projects', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');

  it('before: version 4 with a project and no mapping table', () => {
    runMigrations(db, [migration0001, migration0002, migration0003, migration0004]);
    db.prepare(`INSERT INTO projects (id, title, template, created_at, updated_at) VALUES ('p1', 'Song', 'empty', 't', 't')`).run();
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'shared_projects'`).all()).toEqual([]);
  });

  it('after: maps a local project to its server id; unique per server; deleted with the project', () => {
    runMigrations(db, [migration0001, migration0002, migration0003, migration0004, migration0005]);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare(`SELECT title FROM projects`).pluck().get()).toBe('Song');
    const insert = db.prepare(`INSERT INTO shared_projects (project_id, server_url, server_project_id, role, shared_at) VALUES (?, 'http://s', ?, ?, 't')`);
    insert.run('p1', SERVER_ID, 'owner');
    expect(db.prepare(`SELECT paused FROM shared_projects`).pluck().get()).toBe(0);
    db.prepare(`INSERT INTO projects (id, title, template, created_at, updated_at) VALUES ('p2', 'Other', 'empty', 't', 't')`).run();
    expect(() => insert.run('p2', SERVER_ID, 'editor')).toThrow(/UNIQUE/);
    expect(() => insert.run('p2', 'x', 'admin')).toThrow(/CHECK/);
    expect(() => insert.run('nope', 'y', null)).toThrow(/FOREIGN KEY/);
    db.prepare(`DELETE FROM projects WHERE id = 'p1'`).run();
    expect(db.prepare(`SELECT count(*) FROM shared_projects`).pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
