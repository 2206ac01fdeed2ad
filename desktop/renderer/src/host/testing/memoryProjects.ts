import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as sync from 'y-protocols/sync';
import type { ErrorCode } from '@encore/shared/errors';
import type { ProjectSummary, ProjectTemplate, VersionSummary } from '@encore/shared/host/projects';
import type { Result } from '@encore/shared/result';
import { createIdGenerator } from '@encore/shared/project/ids';
import { ROOTS, root } from '@encore/shared/project/schema/layout';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import { createEmptyProject } from '@encore/shared/project/templates/emptyProject';
import { EncoreError } from '@encore/shared/errors';
import type { SongFormat } from '@encore/shared/host/projects';
import { decodeSong, encodeSong, joinChunks, sha256Hex, SONG_EXTENSIONS, songFormatOfName } from './memorySongFiles';

type Emit = (event: 'projects.changed' | 'projects.doc.update' | 'projects.doc.reset', payload: unknown) => void;
type Reply = Result<unknown> | Promise<Result<unknown>>;

interface StoredProject {
  summary: ProjectSummary;
  doc: Y.Doc;
  versions: { summary: VersionSummary; state: Uint8Array }[];
}

/** A project the in-memory host starts with. */
export interface MemoryProjectSeed {
  title: string;
  template: ProjectTemplate;
  /** ISO time of the last edit. */
  updatedAt?: string;
}

const DEFAULT_TITLES: Record<ProjectTemplate, string> = { empty: 'Untitled project', demo: 'Encore demo' };
const LEASE_MS = 60_000;

/** A fresh copy of a document value: nested Y.Maps are rebuilt, plain values shared. */
function copyValue(value: unknown): unknown {
  if (!(value instanceof Y.Map)) return value;
  const copy = new Y.Map<unknown>();
  for (const [key, child] of value.entries()) copy.set(key, copyValue(child));
  return copy;
}

/**
 * The projects procedures of the in-memory host: projects, versions, trash, `.encore` files kept
 * in memory, and the document channel speaking the y-protocols sync protocol exactly as the
 * desktop host does (open → step 2 + step 1, sync → replies, updates pushed to other subscribers).
 */
