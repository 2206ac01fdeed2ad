import { describe, expect, it } from 'vitest';
import { EncoreError } from '@encore/shared/errors';
import { formatRetry, friendlyMessage } from './errorMessages';

describe('friendly error messages', () => {
  it('speaks by code, never echoing the server text', () => {
    expect(friendlyMessage(new EncoreError('INVALID_CREDENTIALS', 'bcrypt mismatch'))).toMatch(/don’t match/);
    expect(friendlyMessage(new EncoreError('EMAIL_TAKEN', 'x'))).toMatch(/already exists/);
    expect(friendlyMessage(new EncoreError('OFFLINE', 'x'))).toMatch(/offline/i);
    expect(friendlyMessage(new Error('boom'))).toBe('Something went wrong. Try again.');
  });

  it('tells a locked or rate-limited user when to retry', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(friendlyMessage(new EncoreError('ACCOUNT_LOCKED', 'x', { retryAfter: 900 }), now)).toBe(
      'This account is locked after too many failed sign-ins. Try again in 15 minutes.',
    );
    expect(friendlyMessage(new EncoreError('ACCOUNT_LOCKED', 'x', { lockedUntil: '2026-01-01T14:00:00Z' }), now)).toMatch(/in 2 hours/);
    expect(friendlyMessage(new EncoreError('RATE_LIMITED', 'x', { retryAfter: 20 }), now)).toBe('Too many attempts. Try again in a minute.');
    expect(friendlyMessage(new EncoreError('ACCOUNT_LOCKED', 'x'), now)).toMatch(/Try again later/);
    expect(formatRetry({ retryAfter: 'soon' })).toBeNull();
  });
});
