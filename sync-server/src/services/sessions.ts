import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Role } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../db/database';
import { authSessions, refreshTokens, users } from '../db/schema/index';
import { hashToken, newOpaqueToken, sameHash } from './opaqueTokens';

export type RevokeReason = 'logout' | 'reuse' | 'password-change' | 'password-reset' | 'admin';

export interface IssuedSession {
  sessionId: string;
  userId: string;
  refreshToken: string;
}

/** Starts a session (a new refresh-token family) and issues its first refresh token. */
export async function createSession(db: Database, userId: string, now: Date, ttlMs: number): Promise<IssuedSession> {
  const refreshToken = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  return db.transaction(async (tx) => {
    const [session] = await tx.insert(authSessions).values({ userId, createdAt: now, expiresAt }).returning({ id: authSessions.id });
    if (!session) throw new Error('session insert returned no row');
    await tx.insert(refreshTokens).values({ familyId: session.id, userId, tokenHash: hashToken(refreshToken), createdAt: now, expiresAt });
    return { sessionId: session.id, userId, refreshToken };
  });
}

/**
 * Exchanges a refresh token for the next one of its family. The old token is claimed with
 * one conditional UPDATE, so two concurrent refreshes cannot both win. Presenting a token
 * already used means it was copied: the whole family is revoked (TOKEN_REUSED), which also
 * ends the access tokens carrying its `sid`.
 */
export async function rotateRefreshToken(db: Database, presented: string, now: Date, ttlMs: number): Promise<IssuedSession> {
  const hash = hashToken(presented);
  const next = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const rotated = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.tokenHash, hash), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, now)))
      .returning();
    if (!claimed || !sameHash(claimed.tokenHash, hash)) return undefined;
    const [session] = await tx
      .update(authSessions)
      .set({ expiresAt })
      .where(and(eq(authSessions.id, claimed.familyId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)))
      .returning({ id: authSessions.id });
    if (!session) return 'revoked' as const;
    await tx.insert(refreshTokens).values({ familyId: claimed.familyId, userId: claimed.userId, tokenHash: hashToken(next), createdAt: now, expiresAt });
    return { sessionId: claimed.familyId, userId: claimed.userId, refreshToken: next };
  });
  if (rotated === 'revoked') throw new EncoreError('TOKEN_INVALID', 'The refresh token is invalid');
  if (rotated) return rotated;

  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).limit(1);
  if (!row || !sameHash(row.tokenHash, hash)) throw new EncoreError('TOKEN_INVALID', 'The refresh token is invalid');
  if (row.usedAt) {
    await revokeSession(db, row.familyId, 'reuse', now);
    throw new EncoreError('TOKEN_REUSED', 'This refresh token was already used: the session has been ended for safety');
  }
  if (row.revokedAt) throw new EncoreError('TOKEN_INVALID', 'The refresh token is invalid');
  throw new EncoreError('TOKEN_EXPIRED', 'The refresh token has expired');
}

/** Ends one session and every refresh token of its family. */
export async function revokeSession(db: Database, sessionId: string, reason: RevokeReason, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(authSessions).set({ revokedAt: now, revokedReason: reason }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
    await tx.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.familyId, sessionId), isNull(refreshTokens.revokedAt)));
  });
}

/** Ends every session of a user, but `keep` (the caller's own, on password change). */
export async function revokeUserSessions(db: Database, userId: string, reason: RevokeReason, now: Date, keep?: string): Promise<void> {
  await db.transaction(async (tx) => {
    const sessionWhere = and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), keep ? ne(authSessions.id, keep) : undefined);
    await tx.update(authSessions).set({ revokedAt: now, revokedReason: reason }).where(sessionWhere);
    const tokenWhere = and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt), keep ? ne(refreshTokens.familyId, keep) : undefined);
    await tx.update(refreshTokens).set({ revokedAt: now }).where(tokenWhere);
  });
}

/** Finds the session a refresh token belongs to (for logout), whatever its state. */
export async function sessionOfRefreshToken(db: Database, presented: string): Promise<{ sessionId: string; userId: string } | undefined> {
  const hash = hashToken(presented);
  const [row] = await db.select({ familyId: refreshTokens.familyId, userId: refreshTokens.userId, tokenHash: refreshTokens.tokenHash }).from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).limit(1);
  if (!row || !sameHash(row.tokenHash, hash)) return undefined;
  return { sessionId: row.familyId, userId: row.userId };
}

export interface LiveSession {
  userId: string;
  sessionId: string;
  /** The role now in the database: a demoted user loses rights at once, not in 15 min. */
  role: Role;
  isVerified: boolean;
}

/** The session behind an access token if it is still live and its user still active. */
export async function liveSession(db: Database, sessionId: string, userId: string, now: Date): Promise<LiveSession | undefined> {
  const [row] = await db
    .select({ role: users.role, isVerified: users.isVerified })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now), eq(users.isActive, true)))
    .limit(1);
  return row ? { userId, sessionId, role: row.role, isVerified: row.isVerified } : undefined;
}
