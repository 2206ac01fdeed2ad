import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { users } from '../db/schema/index';
import { expectError, PASSWORD, registerAccount } from '../test/accounts';
import { describeEachDatabase } from '../test/databases';
import { testApp } from '../test/harness';

const HOSTILE = [
  "admin'--",
  "x' OR '1'='1",
  "'; DROP TABLE users; --",
  'robert"); DELETE FROM users; --',
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  '%00',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
];

describeEachDatabase('bad input', (db) => {
  const userCount = async () => (await db().db.select({ n: count() }).from(users))[0]?.n ?? -1;

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const t = testApp(db());
    for (const body of ['{"login": "a", ', 'not json', '', '{"a":1}}']) {
      await expectError(await t.call('POST', '/api/auth/login', { body, headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON');
    }
  });

  it('wrong Content-Type on a JSON route → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const t = testApp(db());
    await expectError(await t.call('POST', '/api/auth/login', { body: 'login=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError(await t.call('POST', '/api/auth/login', { body: '{"login":"a","password":"b"}', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await t.call('POST', '/api/auth/login', { body: '{"login":"a","password":"bbbbbbbbbb"}', headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(401);
  });

  it('wrong types → 400 VALIDATION_FAILED with field paths and without echoing the password', async () => {
    const t = testApp(db());
    const secret = 'hunter2-super-secret-value';
    const err = await expectError(await t.call('POST', '/api/auth/register', { json: { email: 42, username: ['x'], password: secret.slice(0, 5) + '🙂'.repeat(30) } }), 400, 'VALIDATION_FAILED');
    const issues = err.details?.issues as { path: string }[];
    expect([...new Set(issues.map((i) => i.path))].sort()).toEqual(['email', 'password', 'username']);
    expect(JSON.stringify(err)).not.toContain('hunter');
    await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'a', password: 12345 } }), 400, 'VALIDATION_FAILED');
    await expectError(await t.call('POST', '/api/auth/login', { json: ['login', 'password'] }), 400, 'VALIDATION_FAILED');
    await expectError(await t.call('POST', '/api/auth/login', { json: null }), 400, 'VALIDATION_FAILED');
    await expectError(await t.call('POST', '/api/auth/register', { json: { email: 'short@example.com', username: 'shorty', password: 'short' } }), 400, 'VALIDATION_FAILED');
    await expectError(await t.call('GET', '/api/auth/verify-email/..%2F..%2Fetc'), 400, 'VALIDATION_FAILED');
    expect(await userCount()).toBe(0);
  });

  it('oversized body → 413 PAYLOAD_TOO_LARGE, with or without Content-Length', async () => {
    const t = testApp(db(), { config: { bodyLimitBytes: 4096 } });
    const big = JSON.stringify({ login: 'a'.repeat(5000), password: 'x' });
    await expectError(await t.call('POST', '/api/auth/login', { body: big, headers: { 'content-type': 'application/json' } }), 413, 'PAYLOAD_TOO_LARGE');
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await t.app.request('/api/auth/login', { method: 'POST', body: stream, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, duplex: 'half' } as RequestInit);
    await expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('unknown routes and methods → 404 ROUTE_NOT_FOUND', async () => {
    const t = testApp(db());
    await expectError(await t.call('GET', '/api/nope'), 404, 'ROUTE_NOT_FOUND');
    await expectError(await t.call('DELETE', '/api/auth/login'), 404, 'ROUTE_NOT_FOUND');
    await expectError(await t.call('GET', '/api/auth/../../etc/passwd'), 404, 'ROUTE_NOT_FOUND');
    await expectError(await t.call('GET', '/'), 404, 'ROUTE_NOT_FOUND');
  });

  it('SQL-injection and path strings: refused by validation on register, harmless on login, nothing written', async () => {
    const t = testApp(db());
    await registerAccount(t, 'honest');
    const before = await userCount();
    for (const s of HOSTILE) {
      await expectError(await t.call('POST', '/api/auth/register', { json: { email: `${s}@example.com`, username: s, password: PASSWORD } }), 400, 'VALIDATION_FAILED');
      await expectError(await t.call('POST', '/api/auth/register', { json: { email: 'ok@example.com', username: s, password: PASSWORD } }), 400, 'VALIDATION_FAILED');
      await expectError(await t.call('POST', '/api/auth/login', { json: { login: s, password: s.padEnd(10, 'x') }, ip: '192.0.2.1' }), 401, 'INVALID_CREDENTIALS');
      await expectError(await t.call('POST', '/api/auth/login', { json: { login: `honest${s}`, password: PASSWORD }, ip: '192.0.2.2' }), 401, 'INVALID_CREDENTIALS');
      expect((await t.call('POST', '/api/auth/forgot-password', { json: { email: `a${s}@example.com` }, ip: `192.0.2.${10 + HOSTILE.indexOf(s)}` })).status).toBeOneOf([202, 400]);
    }
    await t.services.tasks.drain();
    expect(await userCount()).toBe(before);
    expect(t.mailer.sent.filter((m) => !m.to.startsWith('honest'))).toEqual([]);
  });

  it('every answer carries the request id; a client id is echoed when safe, replaced when not', async () => {
    const t = testApp(db());
    const mine = await t.call('GET', '/api/nope', { headers: { 'x-request-id': 'req_client-42' } });
    expect((await expectError(mine, 404, 'ROUTE_NOT_FOUND')).requestId).toBe('req_client-42');
    for (const evil of ['a b;<script>', 'x'.repeat(200)]) {
      const res = await t.call('GET', '/api/nope', { headers: { 'x-request-id': evil } });
      expect((await expectError(res, 404, 'ROUTE_NOT_FOUND')).requestId).toMatch(/^req_[A-Za-z0-9_-]{16}$/);
    }
  });

  it('secure headers and CORS only for listed origins', async () => {
    const t = testApp(db());
    const ok = await t.call('OPTIONS', '/api/auth/login', { headers: { origin: 'http://127.0.0.1:8790', 'access-control-request-method': 'POST' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8790');
    const bad = await t.call('OPTIONS', '/api/auth/login', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    const res = await t.call('GET', '/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
