import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Disposable } from '../../../common/disposable';
import { runnableEntry } from './analysis/WorkerPool';
import type { ArtworkStore } from './artworkStore';
import { readAndStore } from './readAndStore';
import type { ReadJob, ReadOutcome, ReadReply, ReadWorkerData } from './readProtocol';

export interface TrackReadersOptions {
  artwork: ArtworkStore;
  /** Worker threads; 0 reads on the calling thread. Default: the cores, at most 4. */
  size?: number;
  /** Workers left idle this long are stopped (they are started again on demand). */
  idleMs?: number;
  /** The worker entry (tests point it at a fixture). */
  entry?: URL;
}

type Job = Omit<ReadJob, 'type' | 'id'>;
type Pending = { resolve: (o: ReadOutcome) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; pending: Map<number, Pending> };

export const defaultReaderCount = () => Math.min(4, Math.max(1, os.availableParallelism?.() ?? os.cpus().length));

/**
 * Reads library files off the host's event loop: a small pool of worker threads, each
 * reading several files at once, every job sent to the least busy worker. Hashing whole
 * files and parsing their tags is the CPU-heavy part of an import; here it never delays the
 * host's replies to the UI. A worker that dies fails only its own jobs (the scan records
 * those files as bad and goes on) and is replaced on the next job.
 *
 * @example
 * const readers = new TrackReaders({ artwork });
 * const out = await readers.read({ path: '/music/a.flac', cover: null }); // { ok: true, track, artworkHash }
 * await readers.dispose();
 */
export class TrackReaders implements Disposable {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly covers = new Map<string, string | null>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private entry: Promise<URL> | null = null;

  constructor(private readonly o: TrackReadersOptions) {
    this.size = Math.max(0, o.size ?? defaultReaderCount());
  }

  /** Worker threads alive now. */
  get threads(): number {
    return this.slots.length;
  }

  async read(job: Job): Promise<ReadOutcome> {
    if (this.disposed) throw new Error('The track readers are disposed');
    if (this.size === 0) return readAndStore(job, this.o.artwork, this.covers);
    this.entry ??= runnableEntry(this.o.entry ?? new URL('./readWorker.ts', import.meta.url));
    const entry = await this.entry;
    if (this.disposed) throw new Error('The track readers are disposed');
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    let slot = this.slots.reduce<Slot | null>((best, s) => (!best || s.pending.size < best.pending.size ? s : best), null);
    if (!slot || (slot.pending.size > 0 && this.slots.length < this.size)) slot = this.spawn(entry);
    const id = this.nextId++;
    const target = slot;
    return new Promise<ReadOutcome>((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      // Referenced while it has work, so a pending read keeps the process alive.
      target.worker.ref();
      target.worker.postMessage({ ...job, type: 'read', id } satisfies ReadJob);
    });
  }

  private spawn(entry: URL): Slot {
    const worker = new Worker(entry, { workerData: { artworkDir: this.o.artwork.dir } satisfies ReadWorkerData });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (m: ReadReply) => {
      if (m.type === 'ready') return;
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (slot.pending.size === 0) slot.worker.unref();
      if (m.type === 'done') p.resolve(m.outcome);
      else p.reject(new Error(m.error));
      this.maybeIdle();
    });
    const lost = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      for (const p of slot.pending.values()) p.reject(new Error(`the file reader stopped (${why})`));
      slot.pending.clear();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    // An idle worker must not keep the process (the CLI) alive; read() refs it while it works.
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private maybeIdle(): void {
    if (this.slots.some((s) => s.pending.size > 0) || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.slots.some((s) => s.pending.size > 0)) return;
      for (const s of this.slots.splice(0)) void s.worker.terminate();
    }, this.o.idleMs ?? 15_000);
    this.idleTimer.unref();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const slots = this.slots.splice(0);
    for (const s of slots) for (const p of s.pending.values()) p.reject(new Error('The track readers are disposed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
