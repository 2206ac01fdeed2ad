import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import type * as Y from 'yjs';
import { EncoreError } from '@encore/shared/errors';
import { ProjectTitle, type ProjectDocReset } from '@encore/shared/host/projects';
import { createIdGenerator, type IdGenerator } from '@encore/shared/project/ids';
import { assertCurrentVersion, assertSupportedVersion, migrateProject } from '@encore/shared/project/schema/migrations';
import type { Disposable } from '../../../common/disposable';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { Logger } from '../../logger';
import type { ProjectStore } from './ProjectStore';

/** The origin of edits the host makes itself (rename, restore): they reach every subscriber. */
export const HOST_ORIGIN = Symbol('encore.host');

/** The origin of updates received from one subscription: every other subscriber gets them. */
class SubscriptionOrigin {
  constructor(readonly subscriptionId: string) {}
}

export interface LiveProjectsOptions {
  store: ProjectStore;
  events: HostEventBus;
  log: Logger;
  /** A subscription ends this long after its last call. */
  leaseMs: number;
  /** A document nobody subscribes to is unloaded this long after its last use. */
  idleMs: number;
  /** An automatic version is taken at the first edit this long after the last one. */
  autoVersionMs: number;
  /** Automatic versions kept per project (the oldest go first). */
  autoVersionsKept: number;
  now?: () => number;
  newId?: IdGenerator;
}

interface LiveProject {
  readonly projectId: string;
  readonly doc: Y.Doc;
  readonly subscriptions: Set<string>;
  lastUsed: number;
  lastAutoVersionAt: number;
  /** Set when an update could not be stored: the replica is then ahead of SQLite and must go. */
  storageError: unknown;
}

/**
 * The host's live replicas: one Y.Doc per open project, loaded from the store, persisting every
 * update it takes in before the call that brought it returns, and speaking the y-protocols sync
 * protocol with each subscribed renderer. Subscriptions are leases renewed by every call, since
 * a transport can vanish without saying goodbye; {@link sweep} ends lapsed ones and unloads
 * documents nobody has used for `idleMs`.
 */
export class LiveProjects implements Disposable {
  private readonly docs = new Map<string, LiveProject>();
  private readonly leases = new Map<string, { live: LiveProject; until: number }>();
  private readonly now: () => number;
  private readonly newId: IdGenerator;

  constructor(private readonly o: LiveProjectsOptions) {
    this.now = o.now ?? Date.now;
    this.newId = o.newId ?? createIdGenerator();
  }

  /** The live replica of a project, loading (and migrating) it if needed. */
  acquire(projectId: string): Y.Doc {
    return this.live(projectId).doc;
  }

  isLoaded(projectId: string): boolean {
    return this.docs.has(projectId);
  }

  get loadedCount(): number {
    return this.docs.size;
  }

  /** Runs a host edit on the live replica; it is stored and pushed to subscribers before this returns. */
  transact(projectId: string, edit: (doc: Y.Doc) => void): void {
    const live = this.live(projectId);
    this.guard(live, () => live.doc.transact(() => edit(live.doc), HOST_ORIGIN));
  }

  /** Sync step 1 from a renderer → a new subscription, the host's step 2 and its own step 1. */
  open(projectId: string, syncStep1: Uint8Array): { subscriptionId: string; messages: Uint8Array[]; leaseMs: number } {
    const decoder = decoding.createDecoder(syncStep1);
    if (readType(decoder) !== sync.messageYjsSyncStep1) throw badMessage('projects.doc.open expects a sync step 1');
    const live = this.live(projectId);
    const reply = encoding.createEncoder();
    try {
      sync.readSyncStep1(decoder, reply, live.doc);
    } catch (e) {
      throw badMessage('Malformed sync step 1', e);
    }
    const step1 = encoding.createEncoder();
    sync.writeSyncStep1(step1, live.doc);
    const subscriptionId = this.newId();
    live.subscriptions.add(subscriptionId);
    this.leases.set(subscriptionId, { live, until: this.now() + this.o.leaseMs });
    return { subscriptionId, messages: [encoding.toUint8Array(reply), encoding.toUint8Array(step1)], leaseMs: this.o.leaseMs };
  }

  /**
   * Applies a subscription's messages (step 2, updates, or a step 1 to answer). Whatever they
   * change is in SQLite when this returns. When the host still misses what an update builds on,
   * the reply carries a step 1 so the renderer sends it.
   */
  sync(subscriptionId: string, messages: readonly Uint8Array[]): Uint8Array[] {
    const live = this.lease(subscriptionId).live;
    const origin = new SubscriptionOrigin(subscriptionId);
    const replies: Uint8Array[] = [];
    this.guard(live, () => {
      for (const message of messages) {
        const decoder = decoding.createDecoder(message);
        const reply = encoding.createEncoder();
        try {
          sync.readSyncMessage(decoder, reply, live.doc, origin, (e) => {
            throw e;
          });
        } catch (e) {
          if (live.storageError !== undefined) throw e;
          throw badMessage('Malformed sync message', e);
        }
        if (encoding.length(reply) > 0) replies.push(encoding.toUint8Array(reply));
      }
    });
    if (live.doc.store.pendingStructs !== null || live.doc.store.pendingDs !== null) {
      const step1 = encoding.createEncoder();
      sync.writeSyncStep1(step1, live.doc);
      replies.push(encoding.toUint8Array(step1));
    }
    return replies;
  }

