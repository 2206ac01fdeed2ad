import type { Redis } from 'ioredis';
import type { RateLimitStore, WindowCount } from './store';

// INCR and PEXPIRE in one script: a crash between the two can never leave a key without
// expiry (which would lock a client out for good).
const HIT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}
`;

/**
 * Rate-limit counters in Redis, shared by every sync-server instance. Keys get `prefix` so
 * several deployments (or tests) can share one Redis.
 *
 * @example
 * const store = new RedisRateLimitStore(new Redis(config.redisUrl), 'encore:rl:');
 */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'encore:rl:',
  ) {}

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, String(Math.ceil(windowMs)))) as [number, number];
    return { count: Number(count), resetInMs: Number(ttl) };
  }

  async peek(key: string): Promise<WindowCount | null> {
    const res = await this.redis.multi().get(this.prefix + key).pttl(this.prefix + key).exec();
    const count = res?.[0]?.[1];
    const ttl = Number(res?.[1]?.[1] ?? -2);
    if (count === null || count === undefined || ttl <= 0) return null;
    return { count: Number(count), resetInMs: ttl };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
