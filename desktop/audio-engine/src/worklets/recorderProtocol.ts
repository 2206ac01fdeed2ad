/** The messages between RecorderNode and recorder.worklet.ts, and the processor's name. */

export const RECORDER_PROCESSOR = 'encore-recorder';

export interface RecorderProcessorOptions {
  readonly channels: number;
  /** Frames per posted batch. */
  readonly batch: number;
}

export type RecorderMessage = { readonly type: 'start' } | { readonly type: 'stop' } | { readonly type: 'dispose' };

export type RecorderReply =
  /** Captured frames: the context frame of the first, one array per channel. */
  | { readonly type: 'chunk'; readonly frame: number; readonly channels: readonly Float32Array[] }
  /** Everything captured before the stop has been posted. */
  | { readonly type: 'stopped'; readonly frame: number };
