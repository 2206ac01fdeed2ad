/** Retry delays: exponential from `baseMs`, capped at `maxMs`, with ±20 % jitter so many failed items do not retry in step. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
  /** Attempts before an item is left failed for the user to retry. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 5 * 60_000, maxAttempts: 6 };

/**
 * @example
 * retryDelay(DEFAULT_BACKOFF, 3, () => 0.5) // 8000 (2 s, 4 s, 8 s, ...)
 */
export function retryDelay(b: Backoff, attempt: number, random: () => number = Math.random): number {
  const raw = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}