  keepAlive(subscriptionId: string): number {
    this.lease(subscriptionId);
    return this.o.leaseMs;
  }

  close(subscriptionId: string): boolean {
    const lease = this.leases.get(subscriptionId);
    if (!lease) return false;
    this.leases.delete(subscriptionId);
    lease.live.subscriptions.delete(subscriptionId);
    lease.live.lastUsed = this.now();
    return true;
  }

  /** Drops a replica (its state is already stored); subscribers are told when there are any. */
  unload(projectId: string, reason: ProjectDocReset['reason'] | null = null): void {
    const live = this.docs.get(projectId);
    if (!live) return;
    this.docs.delete(projectId);
    for (const id of live.subscriptions) this.leases.delete(id);
    const hadSubscribers = live.subscriptions.size > 0;
    live.subscriptions.clear();
    live.doc.destroy();
    if (hadSubscribers && reason) this.o.events.emit('projects.doc.reset', { projectId, reason });
  }

  /** Ends lapsed subscriptions and unloads documents idle for `idleMs`. */
  sweep(): void {
    const now = this.now();
    for (const [id, lease] of this.leases) if (lease.until <= now) this.close(id);
    for (const live of [...this.docs.values()]) {
      if (live.subscriptions.size === 0 && now - live.lastUsed >= this.o.idleMs) this.unload(live.projectId);
    }
  }

  dispose(): void {
    for (const projectId of [...this.docs.keys()]) this.unload(projectId);
  }

  private lease(subscriptionId: string) {
    const lease = this.leases.get(subscriptionId);
    if (!lease || lease.until <= this.now()) {
      if (lease) this.close(subscriptionId);
      throw new EncoreError('NOT_FOUND', 'This document subscription has ended; open the project again', { reason: 'subscription-ended', subscriptionId });
    }
    lease.until = this.now() + this.o.leaseMs;
    lease.live.lastUsed = this.now();
    return lease;
  }

  private live(projectId: string): LiveProject {
    const loaded = this.docs.get(projectId);
    if (loaded) {
      loaded.lastUsed = this.now();
      return loaded;
    }
    const doc = this.o.store.loadDoc(projectId);
    try {
      // A newer document is refused before anything is written, so storage stays as it was.
      assertSupportedVersion(doc);
    } catch (e) {
      doc.destroy();
      throw e;
    }
    const live: LiveProject = { projectId, doc, subscriptions: new Set(), lastUsed: this.now(), lastAutoVersionAt: this.now(), storageError: undefined };
    doc.on('update', (update: Uint8Array, origin: unknown) => this.persist(live, update, origin));
    this.docs.set(projectId, live);
    try {
      this.guard(live, () => {
        const { applied } = migrateProject(doc);
        if (applied.length > 0) this.o.log.info({ projectId, applied }, 'project document migrated');
      });
      assertCurrentVersion(doc);
    } catch (e) {
      this.unload(projectId);
      throw e;
    }
    return live;
  }

  private persist(live: LiveProject, update: Uint8Array, origin: unknown): void {
    const title = ProjectTitle.safeParse(live.doc.getMap('meta').get('title'));
    try {
      this.o.store.append(live.projectId, update, title.success ? { title: title.data } : {});
    } catch (e) {
      live.storageError = e;
      throw e;
    }
    const now = this.now();
    live.lastUsed = now;
    const from = origin instanceof SubscriptionOrigin ? origin.subscriptionId : null;
    if ([...live.subscriptions].some((id) => id !== from)) {
      const message = encoding.createEncoder();
      sync.writeUpdate(message, update);
      this.o.events.emit('projects.doc.update', { projectId: live.projectId, origin: from, message: Buffer.from(encoding.toUint8Array(message)).toString('base64') });
    }
    if (now - live.lastAutoVersionAt >= this.o.autoVersionMs) {
      live.lastAutoVersionAt = now;
      try {
        this.o.store.saveVersion(live.projectId, { name: 'Automatic version', kind: 'auto' }, live.doc);
        this.o.store.pruneAutoVersions(live.projectId, this.o.autoVersionsKept);
      } catch (e) {
        // The edit itself is stored; a missed automatic version must not fail it.
        this.o.log.error({ err: e, projectId: live.projectId }, 'automatic version failed');
      }
    }
  }

  /** Runs `fn`; if an update it caused could not be stored, the replica is dropped and reloaded on next use. */
  private guard(live: LiveProject, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (live.storageError === undefined) throw e;
      this.o.log.error({ err: live.storageError, projectId: live.projectId }, 'could not store a project update; the live document was unloaded');
      this.unload(live.projectId, 'storage-error');
      throw new EncoreError('INTERNAL', 'Your last change could not be saved to disk; the project was reloaded from what is saved', {
        projectId: live.projectId,
        reason: 'project-storage-failed',
      });
    }
  }
}

function readType(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder);
  } catch (e) {
    throw badMessage('Malformed sync message', e);
  }
}

function badMessage(message: string, cause?: unknown): EncoreError {
  const e = new EncoreError('VALIDATION_FAILED', message, { reason: 'malformed-sync-message' });
  if (cause !== undefined) (e as Error & { cause?: unknown }).cause = cause;
  return e;
}
