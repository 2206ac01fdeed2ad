import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as Y from 'yjs';
import { EncoreError } from '@encore/shared/errors';
import { ProjectTitle, type ProjectSummary, type ProjectTemplate, type ProjectsChanged, type VersionSummary } from '@encore/shared/host/projects';
import { Sha256 } from '@encore/shared/project/schema/common';
import { root } from '@encore/shared/project/schema/layout';
import { assertSupportedVersion, documentVersion, migrateProject } from '@encore/shared/project/schema/migrations';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import { createEmptyProject } from '@encore/shared/project/templates/emptyProject';
import { APP_VERSION } from '../../appVersion';
import type { Disposable } from '../../../common/disposable';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { Logger } from '../../logger';
import type { BlobStore } from './BlobStore';
import { LiveProjects } from './LiveProjects';
import { decodeProjectFile, encodeProjectFile } from './projectFile';
import type { ProjectStore } from './ProjectStore';
import { replaceContent } from './replaceContent';

export interface ProjectServiceOptions {
  store: ProjectStore;
  blobs: BlobStore;
  events: HostEventBus;
  log: Logger;
  /** Subscription lease (renewed by every doc call). */
  leaseMs?: number;
  /** Unload documents nobody has used for this long. */
  idleMs?: number;
  /** How often leases and idle documents are checked; 0 turns the timer off (tests call sweep()). */
  sweepMs?: number;
  /** An automatic version every this much editing time. */
  autoVersionMs?: number;
  autoVersionsKept?: number;
  /** How long a purge confirmation token is valid. */
  purgeTokenMs?: number;
  now?: () => Date;
}

const DEFAULTS = {
  leaseMs: 60_000,
  idleMs: 5 * 60_000,
  sweepMs: 15_000,
  autoVersionMs: 10 * 60_000,
  autoVersionsKept: 20,
  purgeTokenMs: 60_000,
};

const DEFAULT_TITLES: Record<ProjectTemplate, string> = { empty: 'Untitled project', demo: 'Encore demo' };

/**
 * Studio projects for the host API: the list (create from a template, rename, duplicate, trash,
 * purge), named and automatic versions, `.encore` export/import, and the live documents
 * renderers subscribe to. Every change is in SQLite before the call that made it returns.
 *
 * @example
 * const projects = new ProjectService({ store, blobs, events, log });
 * const p = projects.create({ template: 'demo' });
 * projects.saveVersion(p.id, 'Before the bridge');
 * const file = await projects.exportProject(p.id); // a .encore zip
 */
export class ProjectService implements Disposable {
  readonly live: LiveProjects;
  private readonly o: ProjectServiceOptions & typeof DEFAULTS;
  private readonly purgeTokens = new Map<string, { token: string; until: number }>();
  private readonly timer: NodeJS.Timeout | null;

  constructor(options: ProjectServiceOptions) {
    this.o = { ...DEFAULTS, ...options };
    const now = () => this.now().getTime();
    this.live = new LiveProjects({ store: this.o.store, events: this.o.events, log: this.o.log, leaseMs: this.o.leaseMs, idleMs: this.o.idleMs, autoVersionMs: this.o.autoVersionMs, autoVersionsKept: this.o.autoVersionsKept, now });
    this.timer = this.o.sweepMs > 0 ? setInterval(() => this.sweep(), this.o.sweepMs) : null;
    this.timer?.unref();
  }

  get store(): ProjectStore {
    return this.o.store;
  }

  get blobs(): BlobStore {
    return this.o.blobs;
  }

  list(o: { trash: boolean } = { trash: false }): ProjectSummary[] {
    return this.o.store.list(o);
  }

  get(projectId: string): ProjectSummary {
    return this.o.store.get(projectId);
  }

  create(o: { title?: string; template?: ProjectTemplate } = {}): ProjectSummary {
    const template = o.template ?? 'empty';
    const title = ProjectTitle.parse(o.title ?? DEFAULT_TITLES[template]);
    const doc = new Y.Doc();
    try {
      if (template === 'demo') createDemoProject(doc, { title });
      else createEmptyProject(doc, { title });
      return this.changed(this.o.store.create({ title, template }, Y.encodeStateAsUpdate(doc)), 'created');
    } finally {
      doc.destroy();
    }
  }

