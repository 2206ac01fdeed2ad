import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Disposable } from '../../../../common/disposable';
import type { AnalysisJob, AnalysisOutcome, WorkerMessage } from './protocol';

export interface WorkerPoolOptions {
  /** Threads; default: cores - 1, at least 1 (one core stays for the host and the UI). */
  size?: number;
  /** The worker entry (tests point it elsewhere). */
  entry?: URL;
  onProgress?: (jobId: number, decodedSec: number) => void;
}

type Slot = { worker: Worker; job: { id: number; resolve: (o: AnalysisOutcome) => void; reject: (e: Error) => void } | null };

/** The default pool size: every core but one. */
export const defaultPoolSize = () => Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);

/**
 * A fixed pool of analysis worker threads, one job per worker at a time. A worker that dies
 * (a crash in native code, out of memory) fails its job and is replaced, so one bad file never
 * stops the pool.
 *
 * @example
 * const pool = new WorkerPool({ size: 3 });
 * const outcome = await pool.run({ path, channels: 2, sampleRate: 44_100, decoder: 'ffmpeg', peakBuckets: 2000 });
 * await pool.dispose();
 */
export class WorkerPool implements Disposable {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: { job: Omit<AnalysisJob, 'type' | 'id'>; resolve: (o: AnalysisOutcome) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  private disposed = false;
  private entryFile: URL | null = null;
  private readonly entryReady: Promise<void>;

  constructor(private readonly o: WorkerPoolOptions = {}) {
    this.size = Math.max(1, o.size ?? defaultPoolSize());
    this.entryReady = runnableEntry(o.entry ?? new URL('./analysisWorker.ts', import.meta.url)).then((f) => {
      this.entryFile = f;
    });
    // A failure surfaces through run(); this keeps it from being an unhandled rejection first.
    this.entryReady.catch(() => undefined);
  }

  /** Jobs running now. */
  get busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  run(job: Omit<AnalysisJob, 'type' | 'id'>): Promise<AnalysisOutcome> {
    if (this.disposed) return Promise.reject(new Error('The analysis pool is disposed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.entryReady.then(
        () => this.dispatch(),
        (e: Error) => {
          for (const w of this.waiting.splice(0)) w.reject(e);
        },
      );
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && this.entryFile && !this.disposed) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const next = this.waiting.shift()!;
      const id = this.nextId++;
      slot.job = { id, resolve: next.resolve, reject: next.reject };
      slot.worker.postMessage({ ...next.job, type: 'job', id } satisfies AnalysisJob);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.entryFile!);
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready' || !slot.job || m.id !== slot.job.id) return;
      if (m.type === 'progress') return this.o.onProgress?.(m.id, m.decodedSec);
      const job = slot.job;
      slot.job = null;
      if (m.type === 'done') job.resolve({ ...m.outcome, peaks: new Int8Array(m.outcome.peaks) });
      else job.reject(new AnalysisJobError(m.error));
      this.dispatch();
    });
    const lost = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      slot.job?.reject(new AnalysisJobError(`The analysis worker stopped (${why})`));
      slot.job = null;
      if (!this.disposed) this.dispatch();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('The analysis pool is disposed'));
    const slots = this.slots.splice(0);
    for (const s of slots) s.job?.reject(new Error('The analysis pool is disposed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/** A job the worker reported as failed: the file's problem, stored as the track's error. */
export class AnalysisJobError extends Error {
  override readonly name = 'AnalysisJobError';
}

const bundles = new Map<string, Promise<URL>>();

/**
 * The worker's entry as JavaScript. The host runs from TypeScript sources under tsx (npm start,
 * the CLI, tests), but Node 20 applies no loader to a worker's own entry reliably (a loader
 * given in the worker's execArgv is ignored, and one registered inside a worker dies with it,
 * hanging its replacement). So a `.ts` entry is bundled with esbuild (which tsx already brings)
 * once per process, into a `.mjs` under node_modules/.cache; a packaged app ships it prebuilt.
 */
export function runnableEntry(entry: URL): Promise<URL> {
  if (!entry.pathname.endsWith('.ts')) return Promise.resolve(entry);
  let bundle = bundles.get(entry.href);
  if (!bundle) {
    bundle = (async () => {
      const { build } = await import('esbuild');
      // node-web-audio-api loads a native addon relative to its own files: it stays external.
      // CommonJS dependencies bundled into ESM still call require() for Node built-ins (music-metadata's
      // `debug` asks for 'tty'): the banner gives the bundle a real require.
      const banner = { js: "import { createRequire as __encoreRequire } from 'node:module'; const require = __encoreRequire(import.meta.url);" };
      const out = await build({ entryPoints: [fileURLToPath(entry)], write: false, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['node-web-audio-api', 'esbuild'], banner, logLevel: 'silent' });
      const code = out.outputFiles[0]!.contents;
      // Named by content inside node_modules/.cache: the external packages resolve from there,
      // and every run of the same sources reuses one file instead of leaving new ones behind.
      const nodeModules = path.dirname(path.dirname(createRequire(import.meta.url).resolve('esbuild/package.json')));
      const dir = path.join(nodeModules, '.cache', 'encore-workers');
      const outfile = path.join(dir, `${path.basename(entry.pathname, '.ts')}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
      if (!fs.existsSync(outfile)) {
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${outfile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, outfile);
      }
      return pathToFileURL(outfile);
    })();
    bundles.set(entry.href, bundle);
  }
  return bundle;
}
