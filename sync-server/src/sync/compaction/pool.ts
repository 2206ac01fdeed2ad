import { Worker } from 'node:worker_threads';
import { foldSnapshot, type FoldInput, type FoldResult } from './fold';
import type { FoldJob, FoldReply } from './protocol';
import { runnableEntry } from './runnableEntry';

/** Folds a document's log into its snapshot somewhere: in a worker thread, or in-process (tests). */
export interface Compactor {
  /** Folds running at once; the store opens no more compaction transactions than this. */
  readonly concurrency: number;
  fold(input: FoldInput): Promise<FoldResult>;
  close(): Promise<void>;
}

export interface CompactionPoolOptions {
  /** Threads; default 1 (the event loop keeps the other core on a 2-core server). */
  size?: number;
  /** Folds waiting for a thread before new ones are refused; default 64. */
  maxQueue?: number;
  /** Heap of each thread (MB): a fold that needs more kills its thread, not the server. */
  maxHeapMb?: number;
  /** The worker entry (tests point it elsewhere). */
  entry?: URL;
}

/** A fold did not produce a snapshot: the worker threw (corrupt input) or died. Nothing was written. */
export class CompactionError extends Error {
  override readonly name = 'CompactionError';
}

type Job = { input: FoldInput; resolve: (r: FoldResult) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; job: (Job & { id: number }) | null };

/**
 * A small fixed pool of worker threads that fold compactions off the event loop (Yjs apply +
 * encode and DEFLATE of a 50 MB document block it for most of a second). The input buffers
 * are transferred, not copied, when the caller owns them whole; the result comes back the same
 * way. A thread that dies fails only its own fold and is replaced on the next one; a full
 * queue refuses new folds at once (the store retries them later).
 *
 * @example
 * const pool = new CompactionPool({ size: 1 });
 * const { packed, sizeBytes } = await pool.fold({ snapshot, updates });
 * await pool.close();
 */
export class CompactionPool implements Compactor {
  readonly concurrency: number;
  private readonly maxQueue: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private readonly entry: Promise<URL>;
  private entryFile: URL | undefined;
  private nextId = 1;
  private closed = false;

  constructor(private readonly o: CompactionPoolOptions = {}) {
    this.concurrency = Math.max(1, o.size ?? 1);
    this.maxQueue = o.maxQueue ?? 64;
    this.entry = runnableEntry(o.entry ?? new URL('./worker.ts', import.meta.url)).then((f) => (this.entryFile = f));
    // A failed build surfaces through fold(); this keeps it from being an unhandled rejection first.
    this.entry.catch(() => undefined);
  }

  /** Threads alive now (for tests and metrics). */
  get threads(): number {
    return this.slots.length;
  }

  fold(input: FoldInput): Promise<FoldResult> {
    if (this.closed) return Promise.reject(new CompactionError('the compaction pool is closed'));
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new CompactionError(`the compaction queue is full (${this.maxQueue} waiting)`));
    return new Promise<FoldResult>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.entry.then(
        () => this.dispatch(),
        (e: unknown) => {
          for (const w of this.waiting.splice(0)) w.reject(new CompactionError('the compaction worker could not be built', { cause: e }));
        },
      );
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && this.entryFile && !this.closed) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.concurrency) slot = this.spawn(this.entryFile);
      if (!slot) return;
      const job = { ...this.waiting.shift()!, id: this.nextId++ };
      slot.job = job;
      const { message, transfer } = toMessage(job.id, job.input);
      slot.worker.postMessage(message, transfer);
    }
  }

  private spawn(entry: URL): Slot {
    const worker = new Worker(entry, this.o.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.o.maxHeapMb } } : {});
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on('message', (m: FoldReply) => {
      const job = slot.job;
      if (!job || m.id !== job.id) return;
      slot.job = null;
      if (m.ok) job.resolve({ packed: m.packed, sizeBytes: m.sizeBytes });
      else job.reject(new CompactionError(`the fold failed: ${m.error}`));
      this.dispatch();
    });
    const lost = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      slot.job?.reject(new CompactionError(`the compaction worker stopped (${why})`));
      slot.job = null;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new CompactionError('the compaction pool is closed'));
    const slots = this.slots.splice(0);
    for (const s of slots) s.job?.reject(new CompactionError('the compaction pool is closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/**
 * The job message. A buffer is transferred only when the view covers all of it (a driver may
 * hand out views into a shared pool, which must not be detached); otherwise it is copied.
 */
function toMessage(id: number, input: FoldInput): { message: FoldJob; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const own = (u: Uint8Array): Uint8Array => {
    const whole = u.byteOffset === 0 && u.byteLength === u.buffer.byteLength && u.buffer instanceof ArrayBuffer && !transfer.includes(u.buffer);
    const mine = whole ? u : u.slice();
    transfer.push(mine.buffer as ArrayBuffer);
    return mine;
  };
  return { message: { id, snapshot: input.snapshot && own(input.snapshot), updates: input.updates.map(own) }, transfer };
}

/** Folds on the calling thread, as compaction did before the pool (tests, and the bench's baseline). */
export const inProcessCompactor: Compactor = {
  concurrency: 1,
  fold: (input) => Promise.resolve().then(() => foldSnapshot(input)),
  close: () => Promise.resolve(),
};
