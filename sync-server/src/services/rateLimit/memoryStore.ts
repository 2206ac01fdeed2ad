import type { Clock } from '../../clock';
import type { RateLimitStore, WindowCount } from './store';

/**
 * Rate-limit counters in this process's memory, timed by the injected clock.
 *
 * @example
 * const store = new MemoryRateLimitStore(systemClock);
 * const { count } = await store.hit('login:ip:127.0.0.1', 60_000);
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly clock: Clock) {}

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.clock.now().getTime();
    this.sweep(now);
    const w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      this.windows.set(key, { count: 1, endsAt: now + windowMs });
      return { count: 1, resetInMs: windowMs };
    }
    w.count += 1;
    return { count: w.count, resetInMs: w.endsAt - now };
  }

  async peek(key: string): Promise<WindowCount | null> {
    const now = this.clock.now().getTime();
    const w = this.windows.get(key);
    if (!w || w.endsAt <= now) return null;
    return { count: w.count, resetInMs: w.endsAt - now };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  // Expired windows are dropped lazily so memory stays bounded by the live keys.
  private sweep(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
  }
}
