import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;

/**
 * The database as services see it, whichever driver is underneath. A transaction handle is
 * a `Database` too (drizzle's PgTransaction extends PgDatabase), so a service function can
 * run inside its caller's transaction without knowing.
 */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Where drizzle-kit writes the generated migrations (sync-server/drizzle). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Applies pending migrations; a no-op when the schema is current. */
  migrate(): Promise<void>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget = { driver: 'postgres'; url: string } | { driver: 'pglite'; dir: string | undefined };

/**
 * Opens PostgreSQL (postgres.js) when given a URL, else embedded PGlite in `dir` (in memory
 * when `dir` is undefined, as tests do).
 *
 * @example
 * const handle = await openDatabase({ driver: 'pglite', dir: undefined });
 * await handle.migrate();
 */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.driver === 'postgres') {
    // Quiet NOTICEs ("schema drizzle already exists") that the migrator triggers on re-runs.
    const client = postgres(target.url, { max: 10, onnotice: () => undefined });
    const db = drizzlePostgres(client, { schema });
    return {
      db,
      driver: 'postgres',
      migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      ping: async () => void (await db.execute(sql`select 1`)),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (target.dir) fs.mkdirSync(target.dir, { recursive: true });
  // pg_trgm backs typo-tolerant catalog search; PostgreSQL ships it, PGlite loads it here.
  const client = new PGlite({ ...(target.dir ? { dataDir: target.dir } : {}), extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => client.close(),
  };
}
