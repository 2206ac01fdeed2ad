import type { AuthResponse } from '@encore/shared/api/auth';
import type { RegisterAccountRequest } from '@encore/shared/api/account';
import type { Role } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import { enforceRateLimit } from '../rateLimit/limiter';
import type { Services } from '../services';
import { createSession } from '../sessions';
import { insertUser } from '../users';
import { sendVerificationMail } from './emailVerification';
import { authResponse } from './issue';

/**
 * Creates an account, signs it in and mails the verification link. Role: the self-service
 * one asked for (listener by default), or admin for an email listed in ENCORE_ADMIN_EMAILS
 * (how the first admin of a fresh server comes to be).
 */
export async function register(s: Services, req: RegisterAccountRequest, ip: string): Promise<AuthResponse> {
  await enforceRateLimit(s.rateLimits, `register:ip:${ip}`, s.config.rateLimits.registerPerIp);
  const lowered = req.password.toLowerCase();
  if (lowered.includes(req.username.toLowerCase()) || lowered.includes(req.email)) {
    throw new EncoreError('WEAK_PASSWORD', 'The password must not contain your username or email address');
  }
  const role: Role = s.config.adminEmails.includes(req.email) ? 'admin' : (req.role ?? 'listener');
  const passwordHash = await s.passwords.hash(req.password);
  const now = s.clock.now();
  const { user, session } = await s.db.transaction(async (tx) => {
    const user = await insertUser(tx, { email: req.email, username: req.username, passwordHash, role, displayName: req.displayName ?? req.username, now });
    const session = await createSession(tx, user.id, now, s.config.refreshTokenTtlMs);
    return { user, session };
  });
  if (role === 'admin') s.log.warn({ userId: user.id }, 'account registered as admin through ENCORE_ADMIN_EMAILS');
  // The mail must not hold the registration hostage: failures are logged, the user can resend.
  s.tasks.run('verification-mail', () => sendVerificationMail(s, user));
  return authResponse(s, user, session.sessionId, session.refreshToken);
}
