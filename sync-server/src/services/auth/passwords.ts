import { eq, sql } from 'drizzle-orm';
import { EncoreError } from '@encore/shared/errors';
import { passwordResetTokens, users } from '../../db/schema/index';
import { consumeOneTimeToken, issueOneTimeToken } from '../oneTimeTokens';
import { enforceRateLimit } from '../rateLimit/limiter';
import type { Services } from '../services';
import { revokeUserSessions } from '../sessions';
import { findUserByEmail, findUserById } from '../users';
import { LoginLockout } from './lockout';

/** Changes the password after checking the current one; every other session is ended. */
export async function changePassword(s: Services, who: { userId: string; sessionId: string }, currentPassword: string, newPassword: string): Promise<void> {
  const user = await findUserById(s.db, who.userId);
  if (!user) throw new EncoreError('USER_NOT_FOUND', 'The account no longer exists');
  const lockout = LoginLockout.forUser(s, user.id);
  await lockout.assertOpen();
  if (!(await s.passwords.verifyOrBurn(currentPassword, user.passwordHash))) {
    await lockout.recordFailure();
    throw new EncoreError('INVALID_CREDENTIALS', 'The current password is incorrect');
  }
  const hash = await s.passwords.hash(newPassword);
  const now = s.clock.now();
  await s.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash, passwordVersion: sql`${users.passwordVersion} + 1`, updatedAt: now }).where(eq(users.id, user.id));
    await revokeUserSessions(tx, user.id, 'password-change', now, who.sessionId);
  });
}

/**
 * Starts a password reset. The answer (202) is the same whether or not the address has an
 * account, and the lookup and mail run after the response, so its timing tells nothing.
 */
export async function forgotPassword(s: Services, email: string, ip: string): Promise<void> {
  await enforceRateLimit(s.rateLimits, `forgot:ip:${ip}`, s.config.rateLimits.forgotPasswordPerIp);
  s.tasks.run('password-reset-mail', async () => {
    // Per-address cap, applied silently: stops mail-bombing one inbox without telling anyone.
    const rule = s.config.rateLimits.forgotPasswordPerIp;
    if ((await s.rateLimits.hit(`forgot:email:${email}`, rule.windowMs)).count > rule.limit) return;
    const user = await findUserByEmail(s.db, email);
    if (!user || !user.isActive) return;
    const token = await issueOneTimeToken(s.db, passwordResetTokens, user.id, s.clock.now(), s.config.passwordResetTtlMs);
    const link = `${s.config.appUrl}/#/reset-password?token=${token}`;
    await s.mailer.send({
      to: user.email,
      subject: 'Reset your Encore password',
      text: `Hi ${user.username},\n\nSet a new password by opening this link within 1 hour:\n${link}\n\nIf you did not ask for this, ignore this mail: your password stays as it is.`,
    });
  });
}

/** Sets a new password with a mailed token (single use, 1 h); every session is ended. */
export async function resetPassword(s: Services, token: string, newPassword: string): Promise<void> {
  const hash = await s.passwords.hash(newPassword);
  const now = s.clock.now();
  const userId = await s.db.transaction(async (tx) => {
    const userId = await consumeOneTimeToken(tx, passwordResetTokens, token, now);
    await tx.update(users).set({ passwordHash: hash, passwordVersion: sql`${users.passwordVersion} + 1`, updatedAt: now }).where(eq(users.id, userId));
    await revokeUserSessions(tx, userId, 'password-reset', now);
    return userId;
  });
  // Whoever holds the mailbox may sign in again at once, even if an attacker caused a lock.
  await LoginLockout.forUser(s, userId).clear();
}
