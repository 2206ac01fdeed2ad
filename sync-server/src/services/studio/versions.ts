import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { ServerVersion, VersionPreview } from '@encore/shared/api/studioVersions';
import { EncoreError } from '@encore/shared/errors';
import { previewProject } from '@encore/shared/project/read/preview';
import { replaceContent } from '@encore/shared/project/replaceContent';
import { parseDocId } from '@encore/shared/sync/docIds';
import type { Database } from '../../db/database';
import { docVersions, users, type DocVersionRow } from '../../db/schema/index';
import { packSnapshot, unpackSnapshot } from '../../sync/snapshotCodec';
import type { LiveDocuments } from './liveDocuments';
import { DEFAULT_THINNING, thinVersions, type ThinningRule } from './versionThinning';

/** Named versions a project may hold; automatic ones are thinned instead (versionThinning.ts). */
export const MAX_NAMED_VERSIONS = 500;
/** While a project is edited, an automatic version is taken at most this often. */
export const AUTO_VERSION_INTERVAL_MS = 3_600_000;

const summaryColumns = {
  id: docVersions.id,
  docId: docVersions.docId,
  kind: docVersions.kind,
  name: docVersions.name,
  createdBy: docVersions.createdBy,
  createdAt: docVersions.createdAt,
  sizeBytes: docVersions.sizeBytes,
  username: users.username,
};
type SummaryRow = Omit<DocVersionRow, 'state'> & { username: string | null };

function toServerVersion(r: SummaryRow): ServerVersion {
  return {
    id: r.id,
    projectId: r.docId,
    kind: r.kind,
    name: r.name,
    createdBy: r.createdBy && r.username ? { userId: r.createdBy, username: r.username } : null,
    createdAt: r.createdAt.toISOString(),
    sizeBytes: r.sizeBytes,
  };
}

/** A project's versions without their states, newest first. */
export async function listVersions(db: Database, projectId: string): Promise<ServerVersion[]> {
  const rows = await db.select(summaryColumns).from(docVersions).leftJoin(users, eq(users.id, docVersions.createdBy)).where(eq(docVersions.docId, projectId)).orderBy(desc(docVersions.createdAt), desc(docVersions.id)).limit(1000);
  return rows.map(toServerVersion);
}

/** One version with its state and a preview read from it; NOT_FOUND when it is not this project's. */
export async function getVersion(db: Database, projectId: string, versionId: string): Promise<{ version: ServerVersion; state: Uint8Array; preview: VersionPreview }> {
  const [row] = await db
    .select({ ...summaryColumns, state: docVersions.state })
    .from(docVersions)
    .leftJoin(users, eq(users.id, docVersions.createdBy))
    .where(and(eq(docVersions.docId, projectId), eq(docVersions.id, versionId)))
    .limit(1);
  if (!row) throw new EncoreError('NOT_FOUND', 'No such version of this project', { projectId, versionId });
  const state = unpackSnapshot(row.state);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return { version: toServerVersion(row), state, preview: previewProject(doc) };
  } finally {
    doc.destroy();
  }
}

async function insertVersion(db: Database, v: { projectId: string; kind: 'named' | 'auto'; name: string; createdBy: string | null; state: Uint8Array; now: Date }): Promise<ServerVersion> {
  const [row] = await db.insert(docVersions).values({ docId: v.projectId, kind: v.kind, name: v.name, createdBy: v.createdBy, createdAt: v.now, state: packSnapshot(v.state), sizeBytes: v.state.byteLength }).returning({ id: docVersions.id });
  if (!row) throw new Error('version insert returned no row');
  const [user] = v.createdBy ? await db.select({ username: users.username }).from(users).where(eq(users.id, v.createdBy)).limit(1) : [];
  return toServerVersion({ id: row.id, docId: v.projectId, kind: v.kind, name: v.name, createdBy: v.createdBy, createdAt: v.now, sizeBytes: v.state.byteLength, username: user?.username ?? null });
}

