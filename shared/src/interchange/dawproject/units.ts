import { dbToGain, decibels, PPQ } from '../../units';
import type { ParamUnit } from '../../project/schema/deviceKinds';
import { child, num, type XmlElement } from './xml';

/** The units a DAWproject parameter or automation lane may declare (Project.xsd `unit`). */
export const DP_UNITS = ['linear', 'normalized', 'percent', 'decibel', 'hertz', 'semitones', 'seconds', 'beats', 'bpm'] as const;
export type DpUnit = (typeof DP_UNITS)[number];

/** A parameter as declared in the file: its unit and range, which normalized values map onto. */
export interface DpParam {
  readonly unit: DpUnit | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

/** What Encore stores: a device param's unit, a fader in dB, or pan in -1..1. */
export type EncoreUnit = ParamUnit | 'gainDb' | 'pan';

export const asDpUnit = (raw: string | undefined): DpUnit | undefined => (DP_UNITS as readonly string[]).includes(raw ?? '') ? (raw as DpUnit) : undefined;

export function dpParam(node: XmlElement | undefined): DpParam {
  return { unit: asDpUnit(node?.attrs.unit), min: num(node, 'min'), max: num(node, 'max') };
}

const SILENCE_DB = -144;
const linearToDb = (g: number): number => (g <= 0 ? SILENCE_DB : Math.max(SILENCE_DB, 20 * Math.log10(g)));
/** Semitones in DAWproject are MIDI key numbers: 69 is A4 = 440 Hz (what Bitwig's EQ+ writes). */
const semitonesToHz = (s: number): number => 440 * 2 ** ((s - 69) / 12);

/**
 * Converts a value from a DAWproject unit to Encore's, or undefined when no sensible conversion
 * exists. A normalized value (0..1) is first mapped onto the parameter's declared range; when
 * that range is itself normalized, `fallback` (Encore's own [min, max]) is used.
 *
 * @example
 * toEncore(0.5, 'linear', { unit: 'linear', min: 0, max: 2 }, 'gainDb'); // -6.02
 * toEncore(81.39, 'semitones', { unit: 'semitones', min: 15.5, max: 135 }, 'Hz'); // 900
 */
export function toEncore(value: number, unit: DpUnit | undefined, param: DpParam, to: EncoreUnit, fallback?: readonly [number, number]): number | undefined {
  let v = value;
  let from = unit ?? param.unit;
  if (from === 'normalized' && to !== 'pan') {
    if (param.unit !== undefined && param.unit !== 'normalized' && param.min !== undefined && param.max !== undefined) {
      v = param.min + v * (param.max - param.min);
      from = param.unit;
    } else if (fallback) return fallback[0] + v * (fallback[1] - fallback[0]);
  }
  switch (to) {
    case 'gainDb':
    case 'dB':
      if (from === 'decibel') return v;
      if (from === 'linear' || from === 'normalized') return linearToDb(v);
      if (from === 'percent') return linearToDb(v / 100);
      return undefined;
    case 'pan': {
      if (from === 'percent') return v / 100;
      const zeroToOne = from === 'normalized' || (from === 'linear' && (param.min ?? -1) >= 0);
      if (from === 'normalized' || from === 'linear') return zeroToOne ? 2 * v - 1 : v;
      return undefined;
    }
    case 'Hz':
      if (from === 'hertz') return v;
      if (from === 'semitones') return semitonesToHz(v);
      return undefined;
    case 'ms':
      return from === 'seconds' ? v * 1000 : undefined;
    case 's':
      return from === 'seconds' ? v : undefined;
    case 'beats':
      return from === 'beats' ? v : undefined;
    case 'percent':
      if (from === 'percent') return v;
      return from === 'linear' || from === 'normalized' ? v * 100 : undefined;
    case 'ratio':
    case 'q':
    case 'none':
      return from === 'linear' || from === 'normalized' ? v : undefined;
  }
}

/** How Encore writes a value of each unit: the DAWproject unit and the converted value. */
export function toDawproject(value: number, from: EncoreUnit): { unit: DpUnit; value: number } {
  switch (from) {
    case 'gainDb':
      return { unit: 'linear', value: dbToGain(decibels(value)) };
    case 'pan':
      return { unit: 'normalized', value: (value + 1) / 2 };
    case 'dB':
      return { unit: 'decibel', value };
    case 'Hz':
      return { unit: 'hertz', value };
    case 'ms':
      return { unit: 'seconds', value: value / 1000 };
    case 's':
      return { unit: 'seconds', value };
    case 'beats':
      return { unit: 'beats', value };
    case 'percent':
      return { unit: 'percent', value };
    case 'ratio':
    case 'q':
    case 'none':
      return { unit: 'linear', value };
  }
}

/** A number as written into the XML: plain decimal, at most 9 decimals, no exponent. */
export function fmt(n: number): string {
  const rounded = Math.round(n * 1e9) / 1e9;
  if (Object.is(rounded, -0)) return '0';
  const s = String(rounded);
  return s.includes('e') ? rounded.toFixed(12).replace(/\.?0+$/, '') : s;
}

/** Ticks (PPQ 960) as DAWproject beats (quarter notes). */
export const tickToBeats = (tick: number): string => fmt(tick / PPQ);

/** The realParameter a channel or device field holds, read in Encore's unit. */
export function readParam(parent: XmlElement | undefined, name: string, to: EncoreUnit): number | undefined {
  const node = child(parent, name);
  const value = num(node, 'value');
  return value === undefined ? undefined : toEncore(value, undefined, dpParam(node), to);
}
