import { fromBase64, toBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import * as Y from 'yjs';
import { EncoreError } from '../errors';
import type { HostClient } from './client';
import { ProjectDocReset, ProjectDocUpdate } from './projects';

/** The origin of updates this helper applies from the host: they are never sent back. */
export const HOST_DOC_ORIGIN = Symbol('encore.host-doc');

export interface ConnectProjectDocOptions {
  /** Called with errors the connection recovers from by itself (it retries) and with the final one. */
  onError?: (error: unknown) => void;
  /** Delay before a failed send is retried. */
  retryMs?: number;
}

export interface ProjectDocConnection {
  /** Resolves once both replicas hold each other's state; rejects when the host refuses the project. */
  readonly synced: Promise<void>;
  /** Resolves when every local update made so far is stored by the host. */
  flushed(): Promise<void>;
  /** Stops syncing, ends the subscription and removes every listener. */
  dispose(): Promise<void>;
}

/** Failures worth retrying; any other EncoreError (project trashed, too new...) ends the connection. */
const TRANSIENT = new Set<string>(['INTERNAL', 'HOST_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'OFFLINE', 'RATE_LIMITED']);

interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}
// shared/ compiles without DOM or Node types, yet every runtime Encore targets has these.
const timers = globalThis as unknown as Timers;

/**
 * Keeps `doc` a live replica of a project's document in the host. The two replicas speak the
 * y-protocols sync protocol (step 1, step 2, updates) through the host API: local updates go
 * to `projects.doc.sync` one batch at a time (the host answers once they are in SQLite), and
 * the host's updates arrive as `projects.doc.update` events. A lapsed subscription is reopened
 * and resynced; nothing local is dropped.
 *
 * @example
 * const doc = new Y.Doc();
 * const conn = connectProjectDoc(host, projectId, doc);
 * await conn.synced;
 * new ProjectApi(doc, { origin: 'me' }).createTrack({ kind: 'audio' });
 * await conn.flushed(); // stored by the host
 * await conn.dispose();
 */
export function connectProjectDoc(host: HostClient, projectId: string, doc: Y.Doc, options: ConnectProjectDocOptions = {}): ProjectDocConnection {
  const retryMs = options.retryMs ?? 1000;
  let subscriptionId: string | null = null;
  let pending: Uint8Array[] = [];
  let chain: Promise<void> = Promise.resolve();
  let disposed = false;
  let stopped: unknown = null;
  let keepAlive: unknown = null;
  let retry: unknown = null;

  const report = (e: unknown) => options.onError?.(e);

  /** Applies host messages; returns the replies they call for (a step 2 answering a step 1). */
  const receive = (messages: readonly string[]): string[] => {
    const replies: string[] = [];
    for (const message of messages) {
      const reply = encoding.createEncoder();
      sync.readSyncMessage(decoding.createDecoder(fromBase64(message)), reply, doc, HOST_DOC_ORIGIN);
      if (encoding.length(reply) > 0) replies.push(toBase64(encoding.toUint8Array(reply)));
    }
    return replies;
  };

  const exchange = async (messages: string[]): Promise<void> => {
    let outgoing = messages;
    // A reply may ask for more (the host answers a pending update with a step 1): loop until quiet.
    for (let round = 0; outgoing.length > 0 && round < 8 && subscriptionId; round++) {
      const reply = await host.call('projects.doc.sync', { subscriptionId, messages: outgoing });
      outgoing = receive(reply.messages);
    }
  };

  const open = async (): Promise<void> => {
    const step1 = encoding.createEncoder();
    sync.writeSyncStep1(step1, doc);
    const opened = await host.call('projects.doc.open', { projectId, syncStep1: toBase64(encoding.toUint8Array(step1)) });
    if (disposed) {
      await host.call('projects.doc.close', { subscriptionId: opened.subscriptionId });
      return;
    }
    subscriptionId = opened.subscriptionId;
    // The step 2 written while reading the host's step 1 carries everything local so far.
    pending = [];
    await exchange(receive(opened.messages));
    if (keepAlive !== null) timers.clearInterval(keepAlive);
    keepAlive = timers.setInterval(() => {
      const id = subscriptionId;
      if (id) host.call('projects.doc.keepAlive', { subscriptionId: id }).catch(onFailure);
    }, Math.max(1000, Math.floor(opened.leaseMs / 3)));
  };

  const flush = async (): Promise<void> => {
    if (disposed || stopped !== null) return;
    if (!subscriptionId) return open();
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const message = encoding.createEncoder();
    sync.writeUpdate(message, Y.mergeUpdates(batch));
    try {
      await exchange([toBase64(encoding.toUint8Array(message))]);
    } catch (e) {
      pending = [...batch, ...pending];
      throw e;
    }
  };

  const idle = () => subscriptionId !== null && pending.length === 0;
  let waiters: { resolve(): void; reject(e: unknown): void }[] = [];
  const settle = (error?: unknown) => {
    if (error === undefined && !idle()) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) if (error === undefined) w.resolve();
    else w.reject(error);
  };

  const schedule = (task: () => Promise<void>): Promise<void> => {
    chain = chain
      .then(task)
      .then(() => settle())
      .catch(onFailure);
    return chain;
  };

  function onFailure(e: unknown): void {
    if (disposed || stopped !== null) return;
    if (e instanceof EncoreError && e.code === 'NOT_FOUND' && e.details?.reason === 'subscription-ended') subscriptionId = null;
    else if (e instanceof EncoreError && !TRANSIENT.has(e.code)) return stop(e);
    report(e);
    if (retry === null) {
      retry = timers.setTimeout(() => {
        retry = null;
        void schedule(flush);
      }, retryMs);
    }
  }

  const onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === HOST_DOC_ORIGIN || disposed) return;
    pending.push(update);
    void schedule(flush);
  };

  const offUpdate = host.on('projects.doc.update', (payload) => {
    const event = ProjectDocUpdate.safeParse(payload);
    if (!event.success || event.data.projectId !== projectId || disposed) return;
    if (subscriptionId !== null && event.data.origin === subscriptionId) return;
    try {
      receive([event.data.message]);
    } catch (e) {
      report(e);
    }
  });
  const offReset = host.on('projects.doc.reset', (payload) => {
    const event = ProjectDocReset.safeParse(payload);
    if (!event.success || event.data.projectId !== projectId || disposed) return;
    subscriptionId = null;
    if (event.data.reason === 'storage-error') {
      void schedule(flush);
    } else {
      stop(new EncoreError('PROJECT_NOT_FOUND', `The project was ${event.data.reason === 'trashed' ? 'moved to the trash' : 'deleted'}`, { projectId, reason: event.data.reason }));
    }
  });
  doc.on('update', onLocalUpdate);

  function stop(e: unknown): void {
    stopped = e;
    if (keepAlive !== null) timers.clearInterval(keepAlive);
    if (retry !== null) timers.clearTimeout(retry);
    report(e);
    settle(e);
  }
  const synced = open();
  chain = synced.then(() => settle(), stop);

  return {
    synced,
    flushed() {
      if (stopped !== null) return Promise.reject(stopped);
      if (disposed) return Promise.reject(new EncoreError('BAD_REQUEST', 'The document connection is disposed'));
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject });
        // Settles now if idle, else when the queued sends (and any retries) have gone through.
        void chain.then(() => settle());
      });
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      settle(new EncoreError('BAD_REQUEST', 'The document connection was disposed before its changes were stored'));
      doc.off('update', onLocalUpdate);
      offUpdate();
      offReset();
      if (keepAlive !== null) timers.clearInterval(keepAlive);
      if (retry !== null) timers.clearTimeout(retry);
      await chain;
      const id = subscriptionId;
      subscriptionId = null;
      if (id) await host.call('projects.doc.close', { subscriptionId: id }).catch(report);
    },
  };
}
