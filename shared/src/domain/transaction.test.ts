import { describe, expect, it } from 'vitest';
import { minorUnits } from '../units';
import { splitRevenue } from '../money';
import { Transaction } from './transaction';

const purchase = {
  id: 'tx1',
  userId: 'u1',
  type: 'track_purchase',
  amount: 999,
  currency: 'USD',
  status: 'completed',
  paymentMethod: 'card',
  metadata: { trackId: 't1' },
  ...splitRevenue(minorUnits(999), 'track_purchase'),
  createdAt: '2024-05-01T12:00:00Z',
  completedAt: '2024-05-01T12:00:02Z',
};

describe('Transaction', () => {
  it('parses a purchase whose split comes from money.ts', () => {
    const t = Transaction.parse(purchase);
    expect(t.platformFee + t.creatorEarnings).toBe(t.amount);
  });
  it('refuses a split that loses or invents money', () => {
    expect(Transaction.safeParse({ ...purchase, platformFee: 299 }).success).toBe(false);
    expect(Transaction.safeParse({ ...purchase, creatorEarnings: 700 }).success).toBe(false);
  });
  it('refuses fractional amounts and non-ISO currencies', () => {
    expect(Transaction.safeParse({ ...purchase, amount: 9.99 }).success).toBe(false);
    expect(Transaction.safeParse({ ...purchase, currency: 'dollars' }).success).toBe(false);
  });
  it('requires the metadata each type needs', () => {
    expect(Transaction.safeParse({ ...purchase, metadata: {} }).success).toBe(false);
    const gift = { ...purchase, type: 'gift', metadata: { streamId: 's1' } };
    expect(Transaction.safeParse(gift).success).toBe(false);
    expect(Transaction.safeParse({ ...gift, metadata: { streamId: 's1', giftType: 'rose' } }).success).toBe(true);
    expect(Transaction.safeParse({ ...purchase, type: 'reel_ads', metadata: { reelId: 'r1' } }).success).toBe(true);
  });
  it('has a completion time exactly when completed or refunded', () => {
    expect(Transaction.safeParse({ ...purchase, status: 'pending' }).success).toBe(false);
    expect(Transaction.safeParse({ ...purchase, status: 'pending', completedAt: null }).success).toBe(true);
    expect(Transaction.safeParse({ ...purchase, status: 'refunded' }).success).toBe(true);
    expect(Transaction.safeParse({ ...purchase, completedAt: null }).success).toBe(false);
  });
});
