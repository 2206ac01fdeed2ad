import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Disposable } from '../../common/disposable';
import type { Orm, ReadableDB, WritableDB } from './handles';
import { runMigrations } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';
import * as schema from './schema';

export interface OpenDatabaseOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  migrations?: readonly Migration[];
  onMigrationApplied?: (m: Migration) => void;
}

/** The host's SQLite library: reads and writes go through {@link read} and {@link write}. */
export interface EncoreDatabase extends Disposable {
  /** Runs `fn` in a deferred transaction, so several selects see one snapshot. */
  read<T>(fn: (db: ReadableDB) => T): T;
  /** Runs `fn` in an IMMEDIATE transaction: all of it lands or none of it (crash-safe). */
  write<T>(fn: (db: WritableDB) => T): T;
  /** The raw connection, for pragmas and tests. */
  readonly sqlite: Database.Database;
  dispose(): void;
}

/**
 * Opens (creating if needed) the database, sets the pragmas and applies pending migrations.
 * Refuses a database written by a newer Encore ({@link DatabaseTooNewError}).
 *
 * @example
 * const db = openDatabase({ path: config.dbPath });
 * const rows = db.read((r) => r.select().from(settings).all());
 * db.write((w) => w.delete(account).run());
 */
export function openDatabase(o: OpenDatabaseOptions): EncoreDatabase {
  if (o.path !== ':memory:') fs.mkdirSync(path.dirname(o.path), { recursive: true });
  const sqlite = new Database(o.path);
  try {
    sqlite.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop
    // the last commits, which is the trade-off every desktop app on SQLite makes.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    runMigrations(sqlite, o.migrations ?? MIGRATIONS, o.onMigrationApplied);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const orm: Orm = drizzle({ client: sqlite, schema });
  const noPromise = <T>(v: T): T => {
    // A transaction cannot span an await: better-sqlite3 would commit before the promise settles.
    if (v instanceof Promise) throw new Error('Database transactions must be synchronous');
    return v;
  };
  return {
    sqlite,
    read: (fn) => sqlite.transaction(() => noPromise(fn(orm))).deferred(),
    write: (fn) => sqlite.transaction(() => noPromise(fn(orm as WritableDB))).immediate(),
    dispose() {
      if (sqlite.open) sqlite.close();
    },
  };
}
