import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minorUnits } from './units';
import {
  allocateProRata,
  canPayout,
  CREATOR_SHARE_BPS,
  distributeStreamingRoyalties,
  publishingFee,
  splitGift,
  splitRevenue,
  type RevenueKind,
} from './money';

const kinds = Object.keys(CREATOR_SHARE_BPS) as RevenueKind[];
const amount = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map(minorUnits);
const kind = fc.constantFrom(...kinds);
const weights = fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 50 }).filter((w) => w.some((x) => x > 0));
const pool = fc.integer({ min: 0, max: 1e13 }).map(minorUnits);

describe('splitRevenue', () => {
  it('follows the seed percentages', () => {
    const m = minorUnits(10_000);
    expect(splitRevenue(m, 'streaming')).toEqual({ platformFee: 3_000, creatorEarnings: 7_000 });
    expect(splitRevenue(m, 'track_purchase')).toEqual({ platformFee: 3_000, creatorEarnings: 7_000 });
    expect(splitRevenue(m, 'support')).toEqual({ platformFee: 1_500, creatorEarnings: 8_500 });
    expect(splitRevenue(m, 'gift_free')).toEqual({ platformFee: 3_000, creatorEarnings: 7_000 });
    expect(splitRevenue(m, 'gift_premium')).toEqual({ platformFee: 2_500, creatorEarnings: 7_500 });
    expect(splitRevenue(m, 'reel_ads')).toEqual({ platformFee: 4_500, creatorEarnings: 5_500 });
  });

  it('rounds the creator share down and gives the remainder to the platform', () => {
    // 999 × 0.7 = 699.3 → creator 699, platform 300
    expect(splitRevenue(minorUnits(999), 'track_purchase')).toEqual({ platformFee: 300, creatorEarnings: 699 });
    // 1 × 0.85 = 0.85 → creator 0, platform 1
    expect(splitRevenue(minorUnits(1), 'support')).toEqual({ platformFee: 1, creatorEarnings: 0 });
    expect(splitRevenue(minorUnits(0), 'reel_ads')).toEqual({ platformFee: 0, creatorEarnings: 0 });
  });

  it('is exact for the largest safe amount', () => {
    const max = minorUnits(Number.MAX_SAFE_INTEGER);
    const { platformFee, creatorEarnings } = splitRevenue(max, 'support');
    expect(BigInt(creatorEarnings)).toBe((BigInt(max) * 8_500n) / 10_000n);
    expect(platformFee + creatorEarnings).toBe(max);
  });

  it('refuses negative and fractional amounts', () => {
    expect(() => splitRevenue(-1 as never, 'streaming')).toThrow(RangeError);
    expect(() => splitRevenue(1.5 as never, 'streaming')).toThrow(RangeError);
  });

  it('preserves the sum, never goes negative, and is within one unit of the exact share', () => {
    fc.assert(
      fc.property(amount, kind, (a, k) => {
        const { platformFee, creatorEarnings } = splitRevenue(a, k);
        expect(platformFee + creatorEarnings).toBe(a);
        expect(platformFee).toBeGreaterThanOrEqual(0);
        expect(creatorEarnings).toBeGreaterThanOrEqual(0);
        const exact = (BigInt(a) * BigInt(CREATOR_SHARE_BPS[k])) / 10_000n;
        expect(BigInt(creatorEarnings)).toBe(exact);
      }),
    );
  });

  it('is monotonic: a larger amount never gives either side less', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e6 }), kind, (a, extra, k) => {
        const small = splitRevenue(minorUnits(a), k);
        const large = splitRevenue(minorUnits(a + extra), k);
        expect(large.creatorEarnings).toBeGreaterThanOrEqual(small.creatorEarnings);
        expect(large.platformFee).toBeGreaterThanOrEqual(small.platformFee);
      }),
    );
  });
});

describe('splitGift', () => {
  it('gives premium streamers 75% and everyone else 70%', () => {
    expect(splitGift(minorUnits(500), 'premium_streamer')).toEqual({ platformFee: 125, creatorEarnings: 375 });
    expect(splitGift(minorUnits(500), 'free')).toEqual({ platformFee: 150, creatorEarnings: 350 });
    expect(splitGift(minorUnits(500), 'premium')).toEqual({ platformFee: 150, creatorEarnings: 350 });
  });
});

