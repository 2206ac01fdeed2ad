/** Reconnect delays for the host link: exponential growth, capped, with full jitter. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in milliseconds. */
  baseMs: number;
  /** No retry waits longer than this, in milliseconds. */
  maxMs: number;
  /** A source of numbers in [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000, random: Math.random };

/**
 * The wait before reconnect attempt `attempt` (0-based). Full jitter spreads many windows
 * reconnecting to one restarted host over the whole interval instead of a thundering herd.
 *
 * @example
 * backoffDelay(3, { baseMs: 250, maxMs: 10_000, random: () => 0.5 }); // 1000
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(options.random() * ceiling);
}
