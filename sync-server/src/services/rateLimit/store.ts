/** A counter in a fixed window: how many hits so far, and when the window ends. */
export interface WindowCount {
  count: number;
  /** Milliseconds until the window (and its count) expires. */
  resetInMs: number;
}

/**
 * Fixed-window counters shared by every rate limit and by the login lockout. Memory for a
 * single process; Redis when REDIS_URL is set so several instances share the counts.
 */
export interface RateLimitStore {
  /** Adds one hit; the first hit of a key starts its window of `windowMs`. Atomic. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The current count without adding a hit; null when the key has no live window. */
  peek(key: string): Promise<WindowCount | null>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}
