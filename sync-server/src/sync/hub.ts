import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { SyncCloseCode } from '@encore/shared/api/studio';
import type { SyncConfig } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { MembershipEvent } from '../services/studio/membershipEvents';
import { Connection, type ConnectionInfo } from './connection';
import type { SyncMetrics } from './metrics';
import { DocStore } from './persistence';
import { permissionDeniedMessage } from './protocol';
import { RedisRelay, type RelayedMessage } from './redisRelay';
import { FROM_DATABASE, FROM_SERVER, Room } from './room';

/** After a failed load, connections are refused this long before the next attempt. */
const LOAD_RETRY_MS = 5_000;
/** Messages a socket may send while its document is still loading. */
const MAX_EARLY_MESSAGES = 64;
/** Relayed messages kept for a document that is still loading. */
const MAX_EARLY_RELAYED = 10_000;
/** A log of at least this many bytes is compacted once it outweighs the snapshot. */
const COMPACT_MIN_LOG_BYTES = 4 * 1024 * 1024;

export interface SyncHubOptions {
  db: Database;
  log: Logger;
  sync: SyncConfig;
  /** With Redis, instances relay to each other and reconcile with PostgreSQL. */
  redis?: { url: string; keyPrefix: string } | undefined;
  /** Prometheus series on the app's registry (`/metrics`). */
  metrics?: SyncMetrics | undefined;
  /**
   * Automatic versions: while a document is edited, `take` is offered its state at most
   * every `intervalMs` (it decides, with what is stored, whether to keep one).
   */
  autoVersions?: { intervalMs: number; applies(docId: string): boolean; take(docId: string, state: Uint8Array): Promise<unknown> } | undefined;
}

export interface SyncStats {
  documents: number;
  connections: number;
  pendingUpdates: number;
}

/**
 * All documents this instance has in memory and every socket on them: loads a document on
 * its first socket (refusing sockets while a failed load cools down), unloads it when idle,
 * stores accepted updates through the {@link DocStore}, compacts logs that grew long, applies
 * membership changes to open sockets, and with Redis relays to other instances and
 * reconciles with PostgreSQL after a gap.
 *
 * @example
 * const hub = await SyncHub.create({ db, log, sync: config.sync, redis: { url, keyPrefix } });
 * hub.connect(ws, { docId, userId, sessionId, role: 'editor' });
 */
export class SyncHub {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly failedUntil = new Map<string, number>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly earlyRelayed = new Map<string, RelayedMessage[]>();
  private readonly connections = new Set<Connection>();
  private readonly store: DocStore;
  /** When each document was last offered for an automatic version (this instance). */
  private readonly autoOffered = new Map<string, number>();
  private relay: RedisRelay | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private soonTimer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> | undefined;
  private closing = false;

  private constructor(private readonly o: SyncHubOptions) {
    this.store = new DocStore({
      db: o.db,
      log: o.log,
      flushDelayMs: o.sync.flushDelayMs,
      flushMaxUpdates: o.sync.flushMaxUpdates,
      onFlushed: (docId, rows, bytes) => this.onFlushed(docId, rows, bytes),
      onBatchWritten: (seconds) => o.metrics?.flushSeconds.observe(seconds),
    });
    o.metrics?.bind({
      documents: () => this.rooms.size,
      connections: () => this.connections.size,
      pendingUpdates: () => this.store.pendingCount,
      logRows: () => [...this.rooms.values()].reduce((n, r) => n + r.logRows, 0),
    });
  }

  static async create(o: SyncHubOptions): Promise<SyncHub> {
    const hub = new SyncHub(o);
    if (o.redis) {
      hub.relay = await RedisRelay.connect(o.redis.url, o.redis.keyPrefix, o.log, {
        onMessage: (m) => hub.onRelayed(m),
        onControl: (e) => hub.applyMembership(e, true),
        onResubscribed: () => {
          o.log.warn('sync relay: resubscribed to Redis; reconciling documents with the database');
          o.metrics?.relayGaps.inc();
          for (const r of hub.rooms.values()) r.needsReconcile = true;
          hub.reconcileSoon();
        },
      });
      hub.reconcileTimer = setInterval(() => hub.reconcileDue(), o.sync.reconcileIntervalMs);
      hub.reconcileTimer.unref();
    }
    return hub;
  }

  /** The relay's identity, when Redis is on (for logs and tests). */
  get relayInfo(): { instanceId: string; subscriberName: string } | undefined {
    return this.relay ? { instanceId: this.relay.instanceId, subscriberName: this.relay.subscriberName } : undefined;
  }

