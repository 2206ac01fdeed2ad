import type { AudioClipSpan } from '../graph/timeline';
import type { SlotAutomation } from '../headless/mixPlan';
import type { ChannelMemberOptions } from '../worklets/protocol';

/**
 * What a source worker renders (core/sourceWorker.ts): some source tracks of a project as
 * fused channel members (the block code of the channel worklet), summed per destination (the
 * master's input, then each bus's), from song frame `startFrame` on, posted in chunks of
 * `chunk` frames. Pure data: it crosses to the worker by structured clone.
 */
export interface SourceJob {
  readonly sampleRate: number;
  /** Song frame of the first frame rendered (context frame 0). */
  readonly startFrame: number;
  /** Frames to render in all. */
  readonly frames: number;
  readonly chunk: number;
  /** Summing points: 2 channels each in every chunk. */
  readonly destinations: number;
  /** At most this many chunks posted and not yet acknowledged as consumed ('consumed' messages). */
  readonly ahead: number;
  readonly channels: readonly SourceChannelJob[];
  /** Decoded audio the clips play, by asset hash, at the render's sample rate. */
  readonly audio: ReadonlyMap<string, readonly Float32Array[]>;
}

export interface SourceChannelJob {
  /** The strip (`outputs` index the destinations; with voices for an instrument track). */
  readonly member: ChannelMemberOptions;
  readonly automation: readonly SlotAutomation[];
  /** Voice events (stride VOICE_EVENT_STRIDE, song frames) in the order the scheduler sends them, or null. */
  readonly notes: Float64Array | null;
  /** Audio clips playing into the strip's input. */
  readonly clips: readonly AudioClipSpan[];
}

export type SourceWorkerMessage = { readonly type: 'start'; readonly job: SourceJob } | { readonly type: 'consumed'; readonly index: number };

export type SourceWorkerReply =
  | { readonly type: 'chunk'; readonly index: number; readonly data: readonly Float32Array<ArrayBuffer>[] }
  | { readonly type: 'error'; readonly message: string };
