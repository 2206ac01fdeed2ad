import type { MiddlewareHandler } from 'hono';
import type { Role } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { Services } from '../services/services';
import { liveSession } from '../services/sessions';
import type { AppEnv, AuthInfo } from './env';

type AuthServices = Pick<Services, 'db' | 'clock' | 'accessTokens'>;

/** Resolves an Authorization header to a live session, or throws a 401 code. */
export async function authenticate(s: AuthServices, header: string | undefined): Promise<AuthInfo> {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header ?? '');
  if (!match?.[1]) throw new EncoreError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <access token>');
  const claims = await s.accessTokens.verify(match[1]);
  const session = await liveSession(s.db, claims.sid, claims.sub, s.clock.now());
  if (!session) throw new EncoreError('TOKEN_INVALID', 'The session has ended: sign in again');
  return session;
}

/**
 * Requires `Authorization: Bearer <access token>`: a valid HS256 signature, not expired,
 * and a session (refresh family) that is still live, so logout, reuse detection and
 * password changes end access tokens at once rather than when they expire.
 *
 * @example
 * app.get('/api/auth/me', requireAuth(services), (c) => c.json({ userId: c.get('auth').userId }));
 */
export function requireAuth(s: AuthServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('auth', await authenticate(s, c.req.header('authorization')));
    await next();
  };
}

/**
 * Lets the request through only for the given roles (as the database holds them now).
 * Use after {@link requireAuth}.
 *
 * @example
 * admin.get('/users', requireAuth(s), requireRole('admin', 'moderator'), listUsers);
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.get('auth');
    if (!auth) throw new EncoreError('UNAUTHENTICATED', 'Sign in first');
    if (!roles.includes(auth.role)) throw new EncoreError('FORBIDDEN', 'Your role does not allow this', { requiredRoles: roles });
    await next();
  };
}
