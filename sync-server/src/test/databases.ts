import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { testServices } from '../../../scripts/test-env';
import { openDatabase, type DatabaseHandle } from '../db/database';

export type DatabaseKind = 'pglite' | 'postgres';

/** A database made for one test file, and how to get rid of it. */
export interface ScratchDatabase {
  kind: DatabaseKind;
  handle: DatabaseHandle;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database: in-memory PGlite, or a new `encore_t_<random>` database on
 * the DATABASE_URL server (dropped by `dispose`).
 */
export async function scratchDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}): Promise<ScratchDatabase> {
  const migrate = options.migrate ?? true;
  if (kind === 'pglite') {
    const handle = await openDatabase({ driver: 'pglite', dir: undefined });
    if (migrate) await handle.migrate();
    return { kind, handle, dispose: () => handle.close() };
  }
  const url = testServices().databaseUrl;
  if (!url) throw new Error('DATABASE_URL is not set');
  const name = `encore_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = await openDatabase({ driver: 'postgres', url: dbUrl.toString() });
  try {
    if (migrate) await handle.migrate();
  } catch (e) {
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    throw e;
  }
  return {
    kind,
    handle,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Which databases this run covers: PGlite always, PostgreSQL when DATABASE_URL is set (required in CI). */
export function databaseKinds(): DatabaseKind[] {
  return testServices().databaseUrl ? ['pglite', 'postgres'] : ['pglite'];
}

const TABLES = ['play_events', 'track_likes', 'album_saves', 'artist_follows', 'renditions', 'tracks', 'albums', 'artists', 'upload_chunks', 'uploads', 'doc_updates', 'doc_snapshots', 'project_invites', 'project_members', 'studio_projects', 'password_reset_tokens', 'email_verification_tokens', 'refresh_tokens', 'auth_sessions', 'users'];

/** Empties every table: cheaper than a new PGlite (~3.5 s) per test. */
export async function truncateAll(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql.raw(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`));
}

/**
 * Runs `suite` once per database kind, with one migrated database per kind for the whole
 * file, emptied before each test (unless `truncate: false`).
 *
 * @example
 * describeEachDatabase('auth', (db) => {
 *   it('works', async () => { await db().db.select().from(users); });
 * });
 */
export function describeEachDatabase(name: string, suite: (handle: () => DatabaseHandle, kind: DatabaseKind) => void, options: { truncate?: boolean } = {}): void {
  for (const kind of databaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let scratch: ScratchDatabase | undefined;
      beforeAll(async () => {
        scratch = await scratchDatabase(kind);
      });
      afterAll(async () => {
        await scratch?.dispose();
      });
      beforeEach(async () => {
        // Suites that run a live server (sockets, background flushes) use fresh rows per test instead.
        if (scratch && options.truncate !== false) await truncateAll(scratch.handle);
      });
      suite(() => {
        if (!scratch) throw new Error('database not ready');
        return scratch.handle;
      }, kind);
    });
  }
}
