import { randomBytes } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { API_KEYS_PER_USER, type ApiKeyInfo, type CreatedApiKey, type CreateApiKeyRequest } from '@encore/shared/api/apiKeys';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { apiKeys, type ApiKeyRow } from '../../db/schema/listener';
import { hashToken } from '../opaqueTokens';
import type { AppPasswordCipher } from './appPasswordCipher';

/** API keys carry a recognisable prefix so a leaked one is easy to spot in logs and scanners. */
const API_KEY_PREFIX = 'enc_';

export const toApiKeyInfo = (r: ApiKeyRow): ApiKeyInfo => ({ id: r.id, name: r.name, kind: r.kind, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null });

/**
 * Creates an API key (stored as SHA-256) or an app password (stored sealed); the secret is
 * returned here only.
 *
 * @example
 * const { secret } = await createApiKey(db, cipher, userId, { name: 'Symfonium', kind: 'app_password' }, now);
 */
export async function createApiKey(db: Database, cipher: AppPasswordCipher, userId: string, req: Required<CreateApiKeyRequest>, now: Date): Promise<CreatedApiKey> {
  return db.transaction(async (tx) => {
    const [held] = await tx.select({ n: count() }).from(apiKeys).where(eq(apiKeys.userId, userId));
    if ((held?.n ?? 0) >= API_KEYS_PER_USER) throw new EncoreError('CONFLICT', `An account holds at most ${API_KEYS_PER_USER} keys: revoke one first`, { limit: API_KEYS_PER_USER });
    const secret = req.kind === 'api_key' ? API_KEY_PREFIX + randomBytes(32).toString('base64url') : randomBytes(18).toString('base64url');
    const [row] = await tx
      .insert(apiKeys)
      .values({
        userId,
        kind: req.kind,
        name: req.name,
        keyHash: req.kind === 'api_key' ? hashToken(secret) : null,
        secretCiphertext: req.kind === 'app_password' ? cipher.seal(secret, userId) : null,
        createdAt: now,
      })
      .returning();
    return { key: toApiKeyInfo(row!), secret };
  });
}

export async function listApiKeys(db: Database, userId: string): Promise<ApiKeyInfo[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map(toApiKeyInfo);
}

/** Revokes one of the caller's keys; someone else's key is "not found". */
export async function revokeApiKey(db: Database, userId: string, id: string): Promise<void> {
  const gone = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .returning({ id: apiKeys.id });
  if (gone.length === 0) throw new EncoreError('NOT_FOUND', 'No such API key', { keyId: id });
}
