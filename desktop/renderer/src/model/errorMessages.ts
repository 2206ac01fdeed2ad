import { EncoreError, type ErrorCode } from '@encore/shared/errors';

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  INVALID_CREDENTIALS: 'That login and password don’t match. Check them and try again.',
  RATE_LIMITED: 'Too many attempts. Wait a moment, then try again.',
  EMAIL_TAKEN: 'An account with this email already exists. Sign in instead?',
  USERNAME_TAKEN: 'That username is taken. Try another one.',
  WEAK_PASSWORD: 'Choose a longer password: at least 10 characters.',
  OFFLINE: 'You’re offline. Signing in needs the sync server — your library and projects keep working meanwhile.',
  HOST_UNAVAILABLE: 'Encore’s background service isn’t answering. It reconnects by itself; try again in a moment.',
  EMAIL_NOT_VERIFIED: 'Verify your email address first: look for the message we sent you.',
  VALIDATION_FAILED: 'Some fields need another look.',
  FORBIDDEN: 'This account can’t do that.',
  UNAUTHENTICATED: 'Your session ended. Sign in again.',
  TOKEN_EXPIRED: 'Your session ended. Sign in again.',
};

/** Turns a retry hint (seconds, or an ISO time) into "in 5 minutes" style text. */
export function formatRetry(details: Record<string, unknown> | undefined, now: number = Date.now()): string | null {
  if (!details) return null;
  let seconds: number | null = null;
  const after = details.retryAfter ?? details.retryAfterSeconds;
  if (typeof after === 'number' && Number.isFinite(after)) seconds = after;
  const until = details.lockedUntil ?? details.retryAt ?? details.until;
  if (seconds === null && typeof until === 'string' && !Number.isNaN(Date.parse(until))) seconds = (Date.parse(until) - now) / 1000;
  if (seconds === null) return null;
  if (seconds <= 60) return 'in a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in ${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return `in ${hours} hour${hours === 1 ? '' : 's'}`;
}

/**
 * What to tell the user about a failed account call, by error code (never by the
 * server's message text, which is not written for end users).
 */
export function friendlyMessage(error: unknown, now: number = Date.now()): string {
  if (!(error instanceof EncoreError)) return 'Something went wrong. Try again.';
  if (error.code === 'ACCOUNT_LOCKED' || error.code === 'RATE_LIMITED') {
    const retry = formatRetry(error.details, now);
    const base = error.code === 'ACCOUNT_LOCKED' ? 'This account is locked after too many failed sign-ins.' : 'Too many attempts.';
    return retry ? `${base} Try again ${retry}.` : `${base} Try again later.`;
  }
  return MESSAGES[error.code] ?? 'Something went wrong on our side. Try again.';
}
