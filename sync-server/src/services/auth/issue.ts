import type { AuthResponse } from '@encore/shared/api/auth';
import type { UserRow } from '../../db/schema/index';
import type { Services } from '../services';
import { toAccountUser } from '../users';

/** The body of every successful sign-in, refresh and registration. */
export async function authResponse(s: Services, user: UserRow, sessionId: string, refreshToken: string): Promise<AuthResponse> {
  const accessToken = await s.accessTokens.sign({ sub: user.id, role: user.role, sid: sessionId });
  return { accessToken, refreshToken, expiresIn: s.accessTokens.ttlSeconds, tokenType: 'Bearer', user: toAccountUser(user) };
}
