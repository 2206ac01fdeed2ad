import { EncoreError } from '@encore/shared/errors';
import type { Services } from '../services';

/**
 * Per-account login lockout: `loginFailures.limit` failures within its window lock the
 * account for `lockoutMs`. Unknown logins are counted the same way under their name, so the
 * lockout reveals nothing about which accounts exist.
 */
export class LoginLockout {
  constructor(
    private readonly s: Services,
    private readonly accountKey: string,
  ) {}

  /** Throws ACCOUNT_LOCKED (423, retryAfter seconds) while the account is locked. */
  async assertOpen(): Promise<void> {
    const lock = await this.s.rateLimits.peek(`login:lock:${this.accountKey}`);
    if (lock) {
      throw new EncoreError('ACCOUNT_LOCKED', 'Too many failed sign-in attempts: the account is locked for a while', {
        retryAfter: Math.max(1, Math.ceil(lock.resetInMs / 1000)),
      });
    }
  }

  async recordFailure(): Promise<void> {
    const rule = this.s.config.rateLimits.loginFailures;
    const { count } = await this.s.rateLimits.hit(`login:fail:${this.accountKey}`, rule.windowMs);
    if (count >= rule.limit) {
      await this.s.rateLimits.hit(`login:lock:${this.accountKey}`, this.s.config.rateLimits.lockoutMs);
      await this.s.rateLimits.reset(`login:fail:${this.accountKey}`);
      this.s.log.warn({ account: this.accountKey }, 'login locked after repeated failures');
    }
  }

  /** A successful sign-in (or a password reset) forgives earlier failures. */
  async clear(): Promise<void> {
    await this.s.rateLimits.reset(`login:fail:${this.accountKey}`);
    await this.s.rateLimits.reset(`login:lock:${this.accountKey}`);
  }

  static forUser(s: Services, userId: string): LoginLockout {
    return new LoginLockout(s, `user:${userId}`);
  }

  static forUnknown(s: Services, login: string): LoginLockout {
    return new LoginLockout(s, `login:${login.trim().toLowerCase()}`);
  }
}
