import coreURL from '@ffmpeg/core?url';
import wasmURL from '@ffmpeg/core/wasm?url';
import type { TranscodeReply, TranscodeRequest } from './transcodeProtocol';

const abortError = () => new DOMException('The export was cancelled', 'AbortError');

/**
 * One ffmpeg.wasm worker for the files of one export: loads the core served by the renderer's
 * build, encodes WAV bytes with ffmpeg arguments, and is terminated on `dispose()` or when the
 * signal aborts (which rejects the encode in progress with an AbortError).
 *
 * @example
 * const ff = await Transcoder.start(signal);
 * const mp3 = await ff.encode(wavBytes, ['-c:a', 'libmp3lame', '-b:a', '192k'], 'out.mp3', (f) => bar.value = f);
 * ff.dispose();
 */
export class Transcoder {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(b: Uint8Array): void; reject(e: unknown): void; progress?: (f: number) => void }>();
  private failure: unknown = null;
  private readonly onAbort = () => this.fail(abortError());

  private constructor(
    private readonly worker: Worker,
    private readonly signal: AbortSignal | null,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
    worker.addEventListener('message', (e: MessageEvent<TranscodeReply>) => {
      const m = e.data;
      if (m.type === 'progress') this.pending.get(m.id)?.progress?.(m.fraction);
      else if (m.type === 'done') this.settle(m.id, (p) => p.resolve(m.bytes));
      else if (m.type === 'error' && m.id !== null) this.settle(m.id, (p) => p.reject(new Error(m.message)));
    });
    worker.addEventListener('error', (e) => this.fail(new Error(`ffmpeg worker failed: ${e.message}`)));
  }

  /** Starts a worker and loads ffmpeg into it (about a second). */
  static async start(signal: AbortSignal | null = null): Promise<Transcoder> {
    if (signal?.aborted) throw abortError();
    const worker = new Worker(new URL('./ffmpeg.worker.ts', import.meta.url), { type: 'module', name: 'ffmpeg' });
    const t = new Transcoder(worker, signal);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (e: MessageEvent<TranscodeReply>) => {
        if (e.data.type === 'loaded') resolve();
        else if (e.data.type === 'error' && e.data.id === null) reject(new Error(e.data.message));
        else return;
        worker.removeEventListener('message', onMessage);
      };
      worker.addEventListener('message', onMessage);
      const onAbort = () => reject(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ type: 'load', coreURL: new URL(coreURL, location.href).href, wasmURL: new URL(wasmURL, location.href).href } satisfies TranscodeRequest);
    }).catch((e: unknown) => {
      t.dispose();
      throw e;
    });
    return t;
  }

  /** Encodes `wav` (the bytes of a WAV file) into `output` (its extension picks the container). */
  encode(wav: Uint8Array, args: readonly string[], output: string, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onProgress ? { progress: onProgress } : {}) });
      const input = wav.slice();
      this.worker.postMessage({ type: 'encode', id, input, args, output } satisfies TranscodeRequest, [input.buffer]);
    });
  }

  /** Terminates the worker; encodes still pending reject. */
  dispose(): void {
    this.fail(abortError());
  }

  private settle(id: number, fn: (p: { resolve(b: Uint8Array): void; reject(e: unknown): void }) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    fn(p);
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = error;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
