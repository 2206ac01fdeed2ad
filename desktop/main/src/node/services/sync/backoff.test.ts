import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

describe('reconnectDelay', () => {
  it('doubles per attempt up to the cap, jittered to 50-100 %', () => {
    expect([0, 1, 2, 3].map((a) => reconnectDelay(a, 500, 30_000, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(reconnectDelay(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(reconnectDelay(3, 500, 30_000, () => 0)).toBe(2000);
    // Real randomness spreads clients over the window instead of one instant.
    const delays = Array.from({ length: 200 }, () => reconnectDelay(4, 500, 30_000));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(8000);
    expect(new Set(delays.map((d) => Math.round(d / 100))).size).toBeGreaterThan(10);
  });
});
