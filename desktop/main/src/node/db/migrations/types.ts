import type { MigrationDB } from '../handles';

/** One step of the schema: applied once, in its own transaction, recorded in PRAGMA user_version. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: MigrationDB): void;
}
