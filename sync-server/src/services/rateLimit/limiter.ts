import { EncoreError } from '@encore/shared/errors';
import type { RateLimitRule } from '../../config';
import type { RateLimitStore } from './store';

/**
 * Counts one request against `rule` under `key`; throws RATE_LIMITED (429, with
 * retryAfter seconds) once the window's limit is exceeded.
 *
 * @example
 * await enforceRateLimit(store, `login:ip:${ip}`, config.rateLimits.loginPerIp);
 */
export async function enforceRateLimit(store: RateLimitStore, key: string, rule: RateLimitRule): Promise<void> {
  const { count, resetInMs } = await store.hit(key, rule.windowMs);
  if (count > rule.limit) {
    throw new EncoreError('RATE_LIMITED', 'Too many requests: try again later', { retryAfter: Math.max(1, Math.ceil(resetInMs / 1000)) });
  }
}
