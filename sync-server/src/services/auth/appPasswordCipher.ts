import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'encore/subsonic-app-password/v1';

/**
 * AES-256-GCM for Subsonic app passwords at rest. Token auth (`t = md5(password + salt)`)
 * needs the plain password on the server, so it cannot be hashed like other secrets; it is
 * encrypted with a key derived (HKDF-SHA256) from the server secret, and bound to its
 * owner (the user id is the associated data), so a row copied onto another account does
 * not decrypt. A database leak alone yields no password.
 *
 * @example
 * const c = new AppPasswordCipher(config.jwtSecret);
 * const sealed = c.seal('pw', userId);
 * c.open(sealed, userId); // 'pw'
 */
export class AppPasswordCipher {
  private readonly key: Buffer;

  constructor(serverSecret: Uint8Array) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, Buffer.from('encore'), Buffer.from(INFO), 32));
  }

  seal(plain: string, userId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(userId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** The plain password, or undefined when the text was not sealed by this key for this user. */
  open(sealed: string, userId: string): string | undefined {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(userId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