describe('fees and payouts', () => {
  it('charges $9.99 per track and $29.99 per album', () => {
    expect(publishingFee('track')).toBe(999);
    expect(publishingFee('album')).toBe(2_999);
  });
  it('pays out from $50', () => {
    expect(canPayout(minorUnits(4_999))).toBe(false);
    expect(canPayout(minorUnits(5_000))).toBe(true);
  });
});

describe('allocateProRata', () => {
  it('gives leftover units to the largest remainders, ties to the earlier index', () => {
    expect(allocateProRata(minorUnits(100), [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProRata(minorUnits(10), [1, 2, 3])).toEqual([2, 3, 5]); // quotas 1.67, 3.33, 5
    expect(allocateProRata(minorUnits(7), [0, 5, 0])).toEqual([0, 7, 0]);
  });

  it('handles empty and zero inputs', () => {
    expect(allocateProRata(minorUnits(0), [])).toEqual([]);
    expect(allocateProRata(minorUnits(0), [0, 0])).toEqual([0, 0]);
    expect(() => allocateProRata(minorUnits(1), [0, 0])).toThrow(RangeError);
    expect(() => allocateProRata(minorUnits(1), [])).toThrow(RangeError);
    expect(() => allocateProRata(minorUnits(1), [-1, 2])).toThrow(RangeError);
  });

  it('is exact where pool × streams exceeds 2^53', () => {
    const pool = minorUnits(Number.MAX_SAFE_INTEGER);
    const shares = allocateProRata(pool, [Number.MAX_SAFE_INTEGER, 1, 1]);
    expect(shares.reduce((a, b) => a + BigInt(b), 0n)).toBe(BigInt(pool));
  });

  it('preserves the pool, never goes negative, and stays within one unit of each quota', () => {
    fc.assert(
      fc.property(pool, weights, (p, w) => {
        const shares = allocateProRata(p, w);
        expect(shares).toHaveLength(w.length);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(p);
        const total = w.reduce((a, b) => a + BigInt(b), 0n);
        shares.forEach((s, i) => {
          expect(s).toBeGreaterThanOrEqual(0);
          const floor = (BigInt(p) * BigInt(w[i]!)) / total;
          expect(BigInt(s) - floor).toBeGreaterThanOrEqual(0n);
          expect(BigInt(s) - floor).toBeLessThanOrEqual(1n);
        });
      }),
    );
  });

  it('is monotonic: more streams never earn less within one allocation', () => {
    fc.assert(
      fc.property(pool, weights, (p, w) => {
        const shares = allocateProRata(p, w);
        for (let i = 0; i < w.length; i++) {
          for (let j = 0; j < w.length; j++) {
            if (w[i]! > w[j]!) expect(shares[i]!).toBeGreaterThanOrEqual(shares[j]!);
          }
        }
      }),
    );
  });

  it('does not depend on the order of the inputs beyond tie-breaking', () => {
    fc.assert(
      fc.property(pool, weights, (p, w) => {
        const forward = allocateProRata(p, w);
        const backward = allocateProRata(p, [...w].reverse()).reverse();
        forward.forEach((s, i) => expect(Math.abs(s - backward[i]!)).toBeLessThanOrEqual(1));
      }),
    );
  });
});

describe('distributeStreamingRoyalties', () => {
  it('keeps 30% and allocates 70% by streams', () => {
    expect(distributeStreamingRoyalties(minorUnits(1_000), [3, 1])).toEqual({ platformFee: 300, shares: [525, 175] });
  });
  it('accounts for every unit of revenue', () => {
    fc.assert(
      fc.property(pool, weights, (revenue, w) => {
        const { platformFee, shares } = distributeStreamingRoyalties(revenue, w);
        expect(platformFee + shares.reduce((a, b) => a + b, 0)).toBe(revenue);
      }),
    );
  });
});
