import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppPasswordCipher } from './appPasswordCipher';

describe('AppPasswordCipher', () => {
  const secret = randomBytes(32);
  const c = new AppPasswordCipher(secret);
  const user = '6f1c7a52-5b7e-4c1e-9d52-3a0f6f3b2a11';

  it('opens what it sealed, and never stores the plain text', () => {
    const sealed = c.seal('s3cret-app-password', user);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('s3cret');
    expect(c.open(sealed, user)).toBe('s3cret-app-password');
    // A fresh IV each time: equal passwords do not give equal rows.
    expect(c.seal('s3cret-app-password', user)).not.toBe(sealed);
  });

  it('refuses another user, another server secret, and any tampering', () => {
    const sealed = c.seal('pw', user);
    expect(c.open(sealed, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(new AppPasswordCipher(randomBytes(32)).open(sealed, user)).toBeUndefined();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(c.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), user)).toBeUndefined();
    expect(c.open('v2.a.b.c', user)).toBeUndefined();
    expect(c.open('garbage', user)).toBeUndefined();
  });
});
