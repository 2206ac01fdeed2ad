import { minorUnits, type MinorUnits } from './units';
import type { SubscriptionTier } from './domain/user';

/**
 * Revenue splits, fees and royalty allocation of seed-design.md ("Payment Service"), in
 * integer minor units. Every function here conserves money: what goes in comes out, to the
 * unit, so the double-entry ledger built on it always balances.
 */

/** Basis points out of which shares are expressed: integer ratios avoid float drift. */
const BPS = 10_000;

/** The kinds of revenue that are split between the platform and a creator. */
export type RevenueKind = 'streaming' | 'track_purchase' | 'support' | 'gift_free' | 'gift_premium' | 'reel_ads';

/** The creator's share in basis points per kind; the platform keeps the rest. */
export const CREATOR_SHARE_BPS: Readonly<Record<RevenueKind, number>> = {
  streaming: 7_000,
  track_purchase: 7_000,
  support: 8_500,
  gift_free: 7_000,
  gift_premium: 7_500,
  reel_ads: 5_500,
};

/** Publishing fees in USD cents: $9.99 per track, $29.99 per album. */
export const PUBLISHING_FEE_USD = { track: minorUnits(999), album: minorUnits(2_999) } as const;

/** No payout below $50 (USD cents): smaller transfers cost more in provider fees than they move. */
export const MINIMUM_PAYOUT_USD = minorUnits(5_000);

export interface Split {
  platformFee: MinorUnits;
  creatorEarnings: MinorUnits;
}

function assertAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`${what} must be a non-negative integer of minor units, got ${amount}`);
}

/**
 * Splits `amount` between platform and creator for a kind of revenue.
 *
 * Rounding rule: the creator's share is rounded down and the platform takes the remainder.
 * One side has to absorb the fraction for the two to sum exactly to `amount`; it is the
 * platform's because its fee must never fall below the advertised percentage (it pays the
 * payment provider's fees out of it), and a creator's balance may then only ever be credited
 * money that was actually received. The difference is under one minor unit per transaction.
 *
 * @example
 * splitRevenue(minorUnits(999), 'track_purchase'); // { platformFee: 300, creatorEarnings: 699 }
 */
export function splitRevenue(amount: MinorUnits, kind: RevenueKind): Split {
  assertAmount(amount, 'amount');
  const share = CREATOR_SHARE_BPS[kind];
  // amount = q·BPS + r, so floor(amount·share/BPS) = q·share + floor(r·share/BPS): every
  // product stays below 2^53 for any safe amount, which amount·share would not.
  const q = Math.floor(amount / BPS);
  const r = amount - q * BPS;
  const creator = q * share + Math.floor((r * share) / BPS);
  return { platformFee: minorUnits(amount - creator), creatorEarnings: minorUnits(creator) };
}

/**
 * Splits a virtual gift: premium streamers keep 75%, everyone else 70%.
 *
 * @example
 * splitGift(minorUnits(500), 'premium_streamer'); // { platformFee: 125, creatorEarnings: 375 }
 */
export function splitGift(amount: MinorUnits, streamerTier: SubscriptionTier): Split {
  return splitRevenue(amount, streamerTier === 'premium_streamer' ? 'gift_premium' : 'gift_free');
}

/**
 * The publishing fee for a release in USD cents: per track for singles, flat for an album.
 *
 * @example
 * publishingFee('album'); // 2999
 */
export function publishingFee(release: 'track' | 'album'): MinorUnits {
  return PUBLISHING_FEE_USD[release];
}

/**
 * Whether a balance (USD cents) may be paid out now.
 *
 * @example
 * canPayout(minorUnits(4_999)); // false
 */
export function canPayout(balance: MinorUnits): boolean {
  return balance >= MINIMUM_PAYOUT_USD;
}

/**
 * Distributes an integer `pool` over `weights` (stream counts) pro rata by the largest
 * remainder method: each gets the floor of its exact quota, then the units left over go one
 * each to the largest fractional remainders. The shares sum to `pool` exactly, and each is
 * within one unit of its exact quota. Ties go to the earlier index so a run is reproducible.
 * Arithmetic is in BigInt because pool × streams exceeds 2^53 for a platform-sized month.
 *
 * Throws if the pool is positive but nobody streamed: there is no one to pay, and silently
 * keeping the money would unbalance the ledger.
 *
 * @example
 * allocateProRata(minorUnits(100), [1, 1, 1]); // [34, 33, 33]
 */
export function allocateProRata(pool: MinorUnits, weights: readonly number[]): MinorUnits[] {
  assertAmount(pool, 'pool');
  weights.forEach((w, i) => assertAmount(w, `weights[${i}]`));
  const total = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (total === 0n) {
    if (pool === 0) return weights.map(() => minorUnits(0));
    throw new RangeError('cannot allocate a positive pool over zero streams');
  }
  const p = BigInt(pool);
  const floors = weights.map((w) => (p * BigInt(w)) / total);
  const remainders = weights.map((w) => (p * BigInt(w)) % total);
  let left = p - floors.reduce((a, b) => a + b, 0n);
  // left < weights.length because each floor loses less than one unit.
  const order = weights.map((_, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const i of order) {
    if (left === 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  return floors.map((f) => minorUnits(Number(f)));
}

/**
 * A month of streaming royalties: the platform keeps its 30% of the revenue, and the
 * artists' 70% is allocated pro rata over their stream counts.
 *
 * @example
 * distributeStreamingRoyalties(minorUnits(1_000), [3, 1]); // { platformFee: 300, shares: [525, 175] }
 */
export function distributeStreamingRoyalties(revenue: MinorUnits, streams: readonly number[]): { platformFee: MinorUnits; shares: MinorUnits[] } {
  const { platformFee, creatorEarnings } = splitRevenue(revenue, 'streaming');
  return { platformFee, shares: allocateProRata(creatorEarnings, streams) };
}
