import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts the master key itself with an OS facility (Electron's `safeStorage`: the login
 * keychain, DPAPI or libsecret). Absent in browser mode, where the key file's permissions are
 * the only protection.
 */
export interface KeyProtector {
  readonly name: string;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

/** Wraps file keys so the database never holds one in clear. */
export interface MasterKey {
  /** AES-256-GCM with `aad` bound in (the download id): a wrapped key cannot be moved to another row. */
  wrap(key: Buffer, aad: string): Buffer;
  /** Throws when the blob was altered, belongs to another row or to another master key. */
  unwrap(blob: Buffer, aad: string): Buffer;
  /** How the master key is kept: 'file' or the protector's name. */
  readonly protection: string;
}

const NONCE = 12;
const TAG = 16;

/**
 * The host master key: 32 random bytes in `<dir>/downloads.key` (mode 0600, folder 0700),
 * outside the SQLite database so a copied database alone opens nothing. With a
 * {@link KeyProtector} the file holds the key sealed by the OS instead.
 *
 * @example
 * const master = openMasterKey(path.join(desktopDir, 'keys'));
 * const wrapped = master.wrap(fileKey, downloadId);
 */
export function openMasterKey(dir: string, protector?: KeyProtector): MasterKey {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, protector ? `downloads.${protector.name}.key` : 'downloads.key');
  let key: Buffer;
  try {
    const stored = fs.readFileSync(file);
    key = protector ? protector.decrypt(stored) : stored;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    key = randomBytes(32);
    const tmp = `${file}.${process.pid}.tmp`;
    // 'wx' + 0600: never follow a planted file, never readable by others, then an atomic rename.
    fs.writeFileSync(tmp, protector ? protector.encrypt(key) : key, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  }
  if (key.byteLength !== 32) throw new Error(`The download master key in ${file} is damaged`);
  return {
    protection: protector?.name ?? 'file',
    wrap(plain, aad) {
      const nonce = randomBytes(NONCE);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      c.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([nonce, body, c.getAuthTag()]);
    },
    unwrap(blob, aad) {
      if (blob.byteLength < NONCE + TAG) throw new Error('A wrapped key is too short');
      const d = createDecipheriv('aes-256-gcm', key, blob.subarray(0, NONCE));
      d.setAAD(Buffer.from(aad, 'utf8'));
      d.setAuthTag(blob.subarray(blob.byteLength - TAG));
      return Buffer.concat([d.update(blob.subarray(NONCE, blob.byteLength - TAG)), d.final()]);
    },
  };
}

/**
 * Opens the master key on first use, so a damaged or unreadable key file fails the download
 * operations that need it (with the reason logged) instead of stopping the whole host at start.
 */
export function lazyMasterKey(open: () => MasterKey): MasterKey {
  let key: MasterKey | null = null;
  const get = () => (key ??= open());
  return {
    wrap: (plain, aad) => get().wrap(plain, aad),
    unwrap: (blob, aad) => get().unwrap(blob, aad),
    get protection() {
      return get().protection;
    },
  };
}
