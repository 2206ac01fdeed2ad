import { describe, expect, it } from 'vitest';
import { CurrencyCode, IsoDateTime, isUnique, Money } from './primitives';

describe('primitives', () => {
  it('Money takes non-negative safe integers only', () => {
    expect(Money.parse(0)).toBe(0);
    expect(Money.safeParse(-1).success).toBe(false);
    expect(Money.safeParse(0.1).success).toBe(false);
    expect(Money.safeParse(2 ** 53).success).toBe(false);
  });
  it('IsoDateTime takes UTC and offset times, not bare dates', () => {
    expect(IsoDateTime.safeParse('2024-05-01T12:00:00Z').success).toBe(true);
    expect(IsoDateTime.safeParse('2024-05-01T12:00:00+02:00').success).toBe(true);
    expect(IsoDateTime.safeParse('2024-05-01').success).toBe(false);
  });
  it('CurrencyCode is three capitals', () => {
    expect(CurrencyCode.safeParse('EUR').success).toBe(true);
    expect(CurrencyCode.safeParse('EURO').success).toBe(false);
  });
  it('isUnique spots repeats', () => {
    expect(isUnique(['a', 'b'])).toBe(true);
    expect(isUnique(['a', 'a'])).toBe(false);
  });
});
