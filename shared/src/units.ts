/** Branded units: a number that knows what it measures. */
declare const unit: unique symbol;
export type Unit<T extends string> = number & { readonly [unit]: T };

export type Seconds = Unit<'Seconds'>;
export type Milliseconds = Unit<'Milliseconds'>;
export type Ticks = Unit<'Ticks'>;
export type Beats = Unit<'Beats'>;
export type Decibels = Unit<'Decibels'>;
export type Hertz = Unit<'Hertz'>;
export type Cents = Unit<'Cents'>;
export type Samples = Unit<'Samples'>;
/** Money in integer minor units (cents for USD). */
export type MinorUnits = Unit<'MinorUnits'>;

export const seconds = (n: number) => n as Seconds;
export const ms = (n: number) => n as Milliseconds;
export const ticks = (n: number) => n as Ticks;
export const beats = (n: number) => n as Beats;
export const decibels = (n: number) => n as Decibels;
export const hertz = (n: number) => n as Hertz;
export const cents = (n: number) => n as Cents;
export const samples = (n: number) => n as Samples;
export const minorUnits = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`money must be an integer of minor units, got ${n}`);
  return n as MinorUnits;
};

/** Pulses per quarter note used by every Encore document (same as @tonejs/midi's default). */
export const PPQ = 960;

export const dbToGain = (db: Decibels): number => (db <= -144 ? 0 : 10 ** (db / 20));
export const gainToDb = (gain: number): Decibels => (gain <= 0 ? (-Infinity as Decibels) : ((20 * Math.log10(gain)) as Decibels));