export function createMemoryProjects(emit: Emit, seeds: readonly MemoryProjectSeed[] = []) {
  const newId = createIdGenerator();
  const projects = new Map<string, StoredProject>();
  const subscriptions = new Map<string, string>();
  const files = new Map<string, { title: string; template: ProjectTemplate | null; state: Uint8Array }>();
  const purgeTokens = new Map<string, string>();
  /** Song files being sent for import, and the song files exported (by name). */
  const songUploads = new Map<string, { fileName: string; byteLength: number; chunks: string[]; received: number }>();
  const exportedSongs = new Map<string, Uint8Array>();
  /** The blob store: bytes by SHA-256, and uploads in progress. */
  const blobs = new Map<string, Uint8Array>();
  const blobUploads = new Map<string, { sha256: string; byteLength: number; chunks: Uint8Array[]; received: number }>();
  const nowIso = () => new Date().toISOString();
  const err = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<unknown> => ({ ok: false, error: { code, message, ...(details ? { details } : {}) } });
  const ok = (value: unknown): Result<unknown> => ({ ok: true, value });

  const changed = (p: StoredProject, change: 'created' | 'updated' | 'trashed' | 'untrashed'): Result<unknown> => {
    emit('projects.changed', { projectId: p.summary.id, change });
    return ok(p.summary);
  };
  const touch = (p: StoredProject, patch: Partial<ProjectSummary> = {}) => {
    p.summary = { ...p.summary, ...patch, updatedAt: nowIso() };
  };

  const add = (title: string, template: ProjectTemplate | null, doc: Y.Doc, updatedAt = nowIso()): StoredProject => {
    const id = newId();
    const p: StoredProject = { summary: { id, title, template, createdAt: updatedAt, updatedAt, openedAt: null, deletedAt: null }, doc, versions: [] };
    projects.set(id, p);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      touch(p);
      const message = encoding.createEncoder();
      sync.writeUpdate(message, update);
      emit('projects.doc.update', { projectId: id, origin: typeof origin === 'string' && subscriptions.has(origin) ? origin : null, message: toBase64(encoding.toUint8Array(message)) });
    });
    return p;
  };
  const fromTemplate = (title: string, template: ProjectTemplate) => {
    const doc = new Y.Doc();
    if (template === 'demo') createDemoProject(doc, { title });
    else createEmptyProject(doc, { title });
    return doc;
  };
  const copyOf = (doc: Y.Doc) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return copy;
  };
  for (const seed of seeds) add(seed.title, seed.template, fromTemplate(seed.title, seed.template), seed.updatedAt);

  const find = (projectId: string, allowTrashed = false): StoredProject | Result<unknown> => {
    const p = projects.get(projectId);
    if (!p || (!allowTrashed && p.summary.deletedAt !== null)) return err('PROJECT_NOT_FOUND', `There is no project ${projectId}`, { projectId });
    return p;
  };
  const isProject = (x: StoredProject | Result<unknown>): x is StoredProject => 'summary' in x;
  const withProject = (projectId: string, fn: (p: StoredProject) => Reply, allowTrashed = false): Reply => {
    const p = find(projectId, allowTrashed);
    return isProject(p) ? fn(p) : p;
  };
  const unload = (projectId: string, reason: 'trashed' | 'purged') => {
    let had = false;
    for (const [sub, pid] of subscriptions) {
      if (pid !== projectId) continue;
      subscriptions.delete(sub);
      had = true;
    }
    if (had) emit('projects.doc.reset', { projectId, reason });
  };
  const subscription = (subscriptionId: string): StoredProject | Result<unknown> => {
    const projectId = subscriptions.get(subscriptionId);
    if (!projectId) return err('NOT_FOUND', 'This document subscription has ended; open the project again', { reason: 'subscription-ended', subscriptionId });
    return find(projectId);
  };
  const saveVersion = (p: StoredProject, name: string, kind: VersionSummary['kind']): VersionSummary => {
    const state = Y.encodeStateAsUpdate(p.doc);
    const summary: VersionSummary = { id: newId(), projectId: p.summary.id, name, kind, createdAt: nowIso(), byteLength: state.byteLength };
    p.versions.push({ summary, state });
    return summary;
  };

  const handlers = {
    'projects.list': (i: { trash: boolean }): Reply =>
      ok(
        [...projects.values()]
          .map((p) => p.summary)
          .filter((s) => (s.deletedAt !== null) === i.trash)
          .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)),
      ),
    'projects.get': (i: { projectId: string }): Reply => withProject(i.projectId, (p) => ok(p.summary), true),
    'projects.create': (i: { title?: string; template: ProjectTemplate }): Reply => {
      const title = i.title ?? DEFAULT_TITLES[i.template];
      return changed(add(title, i.template, fromTemplate(title, i.template)), 'created');
    },
    'projects.rename': (i: { projectId: string; title: string }): Reply =>
      withProject(i.projectId, (p) => {
        p.doc.transact(() => root(p.doc, 'meta').set('title', i.title), 'host');
        touch(p, { title: i.title });
        return changed(p, 'updated');
      }),
    'projects.duplicate': (i: { projectId: string; title?: string }): Reply =>
      withProject(i.projectId, (p) => {
        const title = i.title ?? `${p.summary.title.slice(0, 193)} (copy)`;
        const copy = copyOf(p.doc);
        copy.transact(() => root(copy, 'meta').set('title', title));
        return changed(add(title, p.summary.template, copy), 'created');
      }),
    'projects.delete': (i: { projectId: string }): Reply =>
      withProject(i.projectId, (p) => {
        touch(p, { deletedAt: nowIso() });
        unload(p.summary.id, 'trashed');
        return changed(p, 'trashed');
      }),
    'projects.untrash': (i: { projectId: string }): Reply =>
      withProject(
        i.projectId,
        (p) => {
          if (p.summary.deletedAt === null) return ok(p.summary);
          touch(p, { deletedAt: null });
          return changed(p, 'untrashed');
        },
        true,
      ),
    'projects.purge.request': (i: { projectId: string }): Reply =>
      withProject(
        i.projectId,
        (p) => {
          if (p.summary.deletedAt === null) return err('BAD_REQUEST', 'Move the project to the trash first');
          const token = newId();
          purgeTokens.set(p.summary.id, token);
          return ok({ confirmToken: token, expiresAt: new Date(Date.now() + 60_000).toISOString() });
        },
        true,
      ),
    'projects.purge': (i: { projectId: string; confirmToken: string }): Reply =>
      withProject(
        i.projectId,
        (p) => {
          if (purgeTokens.get(p.summary.id) !== i.confirmToken) return err('FORBIDDEN', 'Confirm deleting this project forever first', { reason: 'purge-not-confirmed' });
          purgeTokens.delete(p.summary.id);
          unload(p.summary.id, 'purged');
          projects.delete(p.summary.id);
          emit('projects.changed', { projectId: p.summary.id, change: 'purged' });
          return ok({ projectId: p.summary.id });
        },
        true,
      ),
    'projects.versions.save': (i: { projectId: string; name: string }): Reply => withProject(i.projectId, (p) => ok(saveVersion(p, i.name, 'named'))),
    'projects.versions.list': (i: { projectId: string }): Reply => withProject(i.projectId, (p) => ok(p.versions.map((v) => v.summary).reverse())),
    'projects.versions.restore': (i: { projectId: string; versionId: string }): Reply =>
      withProject(i.projectId, (p) => {
        const version = p.versions.find((v) => v.summary.id === i.versionId);
        if (!version) return err('NOT_FOUND', `Project ${i.projectId} has no version ${i.versionId}`);
        const backup = saveVersion(p, 'Before restore', 'auto');
        // Restoring is a new edit on top: the old state's records are written over the current ones.
        const old = new Y.Doc();
        Y.applyUpdate(old, version.state);
        p.doc.transact(() => {
          for (const name of ROOTS) {
            const target = root(p.doc, name);
            const source = root(old, name);
            for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
            for (const [key, value] of source.entries()) target.set(key, copyValue(value));
          }
        }, 'host');
        return ok({ backup });
      }),
    'projects.export': (i: { projectId: string }): Reply =>
      withProject(i.projectId, async (p) => {
        const state = Y.encodeStateAsUpdate(p.doc);
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(state)));
        const fileName = `${p.summary.title.replace(/[/\\:\p{Cc}]/gu, '_').replace(/^\./, '_')}.encore`;
        files.set(fileName, { title: p.summary.title, template: p.summary.template, state });
        return ok({ fileName, byteLength: state.byteLength, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') });
      }),
    'projects.blobs.begin': (i: { byteLength: number; sha256: string }): Reply => {
      if (blobs.has(i.sha256)) return ok({ uploadId: null });
      const uploadId = newId();
      blobUploads.set(uploadId, { sha256: i.sha256, byteLength: i.byteLength, chunks: [], received: 0 });
      return ok({ uploadId });
    },
    'projects.blobs.chunk': (i: { uploadId: string; offset: number; data: string }): Reply => {
      const u = blobUploads.get(i.uploadId);
      if (!u) return err('NOT_FOUND', 'This blob upload has ended or never began');
      if (i.offset !== u.received) return err('CONFLICT', `Expected the chunk at byte ${u.received}, got ${i.offset}`);
      const bytes = fromBase64(i.data);
      if (u.received + bytes.byteLength > u.byteLength) return err('VALIDATION_FAILED', 'More bytes arrived than the upload announced');
      u.chunks.push(bytes);
      u.received += bytes.byteLength;
      return ok({ received: u.received });
    },
    'projects.blobs.finish': async (i: { uploadId: string }): Promise<Result<unknown>> => {
      const u = blobUploads.get(i.uploadId);
      if (!u) return err('NOT_FOUND', 'This blob upload has ended or never began');
      blobUploads.delete(i.uploadId);
      const whole = new Uint8Array(u.received);
      let at = 0;
      for (const c of u.chunks) {
        whole.set(c, at);
        at += c.byteLength;
      }
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', whole));
      const actual = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
      if (u.received !== u.byteLength || actual !== u.sha256) return err('VALIDATION_FAILED', 'The file arrived damaged (length or checksum mismatch)');
      blobs.set(u.sha256, whole);
      return ok({ sha256: u.sha256, byteLength: u.byteLength });
    },
    'projects.importFile.begin': (i: { fileName: string; byteLength: number }): Reply => {
      try {
        songFormatOfName(i.fileName);
      } catch (e) {
        return err('BAD_REQUEST', (e as Error).message);
      }
      const uploadId = newId();
      songUploads.set(uploadId, { fileName: i.fileName, byteLength: i.byteLength, chunks: [], received: 0 });
      return ok({ uploadId });
    },
    'projects.importFile.chunk': (i: { uploadId: string; offset: number; data: string }): Reply => {
      const u = songUploads.get(i.uploadId);
      if (!u) return err('NOT_FOUND', 'This import upload has ended or never began');
      if (i.offset !== u.received) return err('CONFLICT', `Expected the chunk at byte ${u.received}, got ${i.offset}`);
      u.chunks.push(i.data);
      u.received += fromBase64(i.data).byteLength;
      return ok({ received: u.received });
    },
    'projects.importFile.finish': async (i: { uploadId: string; sha256: string }): Promise<Result<unknown>> => {
      const u = songUploads.get(i.uploadId);
      if (!u) return err('NOT_FOUND', 'This import upload has ended or never began');
      songUploads.delete(i.uploadId);
      const bytes = joinChunks(u.chunks);
      if (bytes.byteLength !== u.byteLength || (await sha256Hex(bytes)) !== i.sha256) return err('VALIDATION_FAILED', 'The file arrived damaged (length or checksum mismatch)');
      try {
        const song = await decodeSong(u.fileName, bytes);
        for (const [hash, blob] of song.blobs) blobs.set(hash, blob);
        const title = String(root(song.doc, 'meta').get('title') ?? u.fileName);
        const p = add(title, null, song.doc);
        changed(p, 'created');
        return ok({ project: p.summary, format: songFormatOfName(u.fileName), warnings: song.warnings });
      } catch (e) {
        if (e instanceof EncoreError) return err(e.code, e.message);
        throw e;
      }
    },
    'projects.exportFile': (i: { projectId: string; format: SongFormat }): Reply =>
      withProject(i.projectId, async (p) => {
        const bytes = i.format === 'encore' ? Y.encodeStateAsUpdate(p.doc) : encodeSong(p.doc, i.format, blobs);
        let fileName = `${p.summary.title.replace(/[/\\:\p{Cc}]/gu, '_').replace(/^\./, '_')}.${SONG_EXTENSIONS[i.format]}`;
        for (let n = 2; exportedSongs.has(fileName); n++) fileName = fileName.replace(/( \(\d+\))?(\.[a-z]+)$/, ` (${n})$2`);
        exportedSongs.set(fileName, bytes);
        if (i.format === 'encore') files.set(fileName, { title: p.summary.title, template: p.summary.template, state: bytes });
        return ok({ fileName, format: i.format, byteLength: bytes.byteLength, sha256: await sha256Hex(bytes) });
      }),
    'projects.import': (i: { fileName: string }): Reply => {
      const file = files.get(i.fileName);
      if (!file) return err('NOT_FOUND', `There is no file ${i.fileName} to import`);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, file.state);
      return changed(add(file.title, file.template, doc), 'created');
    },
    'projects.doc.open': (i: { projectId: string; syncStep1: string }): Reply =>
      withProject(i.projectId, (p) => {
        const decoder = decoding.createDecoder(fromBase64(i.syncStep1));
        if (decoding.readVarUint(decoder) !== sync.messageYjsSyncStep1) return err('BAD_REQUEST', 'projects.doc.open expects a sync step 1');
        const reply = encoding.createEncoder();
        sync.readSyncStep1(decoder, reply, p.doc);
        const step1 = encoding.createEncoder();
        sync.writeSyncStep1(step1, p.doc);
        const subscriptionId = newId();
        subscriptions.set(subscriptionId, p.summary.id);
        p.summary = { ...p.summary, openedAt: nowIso() };
        return ok({ subscriptionId, messages: [toBase64(encoding.toUint8Array(reply)), toBase64(encoding.toUint8Array(step1))], leaseMs: LEASE_MS });
      }),
    'projects.doc.sync': (i: { subscriptionId: string; messages: string[] }): Reply => {
      const p = subscription(i.subscriptionId);
      if (!isProject(p)) return p;
      const replies: string[] = [];
      for (const message of i.messages) {
        const reply = encoding.createEncoder();
        sync.readSyncMessage(decoding.createDecoder(fromBase64(message)), reply, p.doc, i.subscriptionId);
        if (encoding.length(reply) > 0) replies.push(toBase64(encoding.toUint8Array(reply)));
      }
      return ok({ messages: replies });
    },
    'projects.doc.keepAlive': (i: { subscriptionId: string }): Reply => {
      const p = subscription(i.subscriptionId);
      return isProject(p) ? ok({ leaseMs: LEASE_MS }) : p;
    },
    'projects.doc.close': (i: { subscriptionId: string }): Reply => ok({ closed: subscriptions.delete(i.subscriptionId) }),
  };

  return {
    handlers,
    /** The host's replica of a project (to check what reached the "disk"). */
    doc: (projectId: string): Y.Doc | undefined => projects.get(projectId)?.doc,
    summaries: (): ProjectSummary[] => [...projects.values()].map((p) => p.summary),
    openSubscriptions: () => subscriptions.size,
    /** The blob store's content by SHA-256 (what `projects.blobs.*` stored). */
    blobs: blobs as ReadonlyMap<string, Uint8Array>,
    /** Song files written by `projects.exportFile`, by name. */
    exportedSongs: exportedSongs as ReadonlyMap<string, Uint8Array>,
  };
}
export type MemoryProjects = ReturnType<typeof createMemoryProjects>;
