import type { DeviceKind } from '../../project/schema/deviceKinds';

/**
 * How Encore's devices meet DAWproject's generic ones. Both directions read these tables, so an
 * export re-imports to the same params.
 */

/** deviceID of Encore's devices; the generic elements carry it too, so Encore knows its own. */
export const ENCORE_DEVICE_PREFIX = 'encore.';
export const INSTRUMENT_DEVICE_PREFIX = 'encore.instrument.';

export type GenericElement = 'Compressor' | 'Limiter' | 'NoiseGate';

/** Generic element → Encore kind, and which child realParameter feeds which Encore param. */
export const GENERIC_FIELDS: Readonly<Record<GenericElement, { kind: DeviceKind; fields: Readonly<Record<string, string>> }>> = {
  Compressor: { kind: 'compressor', fields: { Attack: 'attack', OutputGain: 'makeup', Ratio: 'ratio', Release: 'release', Threshold: 'threshold' } },
  Limiter: { kind: 'limiter', fields: { Release: 'release', Threshold: 'ceiling' } },
  NoiseGate: { kind: 'gate', fields: { Attack: 'attack', Release: 'release', Threshold: 'threshold' } },
};

/** The element each generic kind is written as. */
export const GENERIC_ELEMENT: Readonly<Partial<Record<DeviceKind, GenericElement>>> = { compressor: 'Compressor', limiter: 'Limiter', gate: 'NoiseGate' };

/** Encore's EQ: a low shelf, two bells and a high shelf. */
export const EQ_SLOTS = ['low', 'lowMid', 'highMid', 'high'] as const;
export type EqSlot = (typeof EQ_SLOTS)[number];
export const EQ_SLOT_TYPE: Readonly<Record<EqSlot, string>> = { low: 'lowShelf', lowMid: 'bell', highMid: 'bell', high: 'highShelf' };

/** Pass and notch bands become Encore filter devices; the value is the filter's `mode`. */
export const FILTER_BAND_MODES: Readonly<Record<string, number>> = { lowPass: 0, highPass: 1, bandPass: 2, notch: 3 };
export const FILTER_MODE_BANDS = ['lowPass', 'highPass', 'bandPass', 'notch'] as const;

export const WAVEFORMS = ['sine', 'triangle', 'square', 'sawtooth'] as const;

/** Display names of Encore's devices in other applications. */
export const DEVICE_NAMES: Readonly<Record<DeviceKind, string>> = {
  eq: 'Encore EQ',
  compressor: 'Encore Compressor',
  limiter: 'Encore Limiter',
  reverb: 'Encore Reverb',
  delay: 'Encore Delay',
  chorus: 'Encore Chorus',
  distortion: 'Encore Distortion',
  filter: 'Encore Filter',
  gate: 'Encore Gate',
};
