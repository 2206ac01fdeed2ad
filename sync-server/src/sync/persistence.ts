import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../db/database';
import { docSnapshots, docUpdates } from '../db/schema/index';
import type { Logger } from '../logger';
import { CompactionPool, type Compactor } from './compaction/pool';
import { unpackSnapshot } from './snapshotCodec';

/** Rows folded per compaction pass, so one statement never carries too many parameters. */
const COMPACT_BATCH = 5_000;
const RETRY_MS = 500;
/** A failed compaction is tried again after these delays (then left to the next trigger: a flush, an unload). */
const COMPACT_RETRY_MS = [5_000, 60_000, 600_000];

export interface StoredDoc {
  doc: Y.Doc;
  /** Log rows not yet folded into the snapshot. */
  logRows: number;
  /** Bytes read: the snapshot plus the log rows. */
  bytes: number;
  /** Of those, the log rows' bytes. */
  logBytes: number;
  /** The snapshot as stored, when there was no log to apply on top: the whole state, encoded. */
  encoded: Uint8Array | undefined;
}

/** The stored state could not be read or applied; the document must not be served. */
export class DocLoadError extends Error {
  override readonly name = 'DocLoadError';
}

interface Pending {
  docId: string;
  update: Uint8Array;
}

export interface DocStoreOptions {
  db: Database;
  log: Logger;
  flushDelayMs: number;
  flushMaxUpdates: number;
  /** Observes how long each group-commit batch took to write (seconds). */
  onBatchWritten?: (seconds: number) => void;
  /** Called after rows of a document became durable (how many, and their bytes). */
  onFlushed?: (docId: string, rows: number, bytes: number) => void;
  /** Where compactions fold; default: a {@link CompactionPool} of one worker thread, owned (closed) by the store. */
  compactor?: Compactor;
  /** Compactions waiting for the compactor before new ones are refused (and retried later); default 256. */
  maxQueuedCompactions?: number;
  /** Delays before a failed compaction is retried; default 5 s, 1 min, 10 min. */
  compactRetryMs?: readonly number[];
}

/**
 * The durable side of the collaboration documents: an append-only log of Yjs updates in
 * `doc_updates` (group commit: a batch is written at most `flushDelayMs` after its first
 * update, or as soon as `flushMaxUpdates` are queued) and a snapshot per document that
 * compaction rebuilds from the stored rows only, never from memory. Nothing here ever
 * writes a state it did not read from the database or receive as an update, so a failed
 * load cannot overwrite a document with an empty one.
 *
 * @example
 * const store = new DocStore({ db, log, flushDelayMs: 50, flushMaxUpdates: 100 });
 * store.append(docId, update);
 * await store.flush();
 */
export class DocStore {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly dropped = new Set<string>();
  private readonly compacting = new Map<string, Promise<number>>();
  private readonly compactAgain = new Set<string>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly retries = new Map<string, number>();
  /** Compactions waiting for a free fold slot (the transaction opens only once one is free). */
  private readonly slotWaiters: (() => void)[] = [];
  private slotsBusy = 0;
  private readonly compactor: Compactor;
  private readonly ownsCompactor: boolean;
  private closed = false;

  constructor(private readonly o: DocStoreOptions) {
    this.ownsCompactor = !o.compactor;
    this.compactor = o.compactor ?? new CompactionPool({ size: 1 });
  }

  /** Updates accepted but not yet durable. */
  get pendingCount(): number {
    return this.queue.length;
  }

