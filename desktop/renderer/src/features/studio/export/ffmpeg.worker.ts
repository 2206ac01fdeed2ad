/// <reference lib="webworker" />
import type { TranscodeReply, TranscodeRequest } from './transcodeProtocol';

/** The part of @ffmpeg/core's module this worker uses. */
interface FFmpegCore {
  FS: { writeFile(path: string, data: Uint8Array): void; readFile(path: string): Uint8Array; unlink(path: string): void };
  ret: number;
  exec(...args: string[]): number;
  reset(): void;
  setLogger(logger: (log: { type: string; message: string }) => void): void;
  setProgress(handler: (p: { progress: number; time: number }) => void): void;
}
type CoreFactory = (options: { mainScriptUrlOrBlob: string }) => Promise<FFmpegCore>;

/**
 * ffmpeg.wasm (single-threaded @ffmpeg/core 0.12) in a module worker: `load` imports the core
 * from the renderer's own build (never a CDN), `encode` runs one ffmpeg command over an
 * in-memory file and returns the output's bytes. The page cancels by terminating the worker.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let core: FFmpegCore | null = null;
let current: number | null = null;
const log: string[] = [];
const post = (m: TranscodeReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

async function load(coreURL: string, wasmURL: string): Promise<void> {
  const factory = ((await import(/* @vite-ignore */ coreURL)) as { default: CoreFactory }).default;
  // The core finds its .wasm through the script URL's fragment (as @ffmpeg/ffmpeg's worker does).
  core = await factory({ mainScriptUrlOrBlob: `${coreURL}#${btoa(JSON.stringify({ wasmURL, workerURL: '' }))}` });
  core.setLogger((l) => {
    log.push(l.message);
    if (log.length > 40) log.shift();
  });
  core.setProgress((p) => {
    if (current !== null && p.progress >= 0 && p.progress <= 1) post({ type: 'progress', id: current, fraction: p.progress });
  });
}

function encode(id: number, input: Uint8Array, args: readonly string[], output: string): void {
  if (!core) throw new Error('ffmpeg is not loaded');
  current = id;
  log.length = 0;
  core.FS.writeFile('input.wav', input);
  try {
    core.exec('-hide_banner', '-nostdin', '-y', '-i', 'input.wav', ...args, output);
    const ret = core.ret;
    core.reset();
    if (ret !== 0) throw new Error(`ffmpeg exited with ${ret}: ${log.slice(-4).join(' | ')}`);
    const bytes = core.FS.readFile(output);
    core.FS.unlink(output);
    post({ type: 'done', id, bytes }, [bytes.buffer]);
  } finally {
    core.FS.unlink('input.wav');
    current = null;
  }
}

scope.onmessage = (e: MessageEvent<TranscodeRequest>) => {
  const m = e.data;
  if (m.type === 'load') {
    load(m.coreURL, m.wasmURL).then(
      () => post({ type: 'loaded' }),
      (err: unknown) => post({ type: 'error', id: null, message: `ffmpeg.wasm did not load: ${String(err)}` }),
    );
    return;
  }
  try {
    encode(m.id, m.input, m.args, m.output);
  } catch (err) {
    post({ type: 'error', id: m.id, message: err instanceof Error ? err.message : String(err) });
  }
};
