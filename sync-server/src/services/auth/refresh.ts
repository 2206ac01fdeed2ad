import type { AuthResponse } from '@encore/shared/api/auth';
import { EncoreError } from '@encore/shared/errors';
import type { Services } from '../services';
import { revokeSession, rotateRefreshToken, sessionOfRefreshToken } from '../sessions';
import { findUserById } from '../users';
import { authResponse } from './issue';

/** Rotates the refresh token: the answer carries a new pair; the old refresh token is spent. */
export async function refresh(s: Services, refreshToken: string): Promise<AuthResponse> {
  const now = s.clock.now();
  const next = await rotateRefreshToken(s.db, refreshToken, now, s.config.refreshTokenTtlMs);
  const user = await findUserById(s.db, next.userId);
  if (!user || !user.isActive) {
    await revokeSession(s.db, next.sessionId, 'admin', now);
    throw new EncoreError('TOKEN_INVALID', 'The refresh token is invalid');
  }
  return authResponse(s, user, next.sessionId, next.refreshToken);
}

/**
 * Ends the session of the access token and/or of the refresh token given. A refresh token
 * of someone else's session is ignored rather than reported, so logout cannot probe tokens.
 */
export async function logout(s: Services, who: { userId: string; sessionId: string } | undefined, refreshToken: string | undefined): Promise<void> {
  const now = s.clock.now();
  if (who) await revokeSession(s.db, who.sessionId, 'logout', now);
  if (refreshToken) {
    const owner = await sessionOfRefreshToken(s.db, refreshToken);
    if (owner && (!who || owner.userId === who.userId)) await revokeSession(s.db, owner.sessionId, 'logout', now);
  }
}
