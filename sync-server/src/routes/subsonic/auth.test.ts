import { eq } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { apiKeys } from '../../db/schema/listener';
import { users } from '../../db/schema/users';
import { registerAccount, PASSWORD } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';
import { expectSubsonicError, query, restJson, restXml, subsonicCredential, type SubsonicJson, tokenAuth } from '../../test/subsonic';

// The machine is shared: give slow database work room (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

describeEachDatabase('Subsonic authentication', (db) => {
  it('accepts app passwords (plain, enc:, token) and API keys, and answers bad auth with Subsonic codes', async () => {
    const t = testApp(db());
    const ada = await registerAccount(t, 'ada');
    const pw = await subsonicCredential(t, ada.accessToken, 'app_password');
    const key = await subsonicCredential(t, ada.accessToken, 'api_key');

    expect((await restJson(t, 'ping', { u: 'ada', p: pw })).status).toBe('ok');
    expect((await restJson(t, 'ping', { u: 'ADA', p: `enc:${Buffer.from(pw).toString('hex')}` })).status).toBe('ok');
    expect((await restJson(t, 'ping.view', tokenAuth('ada', pw))).status).toBe('ok');
    const ok = await restJson(t, 'ping', { apiKey: key });
    expect(ok).toMatchObject({ status: 'ok', version: '1.16.1', type: 'encore', openSubsonic: true });
    expect((await db().db.select().from(apiKeys).where(eq(apiKeys.userId, ada.user.id))).every((k) => k.lastUsedAt !== null)).toBe(true);

    // The account password is never a Subsonic credential.
    await expectSubsonicError(restJson(t, 'ping', { u: 'ada', p: PASSWORD }), 40);
    await expectSubsonicError(restJson(t, 'ping', tokenAuth('ada', 'wrong')), 40);
    await expectSubsonicError(restJson(t, 'ping', { u: 'nobody', p: pw }), 40);
    await expectSubsonicError(restJson(t, 'ping', { u: 'ada', p: 'enc:zz' }), 40);
    await expectSubsonicError(restJson(t, 'ping', { apiKey: 'enc_nope' }), 44);
    await expectSubsonicError(restJson(t, 'ping', { apiKey: key, u: 'ada' }), 43);
    await expectSubsonicError(restJson(t, 'ping', { u: 'ada', p: pw, t: 'x', s: 'y' }), 43);
    await expectSubsonicError(restJson(t, 'ping', { u: 'ada' }), 10);
    await expectSubsonicError(restJson(t, 'ping', { u: 'ada', t: 'abc' }), 10);
    await expectSubsonicError(restJson(t, 'ping', {}), 10);
    await expectSubsonicError(restJson(t, 'ping', { apiKey: key, v: '2.0.0' }), 30);
    await expectSubsonicError(restJson(t, 'ping', { apiKey: key, v: '0.9' }), 20);
    await expectSubsonicError(restJson(t, 'ping', { apiKey: key, v: 'banana' }), 0);
    await expectSubsonicError(restJson(t, 'noSuchMethod', { apiKey: key }), 0);
    // OpenSubsonic: the extension list needs no auth.
    const ext = await restJson(t, 'getOpenSubsonicExtensions', {});
    expect(ext.openSubsonicExtensions.map((e: { name: string }) => e.name)).toEqual(['apiKeyAuthentication', 'formPost', 'songLyrics']);

    // Missing client version in XML: error 10, well-formed.
    const xml = await (await t.call('GET', `/rest/ping.view?${query({ apiKey: key, c: 'x' })}`)).text();
    expect(xml).toContain('<error code="10"');
    expect(await restXml(t, 'ping', { apiKey: key })).toContain('status="ok"');
    expect(await (await t.call('GET', `/rest/ping?${query({ apiKey: key, v: '1.16.1', c: 'x', f: 'yaml' })}`)).text()).toContain('<error code="0"');

    // Form POST (OpenSubsonic formPost) carries the same parameters in the body.
    const post = await t.call('POST', '/rest/ping.view', { body: query({ u: 'ada', p: pw, v: '1.16.1', c: 'x', f: 'json' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(((await post.json()) as SubsonicJson)['subsonic-response'].status).toBe('ok');

    // A revoked key and a disabled account stop working at once.
    await db().db.delete(apiKeys).where(eq(apiKeys.kind, 'api_key'));
    await expectSubsonicError(restJson(t, 'ping', { apiKey: key }), 44);
    await db().db.update(users).set({ isActive: false }).where(eq(users.id, ada.user.id));
    await expectSubsonicError(restJson(t, 'ping', { u: 'ada', p: pw }), 40);
  });

  it('locks an account name after repeated failures and throttles an address, like web sign-in', async () => {
    const t = testApp(db());
    const ada = await registerAccount(t, 'ada');
    const pw = await subsonicCredential(t, ada.accessToken, 'app_password');
    const limit = t.config.rateLimits.loginFailures.limit;
    for (let i = 0; i < limit; i++) await expectSubsonicError(restJson(t, 'ping', { u: 'ada', p: `wrong${i}` }, { ip: `198.51.100.${i}` }), 40);
    const locked = await restJson(t, 'ping', { u: 'ada', p: pw }, { ip: '198.51.100.200' });
    expect(locked.error).toMatchObject({ code: 0, message: expect.stringMatching(/Too many failed sign-in attempts/) });
    t.clock.advance(t.config.rateLimits.lockoutMs + 1000);
    expect((await restJson(t, 'ping', { u: 'ada', p: pw })).status).toBe('ok');

    const ipLimit = t.config.rateLimits.loginPerIp.limit;
    for (let i = 0; i < ipLimit; i++) await restJson(t, 'ping', { apiKey: `enc_guess${i}` }, { ip: '192.0.2.9' });
    expect((await restJson(t, 'ping', { u: 'ada', p: pw }, { ip: '192.0.2.9' })).error.code).toBe(0);
    // Successes never count: a player calling all day is not throttled.
    for (let i = 0; i < ipLimit + 5; i++) expect((await restJson(t, 'ping', { u: 'ada', p: pw }, { ip: '192.0.2.10' })).status).toBe('ok');
  });
});
