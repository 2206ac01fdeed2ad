import { z } from 'zod';
import { minorUnits, ms, type MinorUnits, type Milliseconds } from '../units';

/**
 * Field schemas every entity shares. The seed design leaves units implicit (`duration:
 * number`); Encore names them (`durationMs`) and brands them, so a price can't be passed where
 * a duration is expected.
 */

/** Record ids are opaque (UUIDs on the server, nanoids offline): bounded, never parsed. */
export const Id = z.string().min(1).max(64);

/** Dates travel as ISO-8601 strings: JSON has no date type and Yjs documents neither. */
export const IsoDateTime = z.iso.datetime({ offset: true });

/** A counter that only an increment can change. */
export const Count = z.int().nonnegative();

/** A fraction in [0, 1] (audio features, waveform peaks). */
export const UnitInterval = z.number().min(0).max(1);

/** A score in [0, 100] (karaoke). */
export const Percent = z.number().min(0).max(100);

/**
 * A reference to a media blob: an https URL on the server, a `blob:sha256-…` content address
 * on the desktop. Kept as a string because both forms must round-trip through the same record.
 */
export const MediaRef = z.string().min(1).max(2048);

/** Money in integer minor units: floats cannot represent 0.10 exactly, ledgers must balance. */
export const Money = z.int().nonnegative().transform((n): MinorUnits => minorUnits(n));

/** ISO 4217 alphabetic code. Minor units follow the currency's exponent (cents for USD). */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD');

/** A non-negative whole number of milliseconds. */
export const DurationMs = z.int().nonnegative().transform((n): Milliseconds => ms(n));

/** Free-form labels (genres, tags, moods, hashtags): short, bounded in number. */
export const Labels = z.array(z.string().trim().min(1).max(64)).max(32);

/**
 * True when no value occurs twice; ordered id lists (album tracks) must not repeat.
 *
 * @example
 * isUnique(['a', 'b']); // true
 * isUnique(['a', 'a']); // false
 */
export function isUnique(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}
