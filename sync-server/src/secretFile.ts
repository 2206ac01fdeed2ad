import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Returns the secret kept in `file`, creating it (64 random bytes, base64url, mode 0600)
 * the first time. `wx` makes creation atomic: two processes starting together agree on
 * one secret instead of overwriting each other's.
 *
 * @example
 * const secret = loadOrCreateSecret(path.join(dataDir, 'server', 'jwt-secret'));
 */
export function loadOrCreateSecret(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, randomBytes(64).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`The secret in ${file} is shorter than 32 characters: delete the file to regenerate it`);
  return secret;
}
