import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { apiKeys } from '../../db/schema/listener';
import { users, type UserRow } from '../../db/schema/users';
import type { AppPasswordCipher } from '../auth/appPasswordCipher';
import { hashToken } from '../opaqueTokens';
import type { SubsonicAuthLimiter } from './authLimiter';
import type { SubsonicParams } from './params';
import { missing, SubsonicError } from './response';

/** `last_used_at` is written at most this often per key: players call on every track. */
const LAST_USED_GRANULARITY_MS = 60_000;

export interface SubsonicAuthDeps {
  db: Database;
  cipher: AppPasswordCipher;
  limiter: SubsonicAuthLimiter;
  now: () => Date;
}

const equalText = (a: string, b: string) => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

/** `p` may be plain or `enc:<hex of the UTF-8 bytes>`. */
function decodePassword(p: string): string {
  if (!p.startsWith('enc:')) return p;
  const hex = p.slice(4);
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new SubsonicError(40, 'Wrong username or password');
  return Buffer.from(hex, 'hex').toString('utf8');
}

async function touch(db: Database, keyId: string, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
}

/**
 * Who is calling: `apiKey` (OpenSubsonic API key), or `u` with `p` (plain or `enc:` hex) or
 * `t` + `s` (t = md5(app password + salt)). Only API keys and app passwords are accepted,
 * never the account password. Mixing mechanisms is error 43; failures count toward the
 * sign-in limits (see SubsonicAuthLimiter).
 *
 * @example
 * const user = await authenticateSubsonic(deps, params, ip);
 */
export async function authenticateSubsonic(d: SubsonicAuthDeps, p: SubsonicParams, ip: string): Promise<UserRow> {
  const apiKey = p.get('apiKey');
  const u = p.get('u');
  const password = p.get('p');
  const token = p.get('t');
  if (apiKey !== undefined && (u !== undefined || password !== undefined || token !== undefined)) {
    throw new SubsonicError(43, 'Multiple conflicting authentication mechanisms provided');
  }
  if (password !== undefined && token !== undefined) throw new SubsonicError(43, 'Multiple conflicting authentication mechanisms provided');
  if (apiKey !== undefined) return byApiKey(d, apiKey, ip);
  if (!u) throw missing('u');
  if (password === undefined && token === undefined) throw missing('p or t');
  const salt = token !== undefined ? p.get('s') : undefined;
  if (token !== undefined && !salt) throw missing('s');
  const account = u.toLowerCase();
  await d.limiter.assertOpen(ip, account);
  const user = (await d.db.select().from(users).where(eq(sql`lower(${users.username})`, account)).limit(1))[0];
  const keys = user ? await d.db.select().from(apiKeys).where(and(eq(apiKeys.userId, user.id), eq(apiKeys.kind, 'app_password'))) : [];
  const wantedToken = token?.toLowerCase();
  const plain = password !== undefined ? decodePassword(password) : undefined;
  let matched: string | undefined;
  for (const k of keys) {
    const secret = k.secretCiphertext ? d.cipher.open(k.secretCiphertext, user!.id) : undefined;
    if (secret === undefined) continue;
    const ok = plain !== undefined ? equalText(plain, secret) : equalText(createHash('md5').update(secret + salt, 'utf8').digest('hex'), wantedToken ?? '');
    if (ok) matched = k.id;
  }
  if (!user || !matched || !user.isActive) {
    await d.limiter.recordFailure(ip, account);
    throw new SubsonicError(40, 'Wrong username or password');
  }
  await d.limiter.recordSuccess(account);
  await touch(d.db, matched, d.now());
  return user;
}

async function byApiKey(d: SubsonicAuthDeps, key: string, ip: string): Promise<UserRow> {
  await d.limiter.assertOpen(ip, undefined);
  const [row] = key
    ? await d.db
        .select({ user: users, keyId: apiKeys.id })
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.userId))
        .where(and(eq(apiKeys.keyHash, hashToken(key)), eq(apiKeys.kind, 'api_key')))
        .limit(1)
    : [];
  if (!row || !row.user.isActive) {
    await d.limiter.recordFailure(ip, undefined);
    throw new SubsonicError(44, 'Invalid API key');
  }
  await touch(d.db, row.keyId, d.now());
  return row.user;
}
