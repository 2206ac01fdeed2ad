import type { Services } from '../services';
import { SubsonicError } from './response';

/**
 * Failed Subsonic sign-ins are limited like web logins (same rules from the config), but on
 * counters of their own, and only failures count: players send credentials with every
 * request, so counting successes would throttle normal listening. Per address: too many
 * failures in the window refuse further attempts from it; per account name: too many lock
 * the name for `lockoutMs`.
 */
export class SubsonicAuthLimiter {
  constructor(private readonly s: Services) {}

  async assertOpen(ip: string, account: string | undefined): Promise<void> {
    const ipRule = this.s.config.rateLimits.loginPerIp;
    const byIp = await this.s.rateLimits.peek(`subsonic:ipfail:${ip}`);
    if (byIp && byIp.count >= ipRule.limit) throw locked(byIp.resetInMs);
    if (account) {
      const lock = await this.s.rateLimits.peek(`subsonic:lock:${account}`);
      if (lock) throw locked(lock.resetInMs);
    }
  }

  async recordFailure(ip: string, account: string | undefined): Promise<void> {
    await this.s.rateLimits.hit(`subsonic:ipfail:${ip}`, this.s.config.rateLimits.loginPerIp.windowMs);
    if (!account) return;
    const rule = this.s.config.rateLimits.loginFailures;
    const { count } = await this.s.rateLimits.hit(`subsonic:fail:${account}`, rule.windowMs);
    if (count >= rule.limit) {
      await this.s.rateLimits.hit(`subsonic:lock:${account}`, this.s.config.rateLimits.lockoutMs);
      await this.s.rateLimits.reset(`subsonic:fail:${account}`);
      this.s.log.warn({ account }, 'subsonic sign-in locked after repeated failures');
    }
  }

  async recordSuccess(account: string): Promise<void> {
    await this.s.rateLimits.reset(`subsonic:fail:${account}`);
  }
}

function locked(resetInMs: number): SubsonicError {
  return new SubsonicError(0, `Too many failed sign-in attempts: try again in ${Math.max(1, Math.ceil(resetInMs / 1000))} s`);
}