  /**
   * Reads the snapshot and every log row in one repeatable-read transaction (so a
   * concurrent compaction cannot make rows vanish between the two reads) and applies them.
   */
  async load(docId: string): Promise<StoredDoc> {
    let rows: { snapshot: Uint8Array | undefined; updates: Uint8Array[] };
    try {
      rows = await this.o.db.transaction(
        async (tx) => {
          const [snap] = await tx.select({ state: docSnapshots.state }).from(docSnapshots).where(eq(docSnapshots.docId, docId)).limit(1);
          const log = await tx.select({ update: docUpdates.update }).from(docUpdates).where(eq(docUpdates.docId, docId)).orderBy(asc(docUpdates.seq));
          return { snapshot: snap ? unpackSnapshot(snap.state) : undefined, updates: log.map((r) => r.update) };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    } catch (e) {
      throw new DocLoadError(`reading document ${docId} failed`, { cause: e });
    }
    const doc = new Y.Doc({ gc: true });
    try {
      Y.transact(doc, () => {
        if (rows.snapshot) Y.applyUpdate(doc, rows.snapshot);
        for (const u of rows.updates) Y.applyUpdate(doc, u);
      });
    } catch (e) {
      doc.destroy();
      throw new DocLoadError(`stored state of document ${docId} does not apply`, { cause: e });
    }
    const logBytes = rows.updates.reduce((n, u) => n + u.byteLength, 0);
    return { doc, logRows: rows.updates.length, bytes: (rows.snapshot?.byteLength ?? 0) + logBytes, logBytes, encoded: rows.updates.length === 0 ? rows.snapshot : undefined };
  }

  /** Queues an accepted update; it is durable after the next flush. */
  append(docId: string, update: Uint8Array): void {
    if (this.closed) throw new Error('DocStore is closed');
    this.dropped.delete(docId);
    this.queue.push({ docId, update });
    if (this.queue.length >= this.o.flushMaxUpdates) this.kick(0);
    else this.kick(this.o.flushDelayMs);
  }

  /** Forgets queued updates of a deleted document. */
  drop(docId: string): void {
    this.dropped.add(docId);
    this.queue = this.queue.filter((p) => p.docId !== docId);
  }

  private kick(delayMs: number): void {
    if (this.flushing) return; // the running flush re-arms the timer when it ends
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runFlush();
    }, delayMs);
  }

