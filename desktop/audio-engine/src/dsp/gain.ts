import { decibels, type Decibels } from '@encore/shared/units';

/**
 * Level conversions for the engine. The document stores -144 dB for silence (JSON has no
 * -Infinity), so both directions treat -144 dB and a gain of 0 as the same point.
 */

/** The quietest level the engine distinguishes from silence: the floor of 24-bit audio. */
export const SILENCE_DB = decibels(-144);

/**
 * Linear gain of a level in dB; -144 dB and below is exactly 0.
 *
 * @example
 * dbToGain(decibels(-6)); // 0.501
 */
export function dbToGain(db: Decibels): number {
  return db <= SILENCE_DB ? 0 : 10 ** (db / 20);
}

/**
 * Level in dB of a linear gain (magnitude), never below -144 dB, so the result is storable.
 *
 * @example
 * gainToDb(0.5); // -6.02
 * gainToDb(0);   // -144
 */
export function gainToDb(gain: number): Decibels {
  const a = Math.abs(gain);
  return decibels(a <= 0 ? SILENCE_DB : Math.max(SILENCE_DB, 20 * Math.log10(a)));
}

/**
 * Multiplies a block by a gain ramping linearly from `from` to `to` across it (click-free gain
 * changes inside a worklet).
 *
 * @example
 * applyGainRamp(block, 1, 0); // a fade-out over the block
 */
export function applyGainRamp(block: Float32Array, from: number, to: number): void {
  const n = block.length;
  if (n === 0) return;
  const step = (to - from) / n;
  for (let i = 0; i < n; i++) block[i]! *= from + step * (i + 1);
}
