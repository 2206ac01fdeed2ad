import { eq } from 'drizzle-orm';
import { EncoreError } from '@encore/shared/errors';
import { emailVerificationTokens, users, type UserRow } from '../../db/schema/index';
import { consumeOneTimeToken, issueOneTimeToken } from '../oneTimeTokens';
import { enforceRateLimit } from '../rateLimit/limiter';
import type { Services } from '../services';
import { findUserById } from '../users';

/** Issues a verification token and mails its link (GET /api/auth/verify-email/:token). */
export async function sendVerificationMail(s: Services, user: Pick<UserRow, 'id' | 'email' | 'username'>): Promise<void> {
  const token = await issueOneTimeToken(s.db, emailVerificationTokens, user.id, s.clock.now(), s.config.emailVerificationTtlMs);
  const link = `${s.config.publicUrl}/api/auth/verify-email/${token}`;
  await s.mailer.send({
    to: user.email,
    subject: 'Confirm your Encore email address',
    text: `Hi ${user.username},\n\nConfirm your email address by opening this link within 24 hours:\n${link}\n\nIf you did not create an Encore account, ignore this mail.`,
  });
}

/** Marks the token's user verified; the token works once. */
export async function verifyEmail(s: Services, token: string): Promise<void> {
  const now = s.clock.now();
  await s.db.transaction(async (tx) => {
    const userId = await consumeOneTimeToken(tx, emailVerificationTokens, token, now);
    await tx.update(users).set({ isVerified: true, updatedAt: now }).where(eq(users.id, userId));
  });
}

/** Mails a fresh link to a signed-in, not yet verified user. */
export async function resendVerification(s: Services, userId: string): Promise<void> {
  await enforceRateLimit(s.rateLimits, `verify:user:${userId}`, s.config.rateLimits.resendVerificationPerUser);
  const user = await findUserById(s.db, userId);
  if (!user) throw new EncoreError('USER_NOT_FOUND', 'The account no longer exists');
  if (user.isVerified) throw new EncoreError('CONFLICT', 'This email address is already verified');
  await sendVerificationMail(s, user);
}