  /** Renames the project: the document's title is edited, so every replica sees it. */
  rename(projectId: string, title: string): ProjectSummary {
    const valid = ProjectTitle.parse(title);
    this.active(projectId);
    this.live.transact(projectId, (doc) => root(doc, 'meta').set('title', valid));
    return this.changed(this.o.store.get(projectId), 'updated');
  }

  /** A new project with the same content under a new id. */
  duplicate(projectId: string, title?: string): ProjectSummary {
    const source = this.active(projectId);
    const copy = this.docCopy(projectId);
    try {
      const name = ProjectTitle.parse(title ?? `${source.title.slice(0, 193)} (copy)`);
      copy.transact(() => root(copy, 'meta').set('title', name));
      return this.changed(this.o.store.create({ title: name, template: source.template }, Y.encodeStateAsUpdate(copy)), 'created');
    } finally {
      copy.destroy();
    }
  }

  /** Moves a project to the trash; its subscribers are told to close it. */
  trash(projectId: string): ProjectSummary {
    this.active(projectId);
    const p = this.o.store.update(projectId, { deletedAt: this.now().toISOString() });
    this.live.unload(projectId, 'trashed');
    return this.changed(p, 'trashed');
  }

  untrash(projectId: string): ProjectSummary {
    if (this.o.store.get(projectId).deletedAt === null) return this.o.store.get(projectId);
    return this.changed(this.o.store.update(projectId, { deletedAt: null }), 'untrashed');
  }

  /** First step of deleting forever (trashed projects only): a token valid for `purgeTokenMs`. */
  requestPurge(projectId: string): { confirmToken: string; expiresAt: string } {
    this.trashed(projectId);
    const until = this.now().getTime() + this.o.purgeTokenMs;
    const token = randomBytes(16).toString('hex');
    this.purgeTokens.set(projectId, { token, until });
    return { confirmToken: token, expiresAt: new Date(until).toISOString() };
  }

  /** Deletes a trashed project, its history and versions for good, given a token from {@link requestPurge}. */
  purge(projectId: string, confirmToken: string): { projectId: string } {
    this.trashed(projectId);
    const expected = this.purgeTokens.get(projectId);
    const valid = expected && expected.until > this.now().getTime() && expected.token.length === confirmToken.length && timingSafeEqual(Buffer.from(expected.token), Buffer.from(confirmToken));
    if (!valid) throw new EncoreError('FORBIDDEN', 'Confirm deleting this project forever first (the confirmation is missing or has expired)', { projectId, reason: 'purge-not-confirmed' });
    this.purgeTokens.delete(projectId);
    this.live.unload(projectId, 'purged');
    this.o.store.purge(projectId);
    this.o.events.emit('projects.changed', { projectId, change: 'purged' });
    return { projectId };
  }

  saveVersion(projectId: string, name: string, kind: VersionSummary['kind'] = 'named'): VersionSummary {
    this.active(projectId);
    return this.o.store.saveVersion(projectId, { name, kind }, this.live.acquire(projectId));
  }

  listVersions(projectId: string): VersionSummary[] {
    this.o.store.get(projectId);
    return this.o.store.listVersions(projectId);
  }

  /**
   * Restores a version as a new edit on top of the live document (see replaceContent), after
   * saving the current state as an automatic version, so the restore itself can be undone. The
   * current title is kept.
   */
  restoreVersion(projectId: string, versionId: string): { backup: VersionSummary } {
    this.active(projectId);
    const { name, state } = this.o.store.version(projectId, versionId);
    const version = new Y.Doc();
    try {
      try {
        Y.decodeUpdate(state);
        Y.applyUpdate(version, state);
      } catch (e) {
        throw new EncoreError('INTERNAL', `Version “${name}” of this project is corrupt and cannot be restored`, { projectId, versionId, reason: 'version-corrupt', cause: String(e) });
      }
      assertSupportedVersion(version);
      migrateProject(version);
      const backup = this.o.store.saveVersion(projectId, { name: `Before restoring “${name.slice(0, 70)}”`, kind: 'auto' }, this.live.acquire(projectId));
      this.live.transact(projectId, (doc) => {
        // The project keeps its current name: a version restores the music, not the list entry.
        root(version, 'meta').set('title', root(doc, 'meta').get('title'));
        replaceContent(doc, version, null);
      });
      this.changed(this.o.store.get(projectId), 'updated');
      return { backup };
    } finally {
      version.destroy();
    }
  }

