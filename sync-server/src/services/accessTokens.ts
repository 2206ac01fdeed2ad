import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { Role } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { Clock } from '../clock';

const ISSUER = 'encore-sync-server';
const AUDIENCE = 'encore';

/** The claims Encore puts in an access token. `sid` is the session (refresh family). */
export const AccessClaims = z.object({
  sub: z.uuid(),
  role: Role,
  sid: z.uuid(),
  jti: z.string().min(1),
});
export type AccessClaims = z.infer<typeof AccessClaims>;

export interface AccessTokenOptions {
  secret: Uint8Array;
  ttlMs: number;
  clock: Clock;
}

/**
 * Signs and verifies HS256 access tokens with jose. Verification pins the algorithm, issuer
 * and audience, so `alg: none`, other algorithms and tokens of other services are refused.
 *
 * @example
 * const tokens = new AccessTokens({ secret, ttlMs: 15 * 60_000, clock: systemClock });
 * const jwt = await tokens.sign({ sub: user.id, role: 'listener', sid: session.id });
 * const claims = await tokens.verify(jwt);
 */
export class AccessTokens {
  constructor(private readonly o: AccessTokenOptions) {}

  get ttlSeconds(): number {
    return Math.floor(this.o.ttlMs / 1000);
  }

  async sign(claims: Omit<AccessClaims, 'jti'>): Promise<string> {
    const now = Math.floor(this.o.clock.now().getTime() / 1000);
    return new SignJWT({ role: claims.role, sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.o.secret);
  }

  /** Throws TOKEN_EXPIRED or TOKEN_INVALID; never says more about why. */
  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.o.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.o.clock.now(),
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      });
      const claims = AccessClaims.safeParse(payload);
      if (!claims.success) throw new EncoreError('TOKEN_INVALID', 'The access token is invalid');
      return claims.data;
    } catch (e) {
      if (e instanceof EncoreError) throw e;
      if (e instanceof errors.JWTExpired) throw new EncoreError('TOKEN_EXPIRED', 'The access token has expired');
      throw new EncoreError('TOKEN_INVALID', 'The access token is invalid');
    }
  }
}
