import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { SyncCloseCode } from '@encore/shared/api/studio';
import type { Logger } from '../logger';
import { Connection } from './connection';
import type { SyncMetrics } from './metrics';
import { awarenessMessage, parseMessage, permissionDeniedMessage, ProtocolError, syncStep1Message, syncStep2Message, syncStep2MessageOf, updateMessage } from './protocol';

/** Origin of changes that came from another instance (relayed, never stored again here). */
export const FROM_RELAY = Symbol('relay');
/** Origin of changes read back from PostgreSQL by reconciliation. */
export const FROM_DATABASE = Symbol('database');

/** Origin of changes the server makes itself (a version restored): stored and relayed like a client's. */
export const FROM_SERVER = Symbol('server');

/** Awareness changes are sent out at most this often per document. */
const AWARENESS_BATCH_MS = 50;

export interface RoomHooks {
  /** An update accepted from a local client: store it. */
  persist(update: Uint8Array): void;
  /** Tell other instances (no-op without Redis). */
  publish(kind: 'update' | 'awareness', payload: Uint8Array): void;
  /** The document can no longer be trusted in memory (an update failed half way): reload it. */
  invalidate(reason: string): void;
  /** The last socket left. */
  onEmpty(): void;
}

/**
 * One loaded document: its Y.Doc and awareness, the sockets on it, and the rules of the
 * protocol. Local updates from writers are applied, relayed to every other socket and to
 * other instances, and stored; viewers' updates are dropped before they touch anything.
 *
 * @example
 * const room = new Room(docId, stored.doc, stored.logRows, hooks, { maxDocumentBytes, log });
 * room.join(connection);
 * room.receive(connection, bytes);
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  /** Approximate encoded size: the loaded state plus every update since. */
  bytes: number;
  /** Log rows not folded into the snapshot (this instance's view). */
  logRows: number;
  /** Their bytes (this instance's view). */
  logBytes = 0;
  /** Relayed traffic or a relay gap since the last reconciliation. */
  needsReconcile = false;
  lastRelayAt = 0;
  /** Highest relay sequence number seen per sending instance. */
  readonly relaySeq = new Map<string, number>();
  private destroyed = false;
  private readonly awarenessLocal = new Set<number>();
  private readonly awarenessFromRelay = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | undefined;
  /**
   * The whole state encoded, kept until the next change: clients that join with nothing (a
   * cold load, several collaborators opening at once) share one encoding of a big document.
   */
  private encoded: Uint8Array | undefined;

  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    logRows: number,
    private readonly hooks: RoomHooks,
    private readonly o: { maxDocumentBytes: number; log: Logger; metrics?: SyncMetrics | undefined; initial?: { bytes: number; encoded: Uint8Array | undefined } | undefined },
  ) {
    this.logRows = logRows;
    // The stored size stands in for the encoded one: encoding a 50 MB document costs ~0.5 s.
    this.encoded = o.initial?.encoded;
    this.bytes = o.initial?.bytes ?? Y.encodeStateAsUpdate(doc).byteLength;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.encoded = undefined;
    this.bytes += update.byteLength;
    const msg = updateMessage(update);
    let sent = 0;
    for (const c of this.connections) {
      if (c === origin) continue;
      c.send(msg);
      sent++;
    }
    this.o.metrics?.updatesRelayed.inc({ to: 'sockets' }, sent);
    if (origin instanceof Connection || origin === FROM_SERVER) {
      this.hooks.persist(update);
      this.hooks.publish('update', update);
    }
  };

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin instanceof Connection) {
      for (const id of [...added, ...updated]) origin.awarenessIds.add(id);
      for (const id of removed) origin.awarenessIds.delete(id);
    }
    const pending = origin === FROM_RELAY ? this.awarenessFromRelay : this.awarenessLocal;
    for (const id of [...added, ...updated, ...removed]) pending.add(id);
    this.awarenessTimer ??= setTimeout(this.flushAwareness, AWARENESS_BATCH_MS);
  };

  /**
   * Awareness is fanned out in batches holding the latest state per client: a flood of
   * cursor moves costs the others one message per batch, and the stock client (which
   * echoes every awareness change it receives) cannot be baited into flooding back.
   */
  private readonly flushAwareness = (): void => {
    this.awarenessTimer = undefined;
    if (this.destroyed) return;
    const local = [...this.awarenessLocal];
    const all = [...new Set([...local, ...this.awarenessFromRelay])];
    this.awarenessLocal.clear();
    this.awarenessFromRelay.clear();
    if (all.length > 0) {
      const msg = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, all));
      for (const c of this.connections) c.send(msg);
    }
    if (local.length > 0) this.hooks.publish('awareness', awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
  };

  /** A new socket: it gets the server's state vector and the current awareness states. */
  join(c: Connection): void {
    this.connections.add(c);
    c.send(syncStep1Message(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) c.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
  }

  leave(c: Connection): void {
    if (!this.connections.delete(c)) return;
    if (c.awarenessIds.size > 0 && !this.destroyed) awarenessProtocol.removeAwarenessStates(this.awareness, [...c.awarenessIds], null);
    if (this.connections.size === 0) this.hooks.onEmpty();
  }

  /** Handles one frame from a socket of this room. Any error closes that socket only. */
  receive(c: Connection, data: Uint8Array): void {
    if (this.destroyed || !c.isOpen || !c.admit(data.byteLength)) return;
    let msg;
    try {
      msg = parseMessage(data);
    } catch (e) {
      this.o.metrics?.updatesDropped.inc({ reason: 'malformed' });
      c.close(SyncCloseCode.MALFORMED, e instanceof ProtocolError ? e.message : 'malformed message');
      return;
    }
    switch (msg.kind) {
      case 'sync-step1':
        if (Y.decodeStateVector(msg.stateVector).size > 0) c.send(syncStep2Message(this.doc, msg.stateVector));
        else c.send(syncStep2MessageOf((this.encoded ??= Y.encodeStateAsUpdate(this.doc))));
        return;
      case 'sync-step2':
      case 'update':
        this.applyFrom(c, msg.update);
        return;
      case 'awareness':
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, msg.update, c);
        } catch {
          c.close(SyncCloseCode.MALFORMED, 'malformed awareness update');
        }
        return;
      case 'query-awareness':
        c.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
    }
  }

  private applyFrom(c: Connection, update: Uint8Array): void {
    if (!c.canWrite) {
      // Dropped before it touches the document: never stored, never relayed.
      this.o.metrics?.updatesDropped.inc({ reason: 'viewer' });
      if (!c.deniedOnce) {
        c.deniedOnce = true;
        c.send(permissionDeniedMessage('viewers cannot edit this document'));
      }
      return;
    }
    if (this.bytes + update.byteLength > this.o.maxDocumentBytes) {
      this.o.metrics?.updatesDropped.inc({ reason: 'document-too-large' });
      c.close(SyncCloseCode.DOCUMENT_TOO_LARGE, 'the document would exceed its size limit');
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, c);
      this.o.metrics?.updatesApplied.inc();
    } catch (err) {
      this.o.metrics?.updatesDropped.inc({ reason: 'failed-to-apply' });
      // Decoded fine but failed while integrating: memory may hold part of it, so the
      // document is reloaded from what was stored (the writer's socket is closed).
      this.o.log.warn({ err, docId: this.docId, userId: c.userId }, 'sync: update failed to apply');
      c.close(SyncCloseCode.MALFORMED, 'update failed to apply');
      this.hooks.invalidate('update failed to apply');
    }
  }

  /** Applies what another instance relayed. */
  applyRelayed(kind: 'update' | 'awareness', payload: Uint8Array): void {
    if (this.destroyed) return;
    try {
      if (kind === 'update') {
        Y.applyUpdate(this.doc, payload, FROM_RELAY);
        this.o.metrics?.updatesRelayed.inc({ to: 'from-redis' });
      }
      else awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, FROM_RELAY);
    } catch (err) {
      this.o.log.warn({ err, docId: this.docId }, 'sync: relayed message failed to apply');
      this.needsReconcile = true;
    }
  }

  closeAll(code: number, reason: string): void {
    for (const c of [...this.connections]) c.close(code, reason);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.awarenessTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
