import { Hono } from 'hono';
import { z } from 'zod';
import { RegisterAccountRequest, type AcceptedResponse } from '@encore/shared/api/account';
import { EncoreError } from '@encore/shared/errors';
import { ChangePasswordRequest, ForgotPasswordRequest, LoginRequest, LogoutRequest, RefreshRequest, ResetPasswordRequest } from '@encore/shared/api/auth';
import { authenticate, requireAuth } from '../../middleware/auth';
import { clientIp } from '../../middleware/clientIp';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseOptionalJson, parseParams } from '../../middleware/parse';
import { resendVerification, verifyEmail } from '../../services/auth/emailVerification';
import { login } from '../../services/auth/login';
import { changePassword, forgotPassword, resetPassword } from '../../services/auth/passwords';
import { logout, refresh } from '../../services/auth/refresh';
import { register } from '../../services/auth/register';
import type { Services } from '../../services/services';
import { liveUser } from './me';

const accepted: AcceptedResponse = { accepted: true };
const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, 'not a token') });

/**
 * /api/auth: registration, sign-in, token refresh (rotating), logout, password change and
 * reset, email verification. Bodies are the contracts of @encore/shared/api/auth.
 *
 * @example
 * app.route('/api/auth', authRoutes(services));
 */
export function authRoutes(s: Services): Hono<AppEnv> {
  const auth = requireAuth(s);
  const ip = (c: Parameters<typeof clientIp>[0]) => clientIp(c, s.config.trustProxy);
  const noStore = { 'Cache-Control': 'no-store' };

  return new Hono<AppEnv>()
    .post('/register', async (c) => c.json(await register(s, await parseJson(c, RegisterAccountRequest), ip(c)), 201, noStore))
    .post('/login', async (c) => c.json(await login(s, await parseJson(c, LoginRequest), ip(c)), 200, noStore))
    .post('/refresh-token', async (c) => c.json(await refresh(s, (await parseJson(c, RefreshRequest)).refreshToken), 200, noStore))
    .post('/logout', async (c) => {
      // Either credential is enough: an expired access token must not keep a client from
      // ending its refresh family, and a refresh token alone proves the session is theirs.
      const body = await parseOptionalJson(c, LogoutRequest);
      const header = c.req.header('authorization');
      const who = header ? await authenticate(s, header).catch(() => undefined) : undefined;
      if (!who && !body.refreshToken) throw new EncoreError('UNAUTHENTICATED', 'Send an access token or the refresh token to end');
      await logout(s, who, body.refreshToken);
      return c.body(null, 204);
    })
    .get('/me', auth, async (c) => c.json({ user: await liveUser(s, c.get('auth').userId) }, 200, noStore))
    .post('/change-password', auth, async (c) => {
      const body = await parseJson(c, ChangePasswordRequest);
      await changePassword(s, c.get('auth'), body.currentPassword, body.newPassword);
      return c.body(null, 204);
    })
    .post('/forgot-password', async (c) => {
      const body = await parseJson(c, ForgotPasswordRequest);
      await forgotPassword(s, body.email, ip(c));
      return c.json(accepted, 202);
    })
    .post('/reset-password', async (c) => {
      const body = await parseJson(c, ResetPasswordRequest);
      await resetPassword(s, body.token, body.newPassword);
      return c.body(null, 204);
    })
    .get('/verify-email/:token', async (c) => {
      await verifyEmail(s, parseParams(c, TokenParam).token);
      return c.json({ verified: true as const }, 200, noStore);
    })
    .post('/resend-verification', auth, async (c) => {
      await resendVerification(s, c.get('auth').userId);
      return c.json(accepted, 202);
    });
}
