import type { ChainStageSpec } from '../dsp/channelChain';
import type { VoicePoolOptions } from '../dsp/voices';

/**
 * The typed messages between the engine's node wrappers and their worklet processors, and the
 * processor names. Shared by both sides so a rename cannot split them.
 */

export const PROCESSOR_NAMES = {
  voiceBank: 'encore-voice-bank',
  meter: 'encore-meter',
  limiter: 'encore-limiter',
  reverb: 'encore-reverb',
  dynamics: 'encore-dynamics',
  channel: 'encore-channel',
} as const;

export { VoiceEvent, VOICE_EVENT_STRIDE } from '../dsp/voices';

export type VoiceBankMessage = { readonly type: 'events'; readonly seq: number; readonly data: Float64Array } | { readonly type: 'clear' };

export type VoiceBankReply = { readonly type: 'ack'; readonly seq: number };

export type VoiceBankProcessorOptions = VoicePoolOptions;

export interface ChannelLevels {
  readonly peakDb: number;
  readonly holdDb: number;
  readonly rmsDb: number;
  readonly truePeakMaxDb: number;
}

export type MeterReply = { readonly type: 'levels'; readonly frame: number; readonly channels: readonly ChannelLevels[] };

export interface MeterProcessorOptions {
  /** Frames between two level reports. */
  readonly interval: number;
  readonly channels: number;
}

export type DynamicsMode = 'compressor' | 'gate';

/** Operations of a channel processor's param events: a step, a linear ramp ending at the time, a cancel from the time on. */
export const ParamOp = { Set: 0, Ramp: 1, Cancel: 2 } as const;
export type ParamOp = (typeof ParamOp)[keyof typeof ParamOp];

/** Numbers per param event: op, slot, time (context seconds), value. */
export const PARAM_EVENT_STRIDE = 4;

/**
 * To a channel processor: param events (stride PARAM_EVENT_STRIDE, slots numbered across its
 * members), note events for member `member`'s voices (stride VOICE_EVENT_STRIDE, frames), a
 * voice clear (transport stop), or dispose. Events and notes are acknowledged by `seq`.
 */
export type ChannelMessage =
  | { readonly type: 'events'; readonly seq: number; readonly data: Float64Array }
  | { readonly type: 'notes'; readonly seq: number; readonly member: number; readonly data: Float64Array }
  | { readonly type: 'clear'; readonly member: number }
  | { readonly type: 'dispose' };

/** From a channel processor: an acknowledged batch, or member `member`'s meter levels (post fader, every meter interval). */
export type ChannelReply =
  | { readonly type: 'ack'; readonly seq: number }
  | { readonly type: 'levels'; readonly member: number; readonly frame: number; readonly channels: readonly ChannelLevels[] };

/**
 * One fused channel inside a channel processor: its voices or its input → input gain (mute /
 * solo / phase) → device chain → pre-fader tap → volume → pan → its main edge, and one edge per
 * send. Its slots (from `slot` on) are volume (linear), pan left and pan right gains, the send
 * levels (linear), then the chain's stage slots (numbered from 0 in `stages`).
 */
export interface ChannelMemberOptions {
  readonly inputGain: number;
  readonly stages: readonly ChainStageSpec[];
  /** Initial value of every slot of the member. */
  readonly values: readonly number[];
  /** Per send: taps before the fader. */
  readonly sends: readonly { readonly pre: boolean }[];
  /** Frames of delay compensation per edge (main, then each send); missing is none. */
  readonly delays?: readonly number[];
  /** The processor input carrying the member's audio, or null (voices only). */
  readonly input: number | null;
  /** The processor output each edge (main, then each send) adds into. */
  readonly outputs: readonly number[];
  /** Notes played inside the processor (a synth or sampler track), or null. */
  readonly voices: VoicePoolOptions | null;
  /** Meter the channel's output (what a MeterNode on it would read) every `interval` frames; null for none. */
  readonly meter?: { readonly interval: number } | null;
  /** The processor input carrying each sidechain key its stages read (by key index); missing is none. */
  readonly keyInputs?: readonly number[];
}

/**
 * A channel processor: one or more fused channels (members) summed into stereo outputs. One
 * member per processor is a track's strip (output 0 the channel, output 1 + k send k); many
 * members share one processor in offline renders, where every worklet call per block costs.
 */
export interface ChannelProcessorOptions {
  readonly members: readonly ChannelMemberOptions[];
  readonly outputs: number;
  readonly inputs: number;
}
