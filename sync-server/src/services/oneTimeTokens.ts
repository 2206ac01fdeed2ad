import { and, eq, gt, isNull } from 'drizzle-orm';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../db/database';
import type { emailVerificationTokens } from '../db/schema/index';
import type { OneTimeTokenTable } from '../db/schema/oneTimeTokens';
import { hashToken, newOpaqueToken, sameHash } from './opaqueTokens';

// Both tables have the same columns; drizzle's builders only differ in the table name
// literal, so one typed view serves both.
type Table = typeof emailVerificationTokens;

/**
 * Issues a mailed single-use token (email verification, password reset); only its SHA-256
 * is stored. Earlier unused tokens of the user are retired so only the newest mail works.
 *
 * @example
 * const token = await issueOneTimeToken(db, passwordResetTokens, user.id, now, 60 * 60_000);
 */
export async function issueOneTimeToken(db: Database, table: OneTimeTokenTable, userId: string, now: Date, ttlMs: number): Promise<string> {
  const t = table as Table;
  const token = newOpaqueToken();
  await db.transaction(async (tx) => {
    await tx.update(t).set({ usedAt: now }).where(and(eq(t.userId, userId), isNull(t.usedAt)));
    await tx.insert(t).values({ userId, tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
  });
  return token;
}

/**
 * Uses a token once: returns its user, or throws TOKEN_EXPIRED / TOKEN_INVALID. The claim
 * is a conditional UPDATE, so a token cannot be used twice even by concurrent requests.
 */
export async function consumeOneTimeToken(db: Database, table: OneTimeTokenTable, presented: string, now: Date): Promise<string> {
  const t = table as Table;
  const hash = hashToken(presented);
  const [claimed] = await db
    .update(t)
    .set({ usedAt: now })
    .where(and(eq(t.tokenHash, hash), isNull(t.usedAt), gt(t.expiresAt, now)))
    .returning({ userId: t.userId, tokenHash: t.tokenHash });
  if (claimed && sameHash(claimed.tokenHash, hash)) return claimed.userId;
  const [row] = await db.select({ usedAt: t.usedAt, tokenHash: t.tokenHash }).from(t).where(eq(t.tokenHash, hash)).limit(1);
  if (row && sameHash(row.tokenHash, hash) && !row.usedAt) throw new EncoreError('TOKEN_EXPIRED', 'This link has expired: ask for a new one');
  throw new EncoreError('TOKEN_INVALID', 'This link is invalid or was already used');
}