  /** The project as a `.encore` file (document + manifest + the asset blobs on this machine). */
  async exportProject(projectId: string): Promise<Uint8Array> {
    const project = this.o.store.get(projectId);
    const doc = this.docCopy(projectId);
    try {
      const blobs = new Map<string, Uint8Array>();
      const missingAssets: string[] = [];
      for (const hash of [...root(doc, 'assets').keys()].sort()) {
        if (!Sha256.safeParse(hash).success) continue;
        if (await this.o.blobs.has(hash)) blobs.set(hash, await this.o.blobs.get(hash));
        else missingAssets.push(hash);
      }
      return encodeProjectFile({
        appVersion: APP_VERSION,
        exportedAt: this.now().toISOString(),
        project: { title: project.title, template: project.template, createdAt: project.createdAt },
        document: Y.encodeStateAsUpdate(doc),
        schemaVersion: documentVersion(doc) ?? 0,
        blobs,
        missingAssets,
      });
    } finally {
      doc.destroy();
    }
  }

  /**
   * Imports a `.encore` file as a new project. Everything is verified before anything is
   * written; a refused file leaves no project and no blob behind.
   */
  async importProject(file: Uint8Array): Promise<ProjectSummary> {
    const { manifest, document, blobs } = decodeProjectFile(file);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, document);
    const title = ProjectTitle.safeParse(root(doc, 'meta').get('title'));
    doc.destroy();
    for (const bytes of blobs.values()) await this.o.blobs.put(bytes);
    const project = this.o.store.create({ title: title.success ? title.data : manifest.project.title, template: manifest.project.template }, document, manifest.project.createdAt);
    this.o.log.info({ projectId: project.id, assets: blobs.size, missing: manifest.missingAssets.length }, 'project imported');
    return this.changed(project, 'created');
  }

  /**
   * Creates a project from a whole document an importer built (MIDI, DAWproject) with the audio it
   * uses; the audio is stored before the project appears.
   */
  async importDocument(o: { title: string; doc: Y.Doc; blobs: ReadonlyMap<string, Uint8Array> }): Promise<ProjectSummary> {
    assertSupportedVersion(o.doc);
    for (const bytes of o.blobs.values()) await this.o.blobs.put(bytes);
    const title = ProjectTitle.safeParse(root(o.doc, 'meta').get('title'));
    const project = this.o.store.create({ title: title.success ? title.data : o.title, template: null }, Y.encodeStateAsUpdate(o.doc));
    this.o.log.info({ projectId: project.id, assets: o.blobs.size }, 'song imported');
    return this.changed(project, 'created');
  }

  /** A detached copy of a project's current document; the caller destroys it. */
  documentCopy(projectId: string): Y.Doc {
    return this.docCopy(projectId);
  }

  /** Subscribes a renderer to a project's document (see LiveProjects.open). */
  openDoc(projectId: string, syncStep1: Uint8Array): ReturnType<LiveProjects['open']> {
    this.active(projectId);
    const opened = this.live.open(projectId, syncStep1);
    this.o.store.markOpened(projectId, this.now().toISOString());
    return opened;
  }

  sweep(): void {
    const now = this.now().getTime();
    for (const [id, t] of this.purgeTokens) if (t.until <= now) this.purgeTokens.delete(id);
    this.live.sweep();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.purgeTokens.clear();
    this.live.dispose();
  }

  /** A detached copy of the current document (from the live replica when loaded). */
  private docCopy(projectId: string): Y.Doc {
    const copy = new Y.Doc();
    if (this.live.isLoaded(projectId)) {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.live.acquire(projectId)));
    } else {
      Y.applyUpdate(copy, this.o.store.loadState(projectId));
    }
    try {
      assertSupportedVersion(copy);
    } catch (e) {
      copy.destroy();
      throw e;
    }
    return copy;
  }

  private active(projectId: string): ProjectSummary {
    const p = this.o.store.get(projectId);
    if (p.deletedAt !== null) throw new EncoreError('CONFLICT', `“${p.title}” is in the trash; restore it first`, { projectId, reason: 'project-in-trash' });
    return p;
  }

  private trashed(projectId: string): ProjectSummary {
    const p = this.o.store.get(projectId);
    if (p.deletedAt === null) throw new EncoreError('CONFLICT', `Move “${p.title}” to the trash before deleting it forever`, { projectId, reason: 'project-not-in-trash' });
    return p;
  }

  private changed(p: ProjectSummary, change: ProjectsChanged['change']): ProjectSummary {
    this.o.events.emit('projects.changed', { projectId: p.id, change });
    return p;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }
}
