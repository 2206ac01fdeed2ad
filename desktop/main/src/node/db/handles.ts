import type BetterSqlite3 from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

declare const writable: unique symbol;

/**
 * Signal-style handles: a read path gets a type without insert/update/delete, so it cannot
 * write by mistake; a {@link WritableDB} only exists inside a write transaction.
 */
export type ReadableDB = Pick<Orm, 'select' | 'query' | '$count'>;
export type WritableDB = Orm & { readonly [writable]: true };

/** The raw connection a migration receives, inside its transaction. */
export type MigrationDB = BetterSqlite3.Database & { readonly [writable]: true };
