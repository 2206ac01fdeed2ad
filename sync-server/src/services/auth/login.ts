import { eq } from 'drizzle-orm';
import type { AuthResponse, LoginRequest } from '@encore/shared/api/auth';
import { EncoreError } from '@encore/shared/errors';
import { users } from '../../db/schema/index';
import { enforceRateLimit } from '../rateLimit/limiter';
import type { Services } from '../services';
import { createSession } from '../sessions';
import { findUserByLogin } from '../users';
import { authResponse } from './issue';
import { LoginLockout } from './lockout';

const INVALID = 'The login or password is incorrect';

/**
 * Signs in by email or username. Unknown account and wrong password get the same answer
 * after the same bcrypt work, so neither the message nor the timing tells them apart.
 */
export async function login(s: Services, req: LoginRequest, ip: string): Promise<AuthResponse> {
  await enforceRateLimit(s.rateLimits, `login:ip:${ip}`, s.config.rateLimits.loginPerIp);
  const user = await findUserByLogin(s.db, req.login);
  const lockout = user ? LoginLockout.forUser(s, user.id) : LoginLockout.forUnknown(s, req.login);
  await lockout.assertOpen();
  const ok = await s.passwords.verifyOrBurn(req.password, user?.passwordHash);
  if (!user || !ok) {
    await lockout.recordFailure();
    throw new EncoreError('INVALID_CREDENTIALS', INVALID);
  }
  if (!user.isActive) throw new EncoreError('FORBIDDEN', 'This account is disabled');
  await lockout.clear();
  const now = s.clock.now();
  const { updated, session } = await s.db.transaction(async (tx) => {
    const [updated] = await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).returning();
    const session = await createSession(tx, user.id, now, s.config.refreshTokenTtlMs);
    return { updated: updated ?? user, session };
  });
  return authResponse(s, updated, session.sessionId, session.refreshToken);
}
