/** Messages between the studio and its ffmpeg.wasm worker (ffmpeg.worker.ts). */

export type TranscodeRequest =
  | { readonly type: 'load'; readonly coreURL: string; readonly wasmURL: string }
  | { readonly type: 'encode'; readonly id: number; readonly input: Uint8Array; readonly args: readonly string[]; readonly output: string };

export type TranscodeReply =
  | { readonly type: 'loaded' }
  | { readonly type: 'progress'; readonly id: number; readonly fraction: number }
  | { readonly type: 'done'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'error'; readonly id: number | null; readonly message: string };
