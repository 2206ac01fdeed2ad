import type Database from 'better-sqlite3';
import type { EncoreDatabase } from '../../db/database';

export type Params = readonly unknown[];

declare const writable: unique symbol;

/** Read-only SQL handle: it refuses any statement that returns no rows (i.e. writes). */
export interface SqlReader {
  all<T>(sql: string, params?: Params): T[];
  get<T>(sql: string, params?: Params): T | undefined;
  /** First column of every row. */
  pluck<T>(sql: string, params?: Params): T[];
}

/** Exists only inside a write transaction (same branding idea as WritableDB). */
export interface SqlWriter extends SqlReader {
  readonly [writable]: true;
  run(sql: string, params?: Params): Database.RunResult;
}

/**
 * The library's SQL access: plain SQL (FTS5, json_each and compiled smart-playlist rules do
 * not fit a query builder) over the host's connection, inside its read/write transactions,
 * with prepared statements cached by text. Every user value is a bound parameter.
 *
 * @example
 * const sql = new LibrarySql(db);
 * sql.read((r) => r.get<{ n: number }>('SELECT count(*) AS n FROM tracks'));
 * sql.write((w) => w.run('DELETE FROM plays WHERE hash = ?', [hash]));
 */
export class LibrarySql {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: EncoreDatabase) {}

  read<T>(fn: (r: SqlReader) => T): T {
    return this.db.read(() => fn(this.reader(false) as SqlReader));
  }

  /** One IMMEDIATE transaction: all of `fn`'s writes land, or none. */
  write<T>(fn: (w: SqlWriter) => T): T {
    return this.db.write(() => fn(this.reader(true) as SqlWriter));
  }

  private reader(canWrite: boolean): SqlReader | SqlWriter {
    const stmt = (sql: string, needsRows: boolean) => {
      let s = this.cache.get(sql);
      if (!s) {
        // Compiled smart playlists vary in shape; keep the cache bounded all the same.
        if (this.cache.size > 500) this.cache.clear();
        s = this.db.sqlite.prepare(sql);
        this.cache.set(sql, s);
      }
      if (needsRows && !s.reader) throw new Error('A read handle cannot run a statement that writes');
      return s;
    };
    const base: SqlReader = {
      all: <T>(sql: string, params: Params = []) => stmt(sql, true).raw(false).all(...params) as T[],
      get: <T>(sql: string, params: Params = []) => stmt(sql, true).raw(false).get(...params) as T | undefined,
      pluck: <T>(sql: string, params: Params = []) => stmt(sql, true).raw(true).all(...params).map((row) => (row as unknown[])[0] as T),
    };
    if (!canWrite) return base;
    return { ...base, run: (sql: string, params: Params = []) => stmt(sql, false).run(...params) } as SqlWriter;
  }
}
