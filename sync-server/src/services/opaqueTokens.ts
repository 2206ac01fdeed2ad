import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token: 32 bytes, base64url (43 characters). Only its hash is ever stored. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex. A database leak then yields no usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Constant-time equality of two hex hashes. Rows are found by an index on the hash; this
 * re-check guards against anything (collation, a future lookup by prefix) returning a row
 * whose hash is not exactly the presented one, without a timing side channel.
 */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
