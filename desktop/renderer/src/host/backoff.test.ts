import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const opts = (r: number) => ({ baseMs: 250, maxMs: 10_000, random: () => r });

  it('doubles the ceiling per attempt up to the maximum', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, opts(0.999999)))).toEqual([249, 499, 999, 1999, 9999]);
  });

  it('spreads delays over the whole interval (full jitter)', () => {
    expect(backoffDelay(3, opts(0))).toBe(0);
    expect(backoffDelay(3, opts(0.5))).toBe(1000);
  });
});
