import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, runMigrations, schemaVersion } from './migrate';
import type { Migration } from './migrations/types';

const m = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

describe('runMigrations', () => {
  it('applies only pending migrations and records the version', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db, [m(1, 'CREATE TABLE a (x)')])).toEqual([1]);
    expect(runMigrations(db, [m(1, 'CREATE TABLE a (x)'), m(2, 'CREATE TABLE b (x)')])).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    expect(runMigrations(db, [m(1, 'CREATE TABLE a (x)'), m(2, 'CREATE TABLE b (x)')])).toEqual([]);
  });

  it('rolls a failing migration back completely, version included', () => {
    const db = new Database(':memory:');
    const failing = m(2, 'CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);');
    expect(() => runMigrations(db, [m(1, 'CREATE TABLE a (x)'), failing])).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'b'`).pluck().get()).toBe(0);
  });

  it('refuses a database created by a newer Encore', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 7');
    expect(() => runMigrations(db, [m(1, 'CREATE TABLE a (x)')])).toThrow(DatabaseTooNewError);
    expect(() => runMigrations(db, [m(1, 'CREATE TABLE a (x)')])).toThrow(/created by a newer Encore/);
  });

  it('refuses a list with gaps', () => {
    expect(() => runMigrations(new Database(':memory:'), [m(2, 'SELECT 1')])).toThrow(/expected 1/);
  });
});
