import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { expect, it } from 'vitest';
import { users } from '../db/schema/index';
import { expectError, registerAccount } from '../test/accounts';
import { describeEachDatabase } from '../test/databases';
import { testApp } from '../test/harness';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

describeEachDatabase('requireAuth and requireRole', (db) => {
  it('answers 401 without a token, with a malformed header, or with forged, tampered, alg-none or expired tokens', async () => {
    const t = testApp(db());
    const { accessToken } = await registerAccount(t, 'eve');
    const claims = claimsOf(accessToken);
    const [header, , signature] = accessToken.split('.');

    await expectError(await t.call('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
    await expectError(await t.call('GET', '/api/auth/me', { headers: { authorization: `Basic ${btoa('eve:pw')}` } }), 401, 'UNAUTHENTICATED');
    await expectError(await t.call('GET', '/api/auth/me', { token: 'not-a-jwt' }), 401, 'TOKEN_INVALID');

    // Same claims, signed with another key.
    const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(randomBytes(32));
    await expectError(await t.call('GET', '/api/auth/me', { token: otherKey }), 401, 'TOKEN_INVALID');
    // alg none: no signature at all.
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    await expectError(await t.call('GET', '/api/auth/me', { headers: { authorization: `Bearer ${none}` } }), 401, 'TOKEN_INVALID');
    await expectError(await t.call('GET', '/api/auth/me', { token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.x` }), 401, 'TOKEN_INVALID');
    // Tampered payload (role raised to admin), original signature kept.
    await expectError(await t.call('GET', '/api/auth/me', { token: `${header}.${b64({ ...claims, role: 'admin' })}.${signature}` }), 401, 'TOKEN_INVALID');
    // Right key, another algorithm.
    const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(t.config.jwtSecret);
    await expectError(await t.call('GET', '/api/auth/me', { token: hs512 }), 401, 'TOKEN_INVALID');

    // Still valid at 14 minutes; expired at 16 by the injected clock.
    t.clock.advance(14 * 60_000);
    expect((await t.call('GET', '/api/auth/me', { token: accessToken })).status).toBe(200);
    t.clock.advance(2 * 60_000);
    await expectError(await t.call('GET', '/api/auth/me', { token: accessToken }), 401, 'TOKEN_EXPIRED');
  });

  it('a disabled account loses its access at once', async () => {
    const t = testApp(db());
    const reg = await registerAccount(t, 'mallory');
    await db().db.update(users).set({ isActive: false }).where(eq(users.id, reg.user.id));
    await expectError(await t.call('GET', '/api/auth/me', { token: reg.accessToken }), 401, 'TOKEN_INVALID');
    await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'mallory', password: 'correct horse battery staple' } }), 403, 'FORBIDDEN');
  });

  it('403 FORBIDDEN for roles not allowed; the role is read from the database, not the token', async () => {
    const t = testApp(db(), { config: { adminEmails: ['root@example.com'] } });
    const listener = await registerAccount(t, 'lisa');
    const artist = await registerAccount(t, 'art', { role: 'artist' });
    const admin = await registerAccount(t, 'root');
    await expectError(await t.call('GET', '/api/admin/users', { token: listener.accessToken }), 403, 'FORBIDDEN');
    await expectError(await t.call('GET', '/api/admin/users', { token: artist.accessToken }), 403, 'FORBIDDEN');
    await expectError(await t.call('GET', '/api/admin/users'), 401, 'UNAUTHENTICATED');

    // Promote lisa to moderator: her existing token now lists users but cannot change roles.
    const promoted = await t.call('PUT', `/api/admin/users/${listener.user.id}/role`, { token: admin.accessToken, json: { role: 'moderator' } });
    expect(promoted.status).toBe(200);
    expect((await t.call('GET', '/api/admin/users', { token: listener.accessToken })).status).toBe(200);
    await expectError(await t.call('PUT', `/api/admin/users/${artist.user.id}/role`, { token: listener.accessToken, json: { role: 'admin' } }), 403, 'FORBIDDEN');
  });
});
