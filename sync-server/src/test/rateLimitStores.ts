import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testServices } from '../../../scripts/test-env';
import type { Clock } from '../clock';
import { MemoryRateLimitStore } from '../services/rateLimit/memoryStore';
import { RedisRateLimitStore } from '../services/rateLimit/redisStore';
import type { RateLimitStore } from '../services/rateLimit/store';

export type StoreKind = 'memory' | 'redis';

/** Memory always; real Redis when REDIS_URL is set (required in CI). */
export function storeKinds(): StoreKind[] {
  return testServices().redisUrl ? ['memory', 'redis'] : ['memory'];
}

/**
 * A rate-limit store for one test. Redis keys get a unique prefix so parallel test files
 * (and reruns) never see each other's counters; `close` deletes them.
 */
export async function testStore(kind: StoreKind, clock: Clock): Promise<RateLimitStore> {
  if (kind === 'memory') return new MemoryRateLimitStore(clock);
  const url = testServices().redisUrl;
  if (!url) throw new Error('REDIS_URL is not set');
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  const prefix = `encore:test:${randomBytes(6).toString('hex')}:`;
  const store = new RedisRateLimitStore(redis, prefix);
  const close = store.close.bind(store);
  store.close = async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await close();
  };
  return store;
}
