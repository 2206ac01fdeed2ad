import { z } from 'zod';
import { CurrencyCode, Id, IsoDateTime, Money } from './primitives';

export const TransactionType = z.enum(['subscription', 'track_purchase', 'support', 'gift', 'payout', 'reel_ads']);
export type TransactionType = z.infer<typeof TransactionType>;

export const TransactionStatus = z.enum(['pending', 'completed', 'failed', 'refunded']);
export type TransactionStatus = z.infer<typeof TransactionStatus>;

export const TransactionMetadata = z.object({
  trackId: Id.optional(),
  artistId: Id.optional(),
  streamId: Id.optional(),
  reelId: Id.optional(),
  giftType: z.string().min(1).max(64).optional(),
});
export type TransactionMetadata = z.infer<typeof TransactionMetadata>;

/** What each type must say it was for, so the ledger can credit the right creator. */
const REQUIRED_METADATA: Record<TransactionType, readonly (keyof TransactionMetadata)[]> = {
  subscription: [],
  track_purchase: ['trackId'],
  support: ['artistId'],
  gift: ['streamId', 'giftType'],
  payout: [],
  reel_ads: ['reelId'],
};

/**
 * A money movement as users see it in their history. Every amount is in integer minor units
 * of `currency`, and `platformFee + creatorEarnings === amount` always: each minor unit is
 * attributed to exactly one side (see money.ts for how a split is rounded).
 */
export const Transaction = z
  .object({
    id: Id,
    userId: Id,
    type: TransactionType,
    amount: Money,
    currency: CurrencyCode,
    status: TransactionStatus,
    /** The provider's method label ("card", "paypal"), never card data. */
    paymentMethod: z.string().min(1).max(64),
    metadata: TransactionMetadata,
    platformFee: Money,
    creatorEarnings: Money,
    createdAt: IsoDateTime,
    /** Set when the provider confirms; null while pending and for failures. */
    completedAt: IsoDateTime.nullable(),
  })
  .superRefine((t, ctx) => {
    if (t.platformFee + t.creatorEarnings !== t.amount) {
      ctx.addIssue({ code: 'custom', path: ['creatorEarnings'], message: 'platformFee + creatorEarnings must equal amount' });
    }
    for (const key of REQUIRED_METADATA[t.type]) {
      if (t.metadata[key] === undefined) ctx.addIssue({ code: 'custom', path: ['metadata', key], message: `a ${t.type} names its ${key}` });
    }
    // A refund reverses a completed transaction, so it too has a completion time.
    const settled = t.status === 'completed' || t.status === 'refunded';
    if (settled !== (t.completedAt !== null)) {
      ctx.addIssue({ code: 'custom', path: ['completedAt'], message: 'completedAt is set exactly when completed or refunded' });
    }
  });
export type Transaction = z.infer<typeof Transaction>;
