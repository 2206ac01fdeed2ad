import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ANALYSIS_RATE, TempoKeyAnalyzer } from '@encore/shared/audioAnalysis/tempoKey';
import { transcode } from './transcode';

/** Tempo and key as the catalog stores them. */
export interface TempoKey {
  bpm: number | null;
  key: string | null;
}

/** Only the opening minutes are analysed: a long mix has no single tempo or key, and it bounds the work. */
const MAX_ANALYSED_SECONDS = 600;

/**
 * Tempo and key from mono PCM at the analysis rate (11 025 Hz) pushed block by block, as a
 * decode streams it: only the first {@link MAX_ANALYSED_SECONDS} are analysed, the rest is
 * ignored, so one decode can feed this and other meters (the waveform) alike.
 *
 * @example
 * const sink = new TempoKeySink();
 * await transcode(master, { outputs, pcm: { rate: ANALYSIS_RATE, onSamples: (x) => sink.push(x) } });
 * sink.finish(); // { bpm: 120, key: 'A minor' }
 */
export class TempoKeySink {
  readonly rate = ANALYSIS_RATE;
  private readonly analyzer = new TempoKeyAnalyzer(ANALYSIS_RATE);
  private readonly window = new AnalysisWindow();

  push(mono: Float32Array): void {
    const block = this.window.take(mono);
    if (block) this.analyzer.push(block);
  }

  finish(): TempoKey {
    const { tempo, key } = this.analyzer.finish();
    return { bpm: tempo?.bpm ?? null, key: key?.key ?? null };
  }
}

/** Lets through only the first {@link MAX_ANALYSED_SECONDS} of a stream of blocks. */
class AnalysisWindow {
  private left = MAX_ANALYSED_SECONDS * ANALYSIS_RATE;

  take(mono: Float32Array): Float32Array | undefined {
    if (this.left <= 0) return undefined;
    const block = mono.length > this.left ? mono.slice(0, this.left) : mono;
    this.left -= block.length;
    return block;
  }
}

/**
 * {@link TempoKeySink} in a worker thread, so the kernels (seconds of JS per track) never hold
 * up the server's event loop: blocks are transferred, not copied, and only the analysed window
 * is sent (at most 600 s, ~26 MB), so a slow worker cannot make the queue grow without bound.
 * `dispose()` ends the thread whatever happened.
 *
 * @example
 * const tk = new TempoKeyWorker();
 * try { await transcode(master, { outputs, pcm: { rate: tk.rate, onSamples: (x) => tk.push(x) } }); return await tk.finish(); }
 * finally { await tk.dispose(); }
 */
export class TempoKeyWorker {
  readonly rate = ANALYSIS_RATE;
  private readonly window = new AnalysisWindow();
  private readonly worker: Worker;
  private readonly result: Promise<TempoKey>;

  constructor() {
    const entry = new URL('./tempoKey.worker.ts', import.meta.url).href;
    this.worker = new Worker(tsxEntry(), { eval: true, workerData: { entry } });
    this.result = new Promise<TempoKey>((resolve, reject) => {
      this.worker.on('message', (m: 'ready' | { ok: true; value: TempoKey } | { ok: false; error: string }) => {
        if (m === 'ready') return;
        if (m.ok) resolve(m.value);
        else reject(new Error(`tempo/key analysis failed: ${m.error}`));
      });
      this.worker.once('error', (e) => reject(new Error(`tempo/key worker failed: ${e.message}`)));
      this.worker.once('exit', (code) => reject(new Error(`tempo/key worker exited (code ${code})`)));
    });
    // The caller awaits `finish()`; until then a failure must not surface as an unhandled rejection.
    this.result.catch(() => undefined);
  }

  push(mono: Float32Array): void {
    const block = this.window.take(mono);
    if (!block) return;
    // A block that is a view into a larger buffer is copied so only its own bytes move.
    const own = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength ? block : block.slice();
    this.worker.postMessage(own, [own.buffer as ArrayBuffer]);
  }

  finish(): Promise<TempoKey> {
    this.worker.postMessage('finish');
    return this.result;
  }

  async dispose(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The worker's entry: it registers tsx's ESM loader, then imports the worker module, as the
 * server itself runs from TypeScript sources under tsx (`--import tsx` in a worker's execArgv
 * does not reach its entry point on Node 20). Same recipe as the desktop's render workers.
 */
function tsxEntry(): string {
  // The ESM build of tsx/esm/api (require.resolve would give the CommonJS one, which cannot register ESM hooks).
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(require('node:worker_threads').workerData.entry); })`;
}

/**
 * Tempo and key of an audio file: ffmpeg decodes it to mono 32-bit float PCM at the analysis
 * rate (11 025 Hz), streamed through the shared kernels, never held whole in memory.
 *
 * @example
 * await analyseTempoKey('/data/blobs/ab/abcd...') // { bpm: 120, key: 'A minor' }
 */
export async function analyseTempoKey(file: string): Promise<TempoKey> {
  const sink = new TempoKeySink();
  await transcode(file, { outputs: [], pcm: { rate: sink.rate, onSamples: (x) => sink.push(x) } });
  return sink.finish();
}
