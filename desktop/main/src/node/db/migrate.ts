import type BetterSqlite3 from 'better-sqlite3';
import type { MigrationDB } from './handles';
import type { Migration } from './migrations/types';

/** Thrown when the database was written by a newer Encore; opening it could corrupt it. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  constructor(
    readonly dbVersion: number,
    readonly appVersion: number,
  ) {
    super(`This database was created by a newer Encore (schema version ${dbVersion}; this Encore knows up to ${appVersion}). Update Encore to open it.`);
  }
}

export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration, each in its own IMMEDIATE transaction together with the
 * new user_version, so a crash leaves the database at the last complete step.
 *
 * @example
 * runMigrations(sqlite, MIGRATIONS, log); // returns the versions applied, e.g. [1]
 */
export function runMigrations(db: BetterSqlite3.Database, migrations: readonly Migration[], onApplied?: (m: Migration) => void): number[] {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db as MigrationDB);
      // user_version lives in the file header and is rolled back with the transaction.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
    onApplied?.(m);
  }
  return applied;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}: versions must be 1..n with no gaps`);
  });
}
