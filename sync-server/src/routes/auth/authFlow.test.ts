import { AuthResponse, TokenPair } from '@encore/shared/api/auth';
import { AccountUser } from '@encore/shared/domain/user';
import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { authSessions, refreshTokens, users } from '../../db/schema/index';
import { expectError, mailedToken, PASSWORD, registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';

const NEW_PASSWORD = 'a much better passphrase 42';

describeEachDatabase('auth flow', (db) => {
  it('register → verify email → login → me → refresh rotation → reuse → logout → change and reset password', async () => {
    const t = testApp(db());

    // Register: tokens + account, listener by default, unverified, hash never returned.
    const reg = await registerAccount(t, 'ada', { displayName: 'Ada L.' });
    expect(reg.user).toMatchObject({ username: 'ada', email: 'ada@example.com', role: 'listener', isVerified: false });
    expect(JSON.stringify(reg)).not.toContain('password');
    const [stored] = await db().db.select().from(users).where(eq(users.id, reg.user.id));
    expect(stored?.passwordHash).toMatch(/^\$2[aby]\$04\$/);

    // Verify the email with the link captured by the MemoryMailer; the link works once.
    const verifyToken = await mailedToken(t, 'ada@example.com', 'verify');
    const verified = await t.call('GET', `/api/auth/verify-email/${verifyToken}`);
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ verified: true });
    await expectError(await t.call('GET', `/api/auth/verify-email/${verifyToken}`), 401, 'TOKEN_INVALID');

    // Login by username (any case) and by email; me reflects the verification.
    const byName = await t.call('POST', '/api/auth/login', { json: { login: 'ADA', password: PASSWORD } });
    expect(byName.status).toBe(200);
    const session = AuthResponse.parse(await byName.json());
    expect(session.user.lastLoginAt).not.toBeNull();
    const byEmail = await t.call('POST', '/api/auth/login', { json: { login: 'Ada@Example.com', password: PASSWORD } });
    expect(byEmail.status).toBe(200);
    const me = await t.call('GET', '/api/auth/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    const meBody = (await me.json()) as { user: unknown };
    expect(AccountUser.parse(meBody.user)).toMatchObject({ id: reg.user.id, isVerified: true });

    // Refresh rotates: a new refresh token each time; the access token of the family still works.
    const r1 = await t.call('POST', '/api/auth/refresh-token', { json: { refreshToken: session.refreshToken } });
    expect(r1.status).toBe(200);
    const pair1 = TokenPair.parse(await r1.json());
    expect(pair1.refreshToken).not.toBe(session.refreshToken);
    const r2 = await t.call('POST', '/api/auth/refresh-token', { json: { refreshToken: pair1.refreshToken } });
    const pair2 = TokenPair.parse(await r2.json());
    expect((await t.call('GET', '/api/auth/me', { token: pair2.accessToken })).status).toBe(200);

    // Reuse of a spent refresh token revokes the whole family: its tokens stop working at once.
    await expectError(await t.call('POST', '/api/auth/refresh-token', { json: { refreshToken: session.refreshToken } }), 401, 'TOKEN_REUSED');
    await expectError(await t.call('GET', '/api/auth/me', { token: pair2.accessToken }), 401, 'TOKEN_INVALID');
    await expectError(await t.call('POST', '/api/auth/refresh-token', { json: { refreshToken: pair2.refreshToken } }), 401, 'TOKEN_INVALID');
    const [revoked] = await db().db.select().from(authSessions).where(eq(authSessions.id, JSON.parse(atob(session.accessToken.split('.')[1] ?? '')).sid));
    expect(revoked?.revokedReason).toBe('reuse');

    // The other session (login by email) is untouched; logout ends it and its refresh family.
    const other = AuthResponse.parse(await byEmail.json());
    expect((await t.call('GET', '/api/auth/me', { token: other.accessToken })).status).toBe(200);
    const out = await t.call('POST', '/api/auth/logout', { token: other.accessToken, json: { refreshToken: other.refreshToken } });
    expect(out.status).toBe(204);
    await expectError(await t.call('GET', '/api/auth/me', { token: other.accessToken }), 401, 'TOKEN_INVALID');
    await expectError(await t.call('POST', '/api/auth/refresh-token', { json: { refreshToken: other.refreshToken } }), 401, 'TOKEN_INVALID');

    // Change password: needs the current one; ends every other session, keeps this one.
    const a = AuthResponse.parse(await (await t.call('POST', '/api/auth/login', { json: { login: 'ada', password: PASSWORD } })).json());
    const b = AuthResponse.parse(await (await t.call('POST', '/api/auth/login', { json: { login: 'ada', password: PASSWORD } })).json());
    await expectError(await t.call('POST', '/api/auth/change-password', { token: a.accessToken, json: { currentPassword: 'wrong password!', newPassword: NEW_PASSWORD } }), 401, 'INVALID_CREDENTIALS');
    const changed = await t.call('POST', '/api/auth/change-password', { token: a.accessToken, json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(changed.status).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { token: a.accessToken })).status).toBe(200);
    await expectError(await t.call('GET', '/api/auth/me', { token: b.accessToken }), 401, 'TOKEN_INVALID');
    await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'ada', password: PASSWORD } }), 401, 'INVALID_CREDENTIALS');

    // Forgot → reset: 202 either way, mail only for a real account, token single use, all sessions end.
    const forgot = await t.call('POST', '/api/auth/forgot-password', { json: { email: 'ada@example.com' } });
    expect(forgot.status).toBe(202);
    expect(await forgot.json()).toEqual({ accepted: true });
    const resetToken = await mailedToken(t, 'ada@example.com', 'reset');
    const reset = await t.call('POST', '/api/auth/reset-password', { json: { token: resetToken, newPassword: 'the third password here' } });
    expect(reset.status).toBe(204);
    await expectError(await t.call('POST', '/api/auth/reset-password', { json: { token: resetToken, newPassword: 'a fourth password here' } }), 401, 'TOKEN_INVALID');
    await expectError(await t.call('GET', '/api/auth/me', { token: a.accessToken }), 401, 'TOKEN_INVALID');
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'ada', password: 'the third password here' } })).status).toBe(200);

    // Only hashes are stored: no raw refresh token anywhere in the table.
    const rows = await db().db.select({ h: refreshTokens.tokenHash }).from(refreshTokens);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.h))).toBe(true);
    expect(rows.map((r) => r.h)).not.toContain(session.refreshToken);
  });

  it('forgot-password answers 202 and sends nothing for an unknown address', async () => {
    const t = testApp(db());
    const res = await t.call('POST', '/api/auth/forgot-password', { json: { email: 'nobody@example.com' } });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: true });
    await t.services.tasks.drain();
    expect(t.mailer.sent).toEqual([]);
  });

  it('reset tokens expire after an hour', async () => {
    const t = testApp(db());
    await registerAccount(t, 'grace');
    await t.call('POST', '/api/auth/forgot-password', { json: { email: 'grace@example.com' } });
    const token = await mailedToken(t, 'grace@example.com', 'reset');
    t.clock.advance(61 * 60_000);
    await expectError(await t.call('POST', '/api/auth/reset-password', { json: { token, newPassword: NEW_PASSWORD } }), 401, 'TOKEN_EXPIRED');
  });

  it('resend-verification mails a new link and retires the old one', async () => {
    const t = testApp(db());
    const reg = await registerAccount(t, 'linus');
    const first = await mailedToken(t, 'linus@example.com', 'verify');
    const res = await t.call('POST', '/api/auth/resend-verification', { token: reg.accessToken });
    expect(res.status).toBe(202);
    const second = await mailedToken(t, 'linus@example.com', 'verify');
    expect(second).not.toBe(first);
    await expectError(await t.call('GET', `/api/auth/verify-email/${first}`), 401, 'TOKEN_INVALID');
    expect((await t.call('GET', `/api/auth/verify-email/${second}`)).status).toBe(200);
    await expectError(await t.call('POST', '/api/auth/resend-verification', { token: reg.accessToken }), 409, 'CONFLICT');
  });

  it('register: self-service roles only, admin through ENCORE_ADMIN_EMAILS, conflicts named', async () => {
    const t = testApp(db(), { config: { adminEmails: ['boss@example.com'] } });
    expect((await registerAccount(t, 'artie', { role: 'artist' })).user.role).toBe('artist');
    expect((await registerAccount(t, 'streamy', { role: 'streamer' })).user.role).toBe('streamer');
    expect((await registerAccount(t, 'boss')).user.role).toBe('admin');
    const before = (await db().db.select({ n: count() }).from(users))[0]?.n;
    for (const role of ['admin', 'moderator']) {
      await expectError(await t.call('POST', '/api/auth/register', { json: { email: 'x@example.com', username: 'sneaky', password: PASSWORD, role } }), 400, 'VALIDATION_FAILED');
    }
    await expectError(await t.call('POST', '/api/auth/register', { json: { email: 'ARTIE@example.com', username: 'other', password: PASSWORD } }), 409, 'EMAIL_TAKEN');
    await expectError(await t.call('POST', '/api/auth/register', { json: { email: 'new@example.com', username: 'Artie', password: PASSWORD } }), 409, 'USERNAME_TAKEN');
    await expectError(await t.call('POST', '/api/auth/register', { json: { email: 'pw@example.com', username: 'pwuser', password: 'my name is pwuser!' } }), 400, 'WEAK_PASSWORD');
    expect((await db().db.select({ n: count() }).from(users))[0]?.n).toBe(before);
  });

  it('logout with only the refresh token ends that session', async () => {
    const t = testApp(db());
    const reg = await registerAccount(t, 'solo');
    expect((await t.call('POST', '/api/auth/logout', { json: { refreshToken: reg.refreshToken } })).status).toBe(204);
    await expectError(await t.call('GET', '/api/auth/me', { token: reg.accessToken }), 401, 'TOKEN_INVALID');
    await expectError(await t.call('POST', '/api/auth/logout'), 401, 'UNAUTHENTICATED');
  });
});
