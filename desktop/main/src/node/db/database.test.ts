import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type EncoreDatabase } from './database';
import { MIGRATIONS } from './migrations/index';
import { settings } from './schema';
import { tempDir } from './testing';

describe('openDatabase', () => {
  const tmp = tempDir();
  const open: EncoreDatabase[] = [];
  afterEach(() => {
    open.splice(0).forEach((d) => d.dispose());
  });
  afterAll(() => tmp.cleanup());

  const openAt = (file: string) => {
    const db = openDatabase({ path: `${tmp.dir}/${file}` });
    open.push(db);
    return db;
  };

  it('creates the folder, turns WAL and the pragmas on, and migrates', () => {
    const db = openAt('nested/dir/encore.db');
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('commits a write whole or not at all', () => {
    const db = openAt('tx.db');
    expect(() =>
      db.write((w) => {
        w.insert(settings).values({ key: 'theme', value: '"dark"', updatedAt: 'now' }).run();
        throw new Error('crash in the middle');
      }),
    ).toThrow(/crash/);
    expect(db.read((r) => r.select().from(settings).where(eq(settings.key, 'theme')).all())).toEqual([]);
  });

  it('refuses asynchronous transactions', () => {
    const db = openAt('async.db');
    expect(() => db.write(async () => undefined)).toThrow(/synchronous/);
  });

  it('refuses a database from a newer Encore and leaves it untouched', () => {
    const file = `${tmp.dir}/newer.db`;
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase({ path: file })).toThrow(/created by a newer Encore/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(99);
    again.close();
  });
});