  private runFlush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.writeBatch()
      .catch((err: unknown) => {
        this.o.log.error({ err, pending: this.queue.length }, 'sync: writing updates failed; retrying');
        return new Promise<void>((r) => setTimeout(r, RETRY_MS).unref());
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.queue.length > 0 && !this.closed) this.kick(this.queue.length >= this.o.flushMaxUpdates ? 0 : this.o.flushDelayMs);
      });
    return this.flushing;
  }

  private async writeBatch(): Promise<void> {
    const batch = this.queue.splice(0, this.o.flushMaxUpdates * 10);
    if (batch.length === 0) return;
    const start = performance.now();
    try {
      await this.o.db.transaction(async (tx) => {
        await tx.insert(docUpdates).values(batch.map((p) => ({ docId: p.docId, update: p.update })));
      });
      this.o.onBatchWritten?.((performance.now() - start) / 1000);
    } catch (err) {
      await this.writePerDocument(batch, err);
      return;
    }
    this.notify(batch);
  }

  /**
   * A failed batch is retried one document at a time, so one deleted document (foreign key
   * violation) cannot hold back the others; what still fails goes back to the queue.
   */
  private async writePerDocument(batch: Pending[], cause: unknown): Promise<void> {
    const byDoc = new Map<string, Pending[]>();
    for (const p of batch) byDoc.set(p.docId, [...(byDoc.get(p.docId) ?? []), p]);
    const failed: Pending[] = [];
    for (const [docId, items] of byDoc) {
      if (this.dropped.has(docId)) continue;
      try {
        await this.o.db.transaction(async (tx) => {
          await tx.insert(docUpdates).values(items.map((p) => ({ docId, update: p.update })));
        });
        this.notify(items);
      } catch (err) {
        if (isForeignKeyViolation(err)) {
          this.o.log.warn({ docId, updates: items.length }, 'sync: document no longer exists; its updates are dropped');
          continue;
        }
        failed.push(...items);
      }
    }
    if (failed.length > 0) {
      this.queue.unshift(...failed);
      throw cause;
    }
  }

  private notify(batch: Pending[]): void {
    if (!this.o.onFlushed) return;
    const counts = new Map<string, { rows: number; bytes: number }>();
    for (const p of batch) {
      const c = counts.get(p.docId) ?? { rows: 0, bytes: 0 };
      c.rows++;
      c.bytes += p.update.byteLength;
      counts.set(p.docId, c);
    }
    for (const [docId, c] of counts) this.o.onFlushed(docId, c.rows, c.bytes);
  }

  /** Resolves once every update queued before the call is durable (or the store gave up on it). */
  async flush(): Promise<void> {
    for (let i = 0; i < 1000 && (this.queue.length > 0 || this.flushing); i++) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.runFlush();
      if (this.closed && this.queue.length > 0 && i > 20) break;
    }
  }

  /**
   * Folds the log of a document into its snapshot, from the stored rows only. Holds a lock
   * on the document's key, so two instances never compact one document at once; deletes exactly
   * the rows it folded, so a row committed meanwhile survives. Returns the rows folded.
   */
  compact(docId: string): Promise<number> {
    const running = this.compacting.get(docId);
    if (running) {
      // Rows flushed after the running pass read the log are folded by one more pass.
      this.compactAgain.add(docId);
      return running;
    }
    // Stopping: the log stays as it is (intact), folded by whoever loads the document next.
    if (this.closed) return Promise.resolve(0);
    clearTimeout(this.retryTimers.get(docId));
    this.retryTimers.delete(docId);
    const p = this.withFoldSlot(() => this.compactNow(docId))
      .then(
        (n) => {
          this.retries.delete(docId);
          return n;
        },
        (err: unknown) => {
          this.scheduleRetry(docId);
          throw err;
        },
      )
      .finally(() => {
        this.compacting.delete(docId);
        if (this.compactAgain.delete(docId) && !this.closed) {
          this.compact(docId).catch((err: unknown) => this.o.log.error({ err, docId }, 'sync: compaction failed (the log is intact)'));
        }
      });
    this.compacting.set(docId, p);
    return p;
  }

  /**
   * A failed compaction (its worker died, the queue was full, the database failed) wrote
   * nothing; it is tried again later, a few times, so an idle document's log still gets folded.
   */
  private scheduleRetry(docId: string): void {
    const attempt = this.retries.get(docId) ?? 0;
    const delays = this.o.compactRetryMs ?? COMPACT_RETRY_MS;
    if (this.closed || attempt >= delays.length) {
      this.retries.delete(docId);
      return;
    }
    this.retries.set(docId, attempt + 1);
    const t = setTimeout(() => {
      this.retryTimers.delete(docId);
      this.compact(docId).then(
        (n) => this.o.log.info({ docId, folded: n, attempt: attempt + 1 }, 'sync: compaction retried and done'),
        (err: unknown) => this.o.log.error({ err, docId, attempt: attempt + 1 }, 'sync: compaction retry failed (the log is intact)'),
      );
    }, delays[attempt]);
    t.unref();
    this.retryTimers.set(docId, t);
  }

  /**
   * Runs `fn` once one of the compactor's slots is free, so no transaction (holding a lock and a
   * connection) waits for a worker; too many waiting is refused at once.
   */
  private async withFoldSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.slotsBusy >= this.compactor.concurrency) {
      const max = this.o.maxQueuedCompactions ?? 256;
      if (this.slotWaiters.length >= max) throw new Error(`too many compactions waiting (${max}); retried later`);
      // Woken with the slot of the one that ended (handed over, so no newcomer takes it first).
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    } else this.slotsBusy++;
    try {
      return await fn();
    } finally {
      const next = this.slotWaiters.shift();
      if (next) next();
      else this.slotsBusy--;
    }
  }

  /**
   * Resolves when a compaction of this document that is running now has ended (either way):
   * a load waits for it rather than reading the unfolded log while the fold competes for the
   * CPU, and then reads one snapshot.
   */
  async compacted(docId: string): Promise<void> {
    await this.compacting.get(docId)?.catch(() => undefined);
  }

  private async compactNow(docId: string): Promise<number> {
    let total = 0;
    let raced = 0;
    for (;;) {
      const folded = await this.compactPass(docId);
      if (folded === 'changed') {
        // Another instance compacted it, or it was deleted, while this one folded: read again.
        if (++raced > 3) throw new Error(`document ${docId} kept changing under its compaction`);
        continue;
      }
      total += folded;
      if (folded < COMPACT_BATCH) return total;
    }
  }

  /**
   * One pass in two short transactions around the fold, so no transaction (nor PGlite's one
   * connection) stays open while a worker thread folds: the first reads the snapshot and the
   * log under the document's compaction lock; the second takes the lock again and writes only
   * if the snapshot is the one read and every folded row is still there (else 'changed').
   */
  private async compactPass(docId: string): Promise<number | 'changed'> {
    // One compaction per document across instances; any kind of document key (a project's
    // uuid, `playlist:…`, `user:…:library`), so a lock on the key rather than on a row.
    const lock = sql`select pg_advisory_xact_lock(hashtext(${`compact:${docId}`}))`;
    const read = await this.o.db.transaction(
      async (tx) => {
        await tx.execute(lock);
        const log = await tx.select({ seq: docUpdates.seq, update: docUpdates.update }).from(docUpdates).where(eq(docUpdates.docId, docId)).orderBy(asc(docUpdates.seq)).limit(COMPACT_BATCH);
        // Nothing to fold: the snapshot (perhaps big) is not read at all.
        if (log.length === 0) return undefined;
        const [snap] = await tx.select().from(docSnapshots).where(eq(docSnapshots.docId, docId)).limit(1);
        return { log, snap };
      },
      { isolationLevel: 'repeatable read' },
    );
    if (!read) return 0;
    const { log, snap } = read;
    const seqs = log.map((r) => r.seq);
    // The CPU part, in a worker thread (the input buffers are handed over, not copied).
    const folded = await this.compactor.fold({ snapshot: snap?.state, updates: log.map((r) => r.update) });
    return this.o.db.transaction(async (tx) => {
      await tx.execute(lock);
      const [now] = await tx.select({ mergedUpdates: docSnapshots.mergedUpdates, updatedAt: docSnapshots.updatedAt }).from(docSnapshots).where(eq(docSnapshots.docId, docId)).limit(1);
      const sameSnapshot = snap ? now !== undefined && now.mergedUpdates === snap.mergedUpdates && now.updatedAt.getTime() === snap.updatedAt.getTime() : now === undefined;
      if (!sameSnapshot) return 'changed' as const;
      const [still] = await tx.select({ n: count() }).from(docUpdates).where(and(eq(docUpdates.docId, docId), inArray(docUpdates.seq, seqs)));
      if ((still?.n ?? 0) !== log.length) return 'changed' as const;
      // Stored compressed; size_bytes keeps the document's own (uncompressed) size.
      const row = { state: folded.packed, sizeBytes: folded.sizeBytes, mergedUpdates: (snap?.mergedUpdates ?? 0) + log.length, updatedAt: new Date() };
      await tx.insert(docSnapshots).values({ docId, ...row }).onConflictDoUpdate({ target: docSnapshots.docId, set: row });
      await tx.delete(docUpdates).where(and(eq(docUpdates.docId, docId), inArray(docUpdates.seq, seqs)));
      return log.length;
    });
  }

  /** Writes what is queued and refuses new work. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearTimeout(this.timer);
    for (const t of this.retryTimers.values()) clearTimeout(t);
    this.retryTimers.clear();
    await Promise.allSettled([...this.compacting.values()]);
    if (this.ownsCompactor) await this.compactor.close();
  }
}

function isForeignKeyViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    if ((cur as { code?: unknown }).code === '23503') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
