import type { ParamSpec } from '@encore/shared/project/schema/deviceKinds';

/** The fader's top: +6 dB, as on most consoles (the document allows up to +12 dB by automation). */
export const FADER_MAX_DB = 6;
/** Silence: the document stores -144 dB for -∞. */
export const SILENCE_DB = -144;

/**
 * Fader travel (0…1) to decibels: 0 is -∞, ¾ of the way is about -5 dB, the top is +6 dB.
 *
 * @example
 * faderToDb(1); // 6
 * faderToDb(0); // -144
 */
export function faderToDb(position: number): number {
  if (position <= 0) return SILENCE_DB;
  return Math.max(SILENCE_DB, Math.round((FADER_MAX_DB + 40 * Math.log10(Math.min(1, position))) * 10) / 10);
}

/** Decibels to fader travel, the inverse of {@link faderToDb}. */
export function dbToFader(db: number): number {
  if (db <= SILENCE_DB) return 0;
  return Math.min(1, 10 ** ((db - FADER_MAX_DB) / 40));
}

export function formatDb(db: number): string {
  if (db <= SILENCE_DB) return '-∞ dB';
  return `${db > 0 ? '+' : ''}${db.toFixed(1)} dB`;
}

export function formatPan(pan: number): string {
  if (Math.abs(pan) < 0.005) return 'C';
  return `${Math.round(Math.abs(pan) * 100)}${pan < 0 ? 'L' : 'R'}`;
}

/**
 * A param's value to knob travel (0…1), following its curve.
 *
 * @example
 * paramToNorm({ id: 'cutoff', min: 20, max: 20000, default: 2000, unit: 'Hz', curve: 'logarithmic' }, 632); // ≈ 0.5
 */
export function paramToNorm(spec: ParamSpec, value: number): number {
  const v = Math.min(spec.max, Math.max(spec.min, value));
  if (spec.curve === 'logarithmic' && spec.min > 0) return Math.log(v / spec.min) / Math.log(spec.max / spec.min);
  return (v - spec.min) / (spec.max - spec.min);
}

/** Knob travel to a valid value of the param: on its step, rounded to a sensible precision. */
export function normToParam(spec: ParamSpec, norm: number): number {
  const n = Math.min(1, Math.max(0, norm));
  const raw = spec.curve === 'logarithmic' && spec.min > 0 ? spec.min * (spec.max / spec.min) ** n : spec.min + n * (spec.max - spec.min);
  if (spec.step !== undefined) return Math.min(spec.max, spec.min + Math.round((raw - spec.min) / spec.step) * spec.step);
  const magnitude = Math.abs(raw);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  const rounded = Number(raw.toFixed(digits));
  return Math.min(spec.max, Math.max(spec.min, rounded));
}

const MODE_NAMES: Readonly<Record<string, readonly string[]>> = {
  mode: ['Lowpass', 'Highpass', 'Bandpass', 'Notch'],
  sync: ['Free', 'Synced'],
};

/** A param value for display, with its unit: "2.00 kHz", "120 ms", "4.0:1", "35 %". */
export function formatParam(spec: ParamSpec, value: number): string {
  const names = MODE_NAMES[spec.id];
  if (spec.step !== undefined && names) return names[Math.round(value - spec.min)] ?? String(value);
  const fixed = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
  switch (spec.unit) {
    case 'Hz':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} kHz` : `${fixed(value)} Hz`;
    case 'dB':
      return `${value > 0 ? '+' : ''}${value.toFixed(1)} dB`;
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${fixed(value)} ms`;
    case 's':
      return `${fixed(value)} s`;
    case 'ratio':
      return `${value.toFixed(1)}:1`;
    case 'percent':
      return `${Math.round(value)} %`;
    case 'beats':
      return `${fixed(value)} beats`;
    case 'q':
      return `Q ${fixed(value)}`;
    case 'none':
      return fixed(value);
  }
}

/** "lowMidFreq" → "Low mid freq": param ids as labels. */
export function paramLabel(id: string): string {
  const words = id.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
