import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../db/database';
import { docSnapshots, docUpdates } from '../db/schema/index';
import type { Logger } from '../logger';

/** Rows folded per compaction pass, so one statement never carries too many parameters. */
const COMPACT_BATCH = 5_000;
const RETRY_MS = 500;

export interface StoredDoc {
  doc: Y.Doc;
  /** Log rows not yet folded into the snapshot. */
  logRows: number;
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
  /** Called after rows of a document became durable. */
  onFlushed?: (docId: string, rows: number) => void;
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
  private closed = false;

  constructor(private readonly o: DocStoreOptions) {}

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
          return { snapshot: snap?.state, updates: log.map((r) => r.update) };
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
    return { doc, logRows: rows.updates.length };
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
    const counts = new Map<string, number>();
    for (const p of batch) counts.set(p.docId, (counts.get(p.docId) ?? 0) + 1);
    for (const [docId, n] of counts) this.o.onFlushed(docId, n);
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
   * Folds the log of a document into its snapshot, from the stored rows only. Holds the
   * project row lock, so two instances never compact one document at once; deletes exactly
   * the rows it folded, so a row committed meanwhile survives. Returns the rows folded.
   */
  compact(docId: string): Promise<number> {
    const running = this.compacting.get(docId);
    if (running) return running;
    const p = this.compactNow(docId).finally(() => this.compacting.delete(docId));
    this.compacting.set(docId, p);
    return p;
  }

  private async compactNow(docId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const folded = await this.o.db.transaction(async (tx) => {
        const locked = await tx.execute(sql`select id from studio_projects where id = ${docId} for update`);
        if (rowCount(locked) === 0) return 0;
        const [snap] = await tx.select().from(docSnapshots).where(eq(docSnapshots.docId, docId)).limit(1);
        const log = await tx.select({ seq: docUpdates.seq, update: docUpdates.update }).from(docUpdates).where(eq(docUpdates.docId, docId)).orderBy(asc(docUpdates.seq)).limit(COMPACT_BATCH);
        if (log.length === 0) return 0;
        const doc = new Y.Doc({ gc: true });
        try {
          if (snap) Y.applyUpdate(doc, snap.state);
          for (const r of log) Y.applyUpdate(doc, r.update);
          const state = Y.encodeStateAsUpdate(doc);
          const row = { state, sizeBytes: state.byteLength, mergedUpdates: (snap?.mergedUpdates ?? 0) + log.length, updatedAt: new Date() };
          await tx.insert(docSnapshots).values({ docId, ...row }).onConflictDoUpdate({ target: docSnapshots.docId, set: row });
          await tx.delete(docUpdates).where(and(eq(docUpdates.docId, docId), inArray(docUpdates.seq, log.map((r) => r.seq))));
        } finally {
          doc.destroy();
        }
        return log.length;
      });
      total += folded;
      if (folded < COMPACT_BATCH) return total;
    }
  }

  /** Writes what is queued and refuses new work. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.compacting.values()]);
  }
}

function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const rows = (result as { rows?: unknown[] }).rows;
  return rows?.length ?? 0;
}

function isForeignKeyViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    if ((cur as { code?: unknown }).code === '23503') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
