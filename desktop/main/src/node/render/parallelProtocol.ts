import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import type { MixPlan } from '@encore/audio-engine/headless/mixPlan';
import type { DecodedAudio } from '@encore/audio-engine/headless/sources';

/** What the main thread hands a render worker (renderWorker.ts): plain data and shared memory. */
export interface PartRequest {
  readonly snapshot: ProjectSnapshot;
  readonly plan: MixPlan;
  /** The soundfont to load, or null when the part plays no instrument track. */
  readonly soundfont: string | null;
  /** Decoded assets; their planes live in SharedArrayBuffers, so no copy is made. */
  readonly audio: readonly (readonly [string, DecodedAudio])[];
  readonly tracks: readonly string[];
  readonly shareReverb: boolean;
  readonly foldStrips: boolean;
  /** Frames to render, a whole number of mixer blocks. */
  readonly total: number;
  /** Per summing point, left then right: rings of `ringFrames` floats. */
  readonly rings: readonly SharedArrayBuffer[];
  /** The same for the shared GM reverb's inputs the part gathered (the mix reverberates them once). */
  readonly sendRings: readonly SharedArrayBuffer[];
  readonly ringFrames: number;
  /** Int32 [0]: frames the worker has written. */
  readonly progress: SharedArrayBuffer;
  /** Int32 [0]: frames the main thread has mixed (shared by all workers). */
  readonly consumed: SharedArrayBuffer;
}

export type PartReply =
  | { readonly type: 'done'; readonly issues: readonly string[]; readonly tracks: number; readonly notes: number }
  | { readonly type: 'error'; readonly message: string; readonly code: string | null };
