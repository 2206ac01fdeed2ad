/**
 * The parameter table of every device kind: what the engine builds, what the UI draws as knobs
 * and what automation may drive. `curve` maps a knob's travel to the value: logarithmic for
 * frequencies and times, linear otherwise. `step` marks discrete params (modes, switches).
 */
export type ParamUnit = 'dB' | 'Hz' | 'ms' | 's' | 'ratio' | 'percent' | 'beats' | 'q' | 'none';
export type ParamCurve = 'linear' | 'logarithmic';

export interface ParamSpec {
  readonly id: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly unit: ParamUnit;
  readonly curve: ParamCurve;
  readonly step?: number;
}

export const DEVICE_KINDS = ['eq', 'compressor', 'limiter', 'reverb', 'delay', 'chorus', 'distortion', 'filter', 'gate'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

const p = (id: string, min: number, max: number, def: number, unit: ParamUnit, curve: ParamCurve = 'linear', step?: number): ParamSpec =>
  step === undefined ? { id, min, max, default: def, unit, curve } : { id, min, max, default: def, unit, curve, step };

const band = (name: string, freq: number, withQ: boolean): ParamSpec[] => [
  p(`${name}Freq`, 20, 20000, freq, 'Hz', 'logarithmic'),
  p(`${name}Gain`, -24, 24, 0, 'dB'),
  ...(withQ ? [p(`${name}Q`, 0.1, 18, 1, 'q', 'logarithmic')] : []),
];

/** Params of each kind, in display order. */
export const DEVICE_PARAMS: Readonly<Record<DeviceKind, readonly ParamSpec[]>> = {
  // Parametric EQ: low shelf, two peaks, high shelf.
  eq: [...band('low', 100, false), ...band('lowMid', 500, true), ...band('highMid', 2500, true), ...band('high', 8000, false), p('output', -24, 24, 0, 'dB')],
  compressor: [
    p('threshold', -60, 0, -18, 'dB'),
    p('ratio', 1, 20, 4, 'ratio', 'logarithmic'),
    p('attack', 0.1, 200, 10, 'ms', 'logarithmic'),
    p('release', 5, 2000, 120, 'ms', 'logarithmic'),
    p('knee', 0, 24, 6, 'dB'),
    p('makeup', 0, 24, 0, 'dB'),
  ],
  limiter: [p('ceiling', -24, 0, -0.3, 'dB'), p('release', 1, 1000, 50, 'ms', 'logarithmic')],
  reverb: [
    p('decay', 0.1, 20, 2.5, 's', 'logarithmic'),
    p('preDelay', 0, 250, 20, 'ms'),
    p('damping', 1000, 20000, 8000, 'Hz', 'logarithmic'),
    p('mix', 0, 100, 100, 'percent'),
  ],
  delay: [
    // Tempo-synced when `sync` is 1: `beats` sets the time; otherwise `time` in ms.
    p('sync', 0, 1, 1, 'none', 'linear', 1),
    p('beats', 0.0625, 4, 0.75, 'beats', 'logarithmic'),
    p('time', 1, 2000, 375, 'ms', 'logarithmic'),
    p('feedback', 0, 95, 35, 'percent'),
    p('mix', 0, 100, 30, 'percent'),
  ],
  chorus: [p('rate', 0.05, 10, 1.5, 'Hz', 'logarithmic'), p('depth', 0, 100, 50, 'percent'), p('delay', 1, 30, 7, 'ms'), p('mix', 0, 100, 50, 'percent')],
  distortion: [p('drive', 0, 48, 12, 'dB'), p('tone', 200, 20000, 6000, 'Hz', 'logarithmic'), p('mix', 0, 100, 100, 'percent')],
  filter: [
    // 0 lowpass, 1 highpass, 2 bandpass, 3 notch.
    p('mode', 0, 3, 0, 'none', 'linear', 1),
    p('cutoff', 20, 20000, 2000, 'Hz', 'logarithmic'),
    p('resonance', 0.1, 20, 0.7, 'q', 'logarithmic'),
  ],
  gate: [
    p('threshold', -80, 0, -40, 'dB'),
    p('attack', 0.1, 50, 1, 'ms', 'logarithmic'),
    p('hold', 0, 500, 20, 'ms'),
    p('release', 5, 2000, 100, 'ms', 'logarithmic'),
  ],
};

/** Kinds that listen to another track (sidechain input). */
export const SIDECHAIN_KINDS: ReadonlySet<DeviceKind> = new Set(['compressor', 'gate']);

/** Factory presets per kind: partial param sets applied over the defaults. */
export const DEVICE_PRESETS: Readonly<Record<DeviceKind, Readonly<Record<string, Readonly<Record<string, number>>>>>> = {
  eq: { Flat: {}, 'Vocal presence': { lowFreq: 120, lowGain: -3, highMidFreq: 3500, highMidGain: 3, highGain: 2 } },
  compressor: { Gentle: { threshold: -12, ratio: 2, attack: 20, release: 200 }, 'Drum bus': { threshold: -20, ratio: 4, attack: 10, release: 80, makeup: 4 } },
  limiter: { Master: { ceiling: -1, release: 60 } },
  reverb: { Room: { decay: 0.8, preDelay: 5 }, Hall: { decay: 3.5, preDelay: 30 } },
  delay: { 'Dotted eighth': { sync: 1, beats: 0.75, feedback: 40 }, Slapback: { sync: 0, time: 110, feedback: 0, mix: 25 } },
  chorus: { Subtle: { rate: 0.8, depth: 30, mix: 35 } },
  distortion: { Crunch: { drive: 18, tone: 4000 } },
  filter: { 'Low cut': { mode: 1, cutoff: 120 } },
  gate: { 'Tight drums': { threshold: -30, hold: 10, release: 60 } },
};

/**
 * The spec of a param, or undefined when the kind has no such param.
 *
 * @example
 * paramSpec('filter', 'cutoff')?.max; // 20000
 */
export function paramSpec(kind: DeviceKind, paramId: string): ParamSpec | undefined {
  return DEVICE_PARAMS[kind].find((s) => s.id === paramId);
}

/** True when `value` is allowed for the param (in range, on its step). */
export function isValidParamValue(spec: ParamSpec, value: number): boolean {
  if (!Number.isFinite(value) || value < spec.min || value > spec.max) return false;
  return spec.step === undefined || Number.isInteger((value - spec.min) / spec.step);
}

/** Every param of a kind at its default. */
export function defaultParams(kind: DeviceKind): Record<string, number> {
  return Object.fromEntries(DEVICE_PARAMS[kind].map((s) => [s.id, s.default]));
}
