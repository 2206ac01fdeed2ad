import { z } from 'zod';
import { decibels, ticks, type Decibels, type Ticks } from '../../units';
import { isOrderKey } from '../fractionalIndex';

/**
 * Field schemas every project record shares. Records in the document hold plain JSON numbers;
 * these schemas brand them with their unit when read, so a tick can't be passed as seconds.
 */

/** Ids are minted by `createIdGenerator` (21 chars); fixed ids such as `master` are shorter. */
export const RecordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, _ or -');

/** A position in ticks (PPQ 960). 2^40 ticks is ~36 years at 120 BPM: a bound, not a limit. */
export const Tick = z.int().min(0).max(2 ** 40).transform((n): Ticks => ticks(n));
/** A length in ticks, at least one. */
export const Length = z.int().min(1).max(2 ** 40).transform((n): Ticks => ticks(n));

/** Fader gain; -144 dB stands for silence because JSON (and Yjs) have no -Infinity. */
export const VolumeDb = z.number().min(-144).max(12).transform((n): Decibels => decibels(n));
/** -1 hard left, 0 centre, 1 hard right. */
export const Pan = z.number().min(-1).max(1);

/** A fractional-index key (see fractionalIndex.ts). */
export const OrderKey = z.string().max(256).refine(isOrderKey, 'a fractional order key');

export const Color = z.string().regex(/^#[0-9a-f]{6}$/, 'a colour such as #ff8800');
export const Name = z.string().trim().min(1).max(100);
/** A MIDI note number or program. */
export const Midi7 = z.int().min(0).max(127);
/** Lowercase hex SHA-256: how assets are addressed. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');