  stats(): SyncStats {
    return { documents: this.rooms.size, connections: this.connections.size, pendingUpdates: this.store.pendingCount };
  }

  /** Takes over a socket whose upgrade was authorised for `info.docId` with `info.role`. */
  connect(ws: WebSocket, info: ConnectionInfo): void {
    const s = this.o.sync;
    const c = new Connection(ws, info, { messagesPerSecond: s.rateMessagesPerSecond, bytesPerSecond: s.rateBytesPerSecond, maxMessageBytes: s.maxMessageBytes, maxBufferedBytes: s.maxBufferedBytes });
    this.connections.add(c);
    let room: Room | undefined;
    const early: Uint8Array[] = [];
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return c.close(SyncCloseCode.MALFORMED, 'text frames are not part of the protocol');
      const bytes = toBytes(data);
      if (room) room.receive(c, bytes);
      else if (early.length < MAX_EARLY_MESSAGES) early.push(bytes);
      else c.close(SyncCloseCode.RATE_LIMITED, 'too many messages before the document loaded');
    });
    ws.on('error', (err) => this.o.log.debug({ err, docId: info.docId }, 'sync: socket error'));
    ws.on('close', () => {
      this.connections.delete(c);
      room?.leave(c);
    });
    if (this.closing) return c.close(SyncCloseCode.GOING_AWAY, 'the server is stopping');
    this.acquire(info.docId).then(
      (r) => {
        if (!c.isOpen) {
          if (r.connections.size === 0) this.scheduleIdle(r.docId);
          return;
        }
        room = r;
        r.join(c);
        for (const m of early.splice(0)) r.receive(c, m);
      },
      (err: unknown) => {
        this.o.log.error({ err, docId: info.docId }, 'sync: document failed to load; refusing connections');
        c.close(SyncCloseCode.LOAD_FAILED, 'the document failed to load; nothing was changed, retry later');
      },
    );
  }

  private acquire(docId: string): Promise<Room> {
    const loaded = this.rooms.get(docId);
    if (loaded) {
      clearTimeout(this.idleTimers.get(docId));
      this.idleTimers.delete(docId);
      return Promise.resolve(loaded);
    }
    const pending = this.loading.get(docId);
    if (pending) return pending;
    if ((this.failedUntil.get(docId) ?? 0) > Date.now()) return Promise.reject(new Error('the last load of this document failed'));
    const p = this.load(docId).finally(() => this.loading.delete(docId));
    this.loading.set(docId, p);
    return p;
  }

  private async load(docId: string): Promise<Room> {
    await this.unloading.get(docId);
    if (this.closing) throw new Error('the server is stopping');
    // Subscribe before reading, so nothing relayed between the read and the subscription is lost.
    if (this.relay) {
      this.earlyRelayed.set(docId, []);
      await this.relay.subscribe(docId);
    }
    let stored;
    try {
      await this.store.compacted(docId);
      stored = await this.store.load(docId);
    } catch (e) {
      this.failedUntil.set(docId, Date.now() + LOAD_RETRY_MS);
      this.earlyRelayed.delete(docId);
      await this.relay?.unsubscribe(docId);
      throw e;
    }
    this.failedUntil.delete(docId);
    const room = new Room(
      docId,
      stored.doc,
      stored.logRows,
      {
        persist: (u) => this.store.append(docId, u),
        publish: (kind, payload) => {
          if (!this.relay) return;
          this.relay.publish(docId, kind, payload);
          if (kind === 'update') this.o.metrics?.updatesRelayed.inc({ to: 'redis' });
        },
        invalidate: (reason) => void this.unload(docId, { code: SyncCloseCode.GOING_AWAY, reason: `reloading the document: ${reason}` }),
        onEmpty: () => this.scheduleIdle(docId),
      },
      { maxDocumentBytes: this.o.sync.maxDocumentBytes, log: this.o.log, metrics: this.o.metrics, initial: { bytes: stored.bytes, encoded: stored.encoded } },
    );
    room.logBytes = stored.logBytes;
    this.rooms.set(docId, room);
    for (const m of this.earlyRelayed.get(docId) ?? []) this.onRelayed(m);
    this.earlyRelayed.delete(docId);
    // Another instance may hold updates it had not flushed when this one read the database.
    if (this.relay) room.needsReconcile = true;
    if (this.logTooLong(room)) this.compact(room);
    return room;
  }

  private scheduleIdle(docId: string): void {
    clearTimeout(this.idleTimers.get(docId));
    const t = setTimeout(() => {
      this.idleTimers.delete(docId);
      const room = this.rooms.get(docId);
      if (room && room.connections.size === 0) void this.unload(docId);
    }, this.o.sync.idleUnloadMs);
    t.unref();
    this.idleTimers.set(docId, t);
  }

  /** Drops a document from memory after its updates are durable (unless it was deleted). */
  private unload(docId: string, o: { persist?: boolean; code?: number; reason?: string } = {}): Promise<void> {
    const room = this.rooms.get(docId);
    if (!room) return this.unloading.get(docId) ?? Promise.resolve();
    this.rooms.delete(docId);
    clearTimeout(this.idleTimers.get(docId));
    this.idleTimers.delete(docId);
    room.closeAll(o.code ?? SyncCloseCode.GOING_AWAY, o.reason ?? 'the document was unloaded');
    const persist = o.persist ?? true;
    const p = (async () => {
      if (!persist) this.store.drop(docId);
      else {
        await this.store.flush();
        if (this.relay) await this.reconcile(room, true);
        // An idle document is folded into its snapshot, so its next load is one read and one
        // apply. Not only when `logRows` says so: rows flushed just now (the room already out
        // of the map) were not counted; a pass over an empty log costs one small query.
        if (!this.closing) this.compact(room);
      }
      room.destroy();
      await this.relay?.unsubscribe(docId);
    })()
      .catch((err: unknown) => this.o.log.error({ err, docId }, 'sync: unloading a document failed'))
      .finally(() => this.unloading.delete(docId));
    this.unloading.set(docId, p);
    return p;
  }

  private onFlushed(docId: string, rows: number, bytes: number): void {
    const room = this.rooms.get(docId);
    if (!room) return;
    room.logRows += rows;
    room.logBytes += bytes;
    if (this.logTooLong(room)) this.compact(room);
    this.offerAutoVersion(room);
  }

  private offerAutoVersion(room: Room): void {
    const auto = this.o.autoVersions;
    if (!auto || this.closing || !auto.applies(room.docId)) return;
    const now = Date.now();
    if (now - (this.autoOffered.get(room.docId) ?? -Infinity) < auto.intervalMs) return;
    // Entries older than the interval decide nothing: dropped so the map stays small.
    if (this.autoOffered.size >= 1_000) for (const [id, at] of this.autoOffered) if (now - at >= auto.intervalMs) this.autoOffered.delete(id);
    this.autoOffered.set(room.docId, now);
    auto.take(room.docId, Y.encodeStateAsUpdate(room.doc)).catch((err: unknown) => this.o.log.error({ err, docId: room.docId }, 'sync: taking an automatic version failed'));
  }

  /**
   * The current state of a document, encoded: what is stored (after writing what is queued)
   * plus what this instance holds in memory.
   */
  async documentState(docId: string): Promise<Uint8Array> {
    await this.store.flush();
    const stored = await this.store.load(docId);
    try {
      const room = this.rooms.get(docId);
      if (room) Y.applyUpdate(stored.doc, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(stored.doc)));
      return Y.encodeStateAsUpdate(stored.doc);
    } finally {
      stored.doc.destroy();
    }
  }

  /**
   * Makes a change on the live document as the server (a version restored): loaded if needed,
   * sent to its sockets and other instances, stored like a client's update. Resolves once durable.
   */
  async changeDocument(docId: string, change: (doc: Y.Doc) => void): Promise<void> {
    if (this.closing) throw new Error('the server is stopping');
    const room = await this.acquire(docId);
    try {
      Y.transact(room.doc, () => change(room.doc), FROM_SERVER);
    } finally {
      if (room.connections.size === 0) this.scheduleIdle(docId);
    }
    await this.store.flush();
  }

  /**
   * Too many rows, or more bytes than the snapshot holds (so a growing document is compacted
   * at doubling sizes: the work stays proportional to its size, and a load reads at most
   * about twice the state).
   */
  private logTooLong(room: Room): boolean {
    return room.logRows > this.o.sync.compactAfterUpdates || (room.logBytes >= COMPACT_MIN_LOG_BYTES && room.logBytes > room.bytes - room.logBytes);
  }

  private compact(room: Room): void {
    const bytesBefore = room.logBytes;
    this.store.compact(room.docId).then(
      (folded) => {
        room.logRows = Math.max(0, room.logRows - folded);
        room.logBytes = Math.max(0, room.logBytes - bytesBefore);
        this.o.metrics?.compactions.inc({ outcome: 'ok' });
      },
      (err: unknown) => {
        this.o.metrics?.compactions.inc({ outcome: 'failed' });
        this.o.log.error({ err, docId: room.docId }, 'sync: compaction failed (the log is intact)');
      },
    );
  }

  private onRelayed(m: RelayedMessage): void {
    const room = this.rooms.get(m.docId);
    if (!room) {
      const early = this.earlyRelayed.get(m.docId);
      if (early && early.length < MAX_EARLY_RELAYED) early.push(m);
      return;
    }
    const last = room.relaySeq.get(m.from);
    if (last !== undefined && m.seq !== last + 1) {
      this.o.log.warn({ docId: m.docId, from: m.from, expected: last + 1, got: m.seq }, 'sync relay: gap detected; reconciling');
      this.o.metrics?.relayGaps.inc();
      room.needsReconcile = true;
      this.reconcileSoon();
    }
    room.relaySeq.set(m.from, m.seq);
    if (m.kind === 'update') {
      room.lastRelayAt = Date.now();
      room.needsReconcile = true;
    }
    room.applyRelayed(m.kind, m.payload);
  }

  private reconcileSoon(): void {
    if (this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = undefined;
      this.reconcileDue();
    }, 200);
    this.soonTimer.unref();
  }

  private reconcileDue(): void {
    if (this.reconciling || this.closing) return;
    this.reconciling = (async () => {
      for (const room of [...this.rooms.values()]) if (room.needsReconcile && this.rooms.get(room.docId) === room) await this.reconcile(room, false);
    })().finally(() => (this.reconciling = undefined));
  }

  /**
   * Brings a document and the database together: what the database has and memory lacks
   * (relayed messages lost in a Redis hiccup) is applied and sent to the sockets; what
   * memory has and the database lacks (relayed from an instance that died before its
   * flush) is stored, once the relay has been quiet long enough for its origin to have done so.
   */
  private async reconcile(room: Room, force: boolean): Promise<void> {
    room.needsReconcile = false;
    try {
      await this.store.flush();
      const stored = await this.store.load(room.docId);
      try {
        Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(stored.doc, Y.encodeStateVector(room.doc)), FROM_DATABASE);
        if (force || Date.now() - room.lastRelayAt > 2 * this.o.sync.flushDelayMs + 1_000) {
          const missing: Uint8Array[] = [];
          stored.doc.on('update', (u: Uint8Array) => missing.push(u));
          Y.applyUpdate(stored.doc, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(stored.doc)));
          for (const u of missing) this.store.append(room.docId, u);
          if (missing.length > 0) this.o.log.info({ docId: room.docId }, 'sync: stored updates that only memory held');
          this.o.metrics?.reconciles.inc({ outcome: 'ok' });
        } else room.needsReconcile = true;
      } finally {
        stored.doc.destroy();
      }
    } catch (err) {
      room.needsReconcile = true;
      this.o.metrics?.reconciles.inc({ outcome: 'failed' });
      this.o.log.warn({ err, docId: room.docId }, 'sync: reconciliation failed; will retry');
    }
  }

  /**
   * Applies a membership change to open sockets: a new role at once, a removal or a
   * deleted project closes the sockets. Local changes are forwarded to the other instances.
   */
  applyMembership(e: MembershipEvent, fromRelay = false): void {
    if (!fromRelay) this.relay?.publishControl(e);
    for (const c of this.connections) {
      if (c.docId !== e.docId) continue;
      if (e.type === 'project-deleted') c.close(SyncCloseCode.FORBIDDEN, 'the project was deleted');
      else if (c.userId !== e.userId) continue;
      else if (e.type === 'member-removed') {
        c.send(permissionDeniedMessage('you were removed from this project'));
        c.close(SyncCloseCode.FORBIDDEN, 'you were removed from this project');
      } else {
        c.role = e.role;
        c.deniedOnce = false;
      }
    }
    if (e.type === 'project-deleted') void this.unload(e.docId, { persist: false, code: SyncCloseCode.FORBIDDEN, reason: 'the project was deleted' });
  }

  /** Writes every queued update now (tests, shutdown). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** Closes every socket, stores what is queued, unloads every document. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.reconcileTimer);
    clearTimeout(this.soonTimer);
    for (const c of this.connections) c.close(SyncCloseCode.GOING_AWAY, 'the server is stopping');
    await Promise.allSettled([...this.loading.values()]);
    await this.reconciling;
    await Promise.all([...this.rooms.keys()].map((id) => this.unload(id)));
    await Promise.all([...this.unloading.values()]);
    await this.store.close();
    await this.relay?.close();
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
