import { and, asc, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { EncoreError } from '@encore/shared/errors';
import { ProjectSummary, type ProjectTemplate, VersionSummary } from '@encore/shared/host/projects';
import { createIdGenerator, type IdGenerator } from '@encore/shared/project/ids';
import { documentVersion } from '@encore/shared/project/schema/migrations';
import type { EncoreDatabase } from '../../db/database';
import type { ReadableDB, WritableDB } from '../../db/handles';
import type { Logger } from '../../logger';
import { projects, projectSnapshots, projectUpdates, projectVersions } from './projectTables';

export interface ProjectStoreOptions {
  db: EncoreDatabase;
  /** Fold the log into the snapshot once it holds this many rows... */
  compactAfterRows?: number;
  /** ...or this many bytes. */
  compactAfterBytes?: number;
  now?: () => Date;
  newId?: IdGenerator;
  /**
   * Where a failed automatic compaction is reported. The update that triggered it is already
   * committed, so it must not fail; without a logger the error is thrown instead.
   */
  log?: Logger;
}

const DEFAULTS = { compactAfterRows: 500, compactAfterBytes: 4 * 1024 * 1024 };

export interface NewProject {
  title: string;
  template: ProjectTemplate | null;
}

/** Metadata the store changes directly; the title follows the document (see append). */
export type ProjectPatch = Pick<ProjectSummary, 'deletedAt'>;

type ProjectRow = typeof projects.$inferSelect;
type VersionRow = Omit<typeof projectVersions.$inferSelect, 'state' | 'stateVector'> & { byteLength: number };

/**
 * SQLite storage of studio projects. A document is its snapshot plus the updates logged after
 * it; every update is one row, committed before {@link append} returns, so a crash loses
 * nothing that was acknowledged. Compaction folds the log into the snapshot in one
 * transaction. The store never writes a document it could not read.
 *
 * @example
 * const store = new ProjectStore({ db });
 * const p = store.create({ title: 'Song', template: 'empty' }, Y.encodeStateAsUpdate(doc));
 * doc.on('update', (u) => store.append(p.id, u));
 * const copy = store.loadDoc(p.id);
 */
export class ProjectStore {
  private readonly o: Required<Omit<ProjectStoreOptions, 'log'>> & Pick<ProjectStoreOptions, 'log'>;

  constructor(options: ProjectStoreOptions) {
    this.o = { ...DEFAULTS, now: () => new Date(), newId: createIdGenerator(), ...options };
  }

  /** Creates the project with its first state, in one transaction. */
  create(project: NewProject, initialState: Uint8Array, createdAt?: string): ProjectSummary {
    const now = this.stamp();
    const row: ProjectRow = { id: this.o.newId(), title: project.title, template: project.template, createdAt: createdAt ?? now, updatedAt: now, openedAt: null, deletedAt: null };
    this.o.db.write((w) => {
      w.insert(projects).values(row).run();
      w.insert(projectUpdates).values({ projectId: row.id, data: Buffer.from(initialState), createdAt: now }).run();
    });
    return toSummary(row);
  }

  list(o: { trash: boolean }): ProjectSummary[] {
    const rows = this.o.db.read((r) =>
      r
        .select()
        .from(projects)
        .where(o.trash ? isNotNull(projects.deletedAt) : isNull(projects.deletedAt))
        .orderBy(desc(projects.updatedAt), asc(projects.id))
        .all(),
    );
    return rows.map(toSummary);
  }

  find(projectId: string): ProjectSummary | undefined {
    const row = this.o.db.read((r) => findRow(r, projectId));
    return row && toSummary(row);
  }

  /** The project, or PROJECT_NOT_FOUND. */
  get(projectId: string): ProjectSummary {
    const p = this.find(projectId);
    if (!p) throw notFound(projectId);
    return p;
  }

  update(projectId: string, patch: ProjectPatch): ProjectSummary {
    return this.o.db.write((w) => {
      const row = findRow(w, projectId);
      if (!row) throw notFound(projectId);
      const next: ProjectRow = { ...row, ...patch, updatedAt: this.stamp() };
      w.update(projects).set(next).where(eq(projects.id, projectId)).run();
      return toSummary(next);
    });
  }

  /** Records that a renderer opened the project (not a change: updatedAt stays). */
  markOpened(projectId: string, at: string): void {
    this.o.db.write((w) => {
      if (w.update(projects).set({ openedAt: at }).where(eq(projects.id, projectId)).run().changes === 0) throw notFound(projectId);
    });
  }

  /** Deletes the project with its log, snapshot and versions (ON DELETE CASCADE). */
  purge(projectId: string): void {
    this.o.db.write((w) => {
      if (w.delete(projects).where(eq(projects.id, projectId)).run().changes === 0) throw notFound(projectId);
    });
  }

  /**
   * Appends one update (and the document's title when it changed), committed when this returns;
   * then folds the log into the snapshot if it has grown past the thresholds.
   */
  append(projectId: string, update: Uint8Array, o: { title?: string } = {}): void {
    const now = this.stamp();
    const stats = this.o.db.write((w) => {
      w.insert(projectUpdates).values({ projectId, data: Buffer.from(update), createdAt: now }).run();
      const set = o.title === undefined ? { updatedAt: now } : { updatedAt: now, title: o.title };
      w.update(projects).set(set).where(eq(projects.id, projectId)).run();
      return logStats(w, projectId);
    });
    if (stats.rows < this.o.compactAfterRows && stats.bytes < this.o.compactAfterBytes) return;
    try {
      this.compact(projectId);
    } catch (e) {
      if (!this.o.log) throw e;
      this.o.log.error({ err: e, projectId, ...stats }, 'project log compaction failed; the log keeps growing until it succeeds');
    }
  }

  /** Rows and bytes in the log of a project (not yet folded into its snapshot). */
  logStats(projectId: string): { rows: number; bytes: number } {
    return this.o.db.read((r) => logStats(r, projectId));
  }

  /**
   * Merges the snapshot and every logged update into a new snapshot and deletes exactly the rows
   * merged, in one transaction: a crash leaves either the old rows or the new snapshot.
   */
  compact(projectId: string): { merged: number } {
    return this.o.db.write((w) => {
      const { snapshot, updates } = readParts(w, projectId);
      const last = updates.at(-1);
      if (!last) return { merged: 0 };
      let data: Uint8Array;
      try {
        data = Y.mergeUpdates([...(snapshot ? [snapshot.data] : []), ...updates.map((u) => u.data)]);
      } catch (e) {
        throw corrupt(projectId, 'its update log cannot be merged', e);
      }
      const row = { projectId, data: Buffer.from(data), throughUpdateId: last.id, updatedAt: this.stamp() };
      w.insert(projectSnapshots)
        .values(row)
        .onConflictDoUpdate({ target: projectSnapshots.projectId, set: { data: row.data, throughUpdateId: row.throughUpdateId, updatedAt: row.updatedAt } })
        .run();
      w.delete(projectUpdates).where(and(eq(projectUpdates.projectId, projectId), lte(projectUpdates.id, last.id))).run();
      return { merged: updates.length };
    });
  }

  /**
   * The stored document: snapshot, then the log in order. A row Yjs cannot read, or a result
   * that holds no project, throws an EncoreError naming the project; nothing is written.
   */
  loadDoc(projectId: string): Y.Doc {
    const { project, snapshot, updates } = this.o.db.read((r) => ({ project: findRow(r, projectId), ...readParts(r, projectId) }));
    if (!project) throw notFound(projectId);
    const doc = new Y.Doc();
    const parts = [...(snapshot ? [{ what: 'its snapshot', data: snapshot.data }] : []), ...updates.map((u) => ({ what: `update #${u.id}`, data: u.data }))];
    for (const part of parts) {
      try {
        // decodeUpdate parses the whole binary first; applyUpdate alone may stop early on garbage.
        Y.decodeUpdate(part.data);
        Y.applyUpdate(doc, part.data);
      } catch (e) {
        doc.destroy();
        throw corrupt(projectId, `${part.what} is corrupt`, e, project.title);
      }
    }
    if (documentVersion(doc) === undefined) {
      doc.destroy();
      throw corrupt(projectId, 'its stored document holds no project', undefined, project.title);
    }
    return doc;
  }

  /** The whole stored state as one update (a merge of snapshot and log). */
  loadState(projectId: string): Uint8Array {
    const doc = this.loadDoc(projectId);
    try {
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  saveVersion(projectId: string, o: { name: string; kind: VersionSummary['kind'] }, doc: Y.Doc): VersionSummary {
    const state = Y.encodeStateAsUpdate(doc);
    const row = { id: this.o.newId(), projectId, name: o.name, kind: o.kind, createdAt: this.stamp(), stateVector: Buffer.from(Y.encodeStateVector(doc)), state: Buffer.from(state) };
    this.o.db.write((w) => {
      if (!findRow(w, projectId)) throw notFound(projectId);
      w.insert(projectVersions).values(row).run();
    });
    return VersionSummary.parse({ ...row, byteLength: state.byteLength });
  }

  /** Newest first. */
  listVersions(projectId: string): VersionSummary[] {
    const rows: VersionRow[] = this.o.db.read((r) =>
      r
        .select({ id: projectVersions.id, projectId: projectVersions.projectId, name: projectVersions.name, kind: projectVersions.kind, createdAt: projectVersions.createdAt, byteLength: sql<number>`length(${projectVersions.state})` })
        .from(projectVersions)
        .where(eq(projectVersions.projectId, projectId))
        .orderBy(desc(projectVersions.createdAt), desc(sql`rowid`))
        .all(),
    );
    return rows.map((row) => VersionSummary.parse(row));
  }

  /** A version's name and encoded state; NOT_FOUND unless it belongs to the project. */
  version(projectId: string, versionId: string): { name: string; state: Uint8Array } {
    const row = this.o.db.read((r) =>
      r
        .select({ name: projectVersions.name, state: projectVersions.state })
        .from(projectVersions)
        .where(and(eq(projectVersions.id, versionId), eq(projectVersions.projectId, projectId)))
        .get(),
    );
    if (!row) throw new EncoreError('NOT_FOUND', `There is no version ${versionId} of this project`, { projectId, versionId });
    return row;
  }

  /** Keeps the newest `keep` automatic versions of a project and deletes the older ones. */
  pruneAutoVersions(projectId: string, keep: number): number {
    return this.o.db.write((w) => {
      const old = w
        .select({ id: projectVersions.id })
        .from(projectVersions)
        .where(and(eq(projectVersions.projectId, projectId), eq(projectVersions.kind, 'auto')))
        .orderBy(desc(projectVersions.createdAt), desc(sql`rowid`))
        .all()
        .slice(keep);
      for (const { id } of old) w.delete(projectVersions).where(eq(projectVersions.id, id)).run();
      return old.length;
    });
  }

  private stamp(): string {
    return this.o.now().toISOString();
  }
}

function findRow(r: ReadableDB | WritableDB, projectId: string): ProjectRow | undefined {
  return r.select().from(projects).where(eq(projects.id, projectId)).get();
}

function readParts(r: ReadableDB | WritableDB, projectId: string) {
  const snapshot = r.select().from(projectSnapshots).where(eq(projectSnapshots.projectId, projectId)).get();
  const updates = r
    .select({ id: projectUpdates.id, data: projectUpdates.data })
    .from(projectUpdates)
    .where(eq(projectUpdates.projectId, projectId))
    .orderBy(asc(projectUpdates.id))
    .all();
  return { snapshot, updates };
}

function logStats(r: ReadableDB | WritableDB, projectId: string): { rows: number; bytes: number } {
  const row = r
    .select({ rows: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(length(${projectUpdates.data})), 0)` })
    .from(projectUpdates)
    .where(eq(projectUpdates.projectId, projectId))
    .get();
  return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
}

function toSummary(row: ProjectRow): ProjectSummary {
  return ProjectSummary.parse(row);
}

function notFound(projectId: string): EncoreError {
  return new EncoreError('PROJECT_NOT_FOUND', `There is no project ${projectId}`, { projectId });
}

function corrupt(projectId: string, what: string, cause: unknown, title?: string): EncoreError {
  const name = title ? `“${title}” (${projectId})` : projectId;
  const error = new EncoreError('INTERNAL', `Project ${name} cannot be loaded: ${what}. Its stored data was left untouched.`, { projectId, reason: 'project-storage-corrupt' });
  if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
  return error;
}
