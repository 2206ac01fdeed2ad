import type { Instrument } from '@encore/shared/project/schema/instrument';

/** The messages between {@link SoundfontNode} and its processor (soundfont.worklet.ts). */

export const SOUNDFONT_PROCESSOR = 'encore-soundfont';

export interface SoundfontProcessorOptions {
  /** Names the sound bank: processors of one context parse each bank once and share it. */
  readonly bankId: string;
  readonly instrument: Instrument | null;
  /** Linear output gain. */
  readonly gain: number;
}

/** Note events as the voice bank's (worklets/protocol.ts: frame, kind, id, pitch, velocity). */
export type SoundfontMessage =
  | { readonly type: 'events'; readonly seq: number; readonly data: Float64Array }
  | { readonly type: 'clear' }
  | { readonly type: 'bank'; readonly bytes: ArrayBuffer }
  | { readonly type: 'dispose' };

export type SoundfontReply =
  | { readonly type: 'ack'; readonly seq: number }
  /** The processor's scope has not parsed this bank yet: send its bytes. */
  | { readonly type: 'need-bank' }
  | { readonly type: 'ready' }
  | { readonly type: 'error'; readonly message: string };
