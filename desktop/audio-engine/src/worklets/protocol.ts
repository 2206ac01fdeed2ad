import type { ChainStageSpec } from '../dsp/channelChain';

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

/** Event kinds of the voice bank's queue. */
export const VoiceEvent = { NoteOff: 0, NoteOn: 1, ReleaseAll: 2, Silence: 3 } as const;
export type VoiceEvent = (typeof VoiceEvent)[keyof typeof VoiceEvent];

/** Numbers per event in a batch: frame, kind, note id, pitch, velocity. */
export const VOICE_EVENT_STRIDE = 5;

export type VoiceBankMessage = { readonly type: 'events'; readonly seq: number; readonly data: Float64Array } | { readonly type: 'clear' };

export type VoiceBankReply = { readonly type: 'ack'; readonly seq: number };

export interface VoiceBankProcessorOptions {
  readonly voices: number;
  readonly waveform: 'sine' | 'triangle' | 'square' | 'sawtooth';
  readonly attack: number;
  readonly decay: number;
  readonly sustain: number;
  readonly release: number;
  /** Linear gain of one voice at velocity 127. */
  readonly gain: number;
  /** Sampler mode: a mono sample, its rate and the pitch it sounds at unshifted. */
  readonly sample: { readonly data: Float32Array; readonly sampleRate: number; readonly rootPitch: number } | null;
}

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

export type ChannelMessage = { readonly type: 'events'; readonly seq: number; readonly data: Float64Array } | { readonly type: 'dispose' };

export type ChannelReply = { readonly type: 'ack'; readonly seq: number };

/**
 * A fused channel: input gain (mute / solo / phase) → device chain → pre-fader tap → volume →
 * pan → output 0, and one stereo output per send. Slots 0-2 are volume (linear), pan left and
 * pan right gains, slots 3… the send levels (linear), then the chain's stage slots.
 */
export interface ChannelProcessorOptions {
  readonly inputGain: number;
  readonly stages: readonly ChainStageSpec[];
  /** Initial value of every slot. */
  readonly values: readonly number[];
  /** Per send: taps before the fader. */
  readonly sends: readonly { readonly pre: boolean }[];
  /** Frames of delay compensation per output (output 0, then each send); missing is none. */
  readonly delays?: readonly number[];
}
