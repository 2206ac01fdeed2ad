import * as Y from 'yjs';
import { EncoreError } from '../../errors';
import { root } from './layout';
import { moveTempoAndMeterToMaps } from './projectMeta';
import { addPhaseInvert } from './track';

/**
 * Named, ordered migrations of the project document (tldraw style). Migration n upgrades a
 * version n-1 document to version n. Rules: never edit a shipped migration, only append; each
 * must be deterministic and idempotent, because two peers may upgrade the same old document at
 * once and their edits then merge.
 */
export interface Migration {
  readonly id: string;
  readonly version: number;
  up(doc: Y.Doc): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 'encore.project/2-tempo-and-meter-maps',
    version: 2,
    up: (doc) => moveTempoAndMeterToMaps(root(doc, 'meta'), root(doc, 'tempo'), root(doc, 'meters')),
  },
  { id: 'encore.track/3-phase-invert', version: 3, up: (doc) => addPhaseInvert(root(doc, 'tracks')) },
];

/** The document version this build writes and reads. */
export const PROJECT_SCHEMA_VERSION = 3;

/** The origin of migration transactions: no user's UndoManager tracks it. */
export const MIGRATION_ORIGIN = Symbol('encore.migration');

/** The version a document declares, or undefined when it holds no Encore project. */
export function documentVersion(doc: Y.Doc): number | undefined {
  const v = root(doc, 'meta').get('schemaVersion');
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/**
 * Throws unless the document is a project this build can open (perhaps after migrating).
 *
 * @example
 * assertSupportedVersion(doc); // throws 'created by a newer Encore' for a future document
 */
export function assertSupportedVersion(doc: Y.Doc): number {
  const version = documentVersion(doc);
  if (version === undefined) {
    throw new EncoreError('PROJECT_NOT_FOUND', 'This document holds no Encore project (it has no schema version).');
  }
  if (version > PROJECT_SCHEMA_VERSION) {
    throw new EncoreError(
      'UNSUPPORTED_MEDIA_TYPE',
      `This project was created by a newer Encore (project format ${version}; this version opens up to ${PROJECT_SCHEMA_VERSION}). Update Encore to open it.`,
      { reason: 'document-too-new', documentVersion: version, supportedVersion: PROJECT_SCHEMA_VERSION },
    );
  }
  return version;
}

export interface MigrationResult {
  readonly fromVersion: number;
  readonly toVersion: number;
  /** Ids of the migrations applied, in order. */
  readonly applied: readonly string[];
}

/**
 * Upgrades a document to {@link PROJECT_SCHEMA_VERSION}. Migrations run on a copy first and the
 * difference is applied in one transaction, so a failing migration or a too-new document leaves
 * the document exactly as it was.
 *
 * @example
 * const { applied } = migrateProject(doc); // [] when already current
 */
export function migrateProject(doc: Y.Doc): MigrationResult {
  const fromVersion = assertSupportedVersion(doc);
  const pending = MIGRATIONS.filter((m) => m.version > fromVersion);
  if (pending.length === 0) return { fromVersion, toVersion: fromVersion, applied: [] };
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  copy.transact(() => {
    for (const m of pending) m.up(copy);
    root(copy, 'meta').set('schemaVersion', PROJECT_SCHEMA_VERSION);
  });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc)), MIGRATION_ORIGIN);
  copy.destroy();
  return { fromVersion, toVersion: PROJECT_SCHEMA_VERSION, applied: pending.map((m) => m.id) };
}

/**
 * Throws unless the document is at exactly this build's version: readers and the project API
 * never touch an older layout (migrate first) or a newer one (refuse).
 *
 * @example
 * assertCurrentVersion(doc);
 */
export function assertCurrentVersion(doc: Y.Doc): void {
  const version = assertSupportedVersion(doc);
  if (version < PROJECT_SCHEMA_VERSION) {
    throw new EncoreError('BAD_REQUEST', `This project uses format ${version}; run migrateProject before reading or editing it.`, {
      reason: 'document-needs-migration',
      documentVersion: version,
    });
  }
}