/** Names the project's current state (live document plus what is stored). */
export async function createNamedVersion(db: Database, docs: LiveDocuments, o: { projectId: string; name: string; userId: string; now: Date }): Promise<ServerVersion> {
  const [n] = await db.select({ n: count() }).from(docVersions).where(and(eq(docVersions.docId, o.projectId), eq(docVersions.kind, 'named')));
  if ((n?.n ?? 0) >= MAX_NAMED_VERSIONS) throw new EncoreError('CONFLICT', `A project keeps at most ${MAX_NAMED_VERSIONS} named versions`, { projectId: o.projectId, reason: 'too-many-versions' });
  const state = await docs.state(o.projectId);
  return insertVersion(db, { projectId: o.projectId, kind: 'named', name: o.name, createdBy: o.userId, state, now: o.now });
}

/**
 * Restores a version as a new change on the live document: what differs is set, what the
 * version lacks is deleted, in one transaction that connected clients receive and the log
 * appends. What it replaced is kept first as an automatic version.
 */
export async function restoreVersion(db: Database, docs: LiveDocuments, o: { projectId: string; versionId: string; userId: string; now: Date }): Promise<{ restored: ServerVersion; backup: ServerVersion }> {
  const { version, state } = await getVersion(db, o.projectId, o.versionId);
  const current = await docs.state(o.projectId);
  const backup = await insertVersion(db, { projectId: o.projectId, kind: 'auto', name: `Before restoring “${version.name}”`.slice(0, 100), createdBy: o.userId, state: current, now: o.now });
  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, state);
    await docs.change(o.projectId, (doc) => replaceContent(doc, source, null));
  } finally {
    source.destroy();
  }
  return { restored: version, backup };
}

/**
 * Takes an automatic version of `state` unless one was taken within `intervalMs`, then thins
 * the project's automatic versions. One transaction under the project's row lock, so two
 * instances editing one project take one version per interval between them.
 * Returns the version taken, if any.
 */
export async function takeAutoVersion(db: Database, o: { projectId: string; state: Uint8Array; now: Date; intervalMs?: number; rule?: ThinningRule }): Promise<ServerVersion | undefined> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute(sql`select id from studio_projects where id = ${o.projectId} for update`);
    if ((Array.isArray(locked) ? locked.length : ((locked as { rows?: unknown[] }).rows?.length ?? 0)) === 0) return undefined;
    const autos = await tx.select({ id: docVersions.id, createdAt: docVersions.createdAt }).from(docVersions).where(and(eq(docVersions.docId, o.projectId), eq(docVersions.kind, 'auto')));
    const latest = autos.reduce((t, v) => Math.max(t, v.createdAt.getTime()), -Infinity);
    if (o.now.getTime() - latest < (o.intervalMs ?? AUTO_VERSION_INTERVAL_MS)) return undefined;
    const taken = await insertVersion(tx, { projectId: o.projectId, kind: 'auto', name: 'Automatic', createdBy: null, state: o.state, now: o.now });
    const drop = thinVersions([...autos, { id: taken.id, createdAt: o.now }], o.now, o.rule ?? DEFAULT_THINNING);
    if (drop.length > 0) await tx.delete(docVersions).where(and(eq(docVersions.docId, o.projectId), inArray(docVersions.id, drop)));
    return taken;
  });
}

/**
 * The sync hub's automatic-version hook: project documents (room key = the bare project id)
 * are offered hourly while edited; {@link takeAutoVersion} keeps one unless one is recent.
 *
 * @example
 * SyncHub.create({ ..., autoVersions: autoVersionHook(db, clock) });
 */
export function autoVersionHook(db: Database, clock: { now(): Date }, intervalMs = AUTO_VERSION_INTERVAL_MS) {
  return {
    intervalMs,
    applies: (docId: string) => parseDocId(docId)?.kind === 'project' && !docId.includes(':'),
    take: (docId: string, state: Uint8Array) => takeAutoVersion(db, { projectId: docId, state, now: clock.now(), intervalMs }),
  };
}
