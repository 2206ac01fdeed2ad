import { afterEach, expect, it } from 'vitest';
import { manualClock } from '../../clock';
import { expectError, PASSWORD, registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';
import { storeKinds, testStore } from '../../test/rateLimitStores';
import type { RateLimitStore } from '../rateLimit/store';

for (const storeKind of storeKinds()) {
  describeEachDatabase(`login lockout and rate limits (${storeKind} store)`, (db) => {
    let store: RateLimitStore | undefined;
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    const setup = async () => {
      const clock = manualClock();
      store = await testStore(storeKind, clock);
      return testApp(db(), { rateLimits: store, clock });
    };
    const login = (t: Awaited<ReturnType<typeof setup>>, password: string, ip?: string) =>
      t.call('POST', '/api/auth/login', { json: { login: 'victim', password }, ...(ip ? { ip } : {}) });

    it('locks the account after 5 failures for 15 minutes (423, Retry-After), even for the right password', async () => {
      const t = await setup();
      await registerAccount(t, 'victim');
      for (let i = 0; i < 5; i++) await expectError(await login(t, `wrong password ${i}`, `198.51.100.${i}`), 401, 'INVALID_CREDENTIALS');
      const locked = await login(t, PASSWORD);
      const err = await expectError(locked, 423, 'ACCOUNT_LOCKED');
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(err.details?.retryAfter).toBe(retryAfter);
      // Also locked when addressed by email.
      await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'victim@example.com', password: PASSWORD } }), 423, 'ACCOUNT_LOCKED');
      if (storeKind === 'memory') {
        t.clock.advance(15 * 60_000 + 1);
        expect((await login(t, PASSWORD)).status).toBe(200);
      }
    });

    it('a successful login forgives earlier failures', async () => {
      const t = await setup();
      await registerAccount(t, 'victim');
      for (let i = 0; i < 4; i++) await login(t, 'wrong password');
      expect((await login(t, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i++) await expectError(await login(t, 'wrong password'), 401, 'INVALID_CREDENTIALS');
      expect((await login(t, PASSWORD)).status).toBe(200);
    });

    it('unknown logins are locked the same way, with the same message as a wrong password', async () => {
      const t = await setup();
      await registerAccount(t, 'victim');
      const unknown = await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'ghost', password: 'whatever it is' } }), 401, 'INVALID_CREDENTIALS');
      const wrong = await expectError(await login(t, 'whatever it is'), 401, 'INVALID_CREDENTIALS');
      expect(unknown.message).toBe(wrong.message);
      for (let i = 0; i < 4; i++) await t.call('POST', '/api/auth/login', { json: { login: 'ghost', password: 'whatever it is' } });
      await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'ghost', password: 'whatever it is' } }), 423, 'ACCOUNT_LOCKED');
    });

    it('limits logins per IP (30/min) across accounts: 429 with Retry-After', async () => {
      const t = await setup();
      for (let i = 0; i < 30; i++) {
        await expectError(await t.call('POST', '/api/auth/login', { json: { login: `user${i}`, password: 'some password' }, ip: '192.0.2.9' }), 401, 'INVALID_CREDENTIALS');
      }
      const limited = await t.call('POST', '/api/auth/login', { json: { login: 'someone', password: 'some password' }, ip: '192.0.2.9' });
      await expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address is not affected.
      await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'someone', password: 'some password' }, ip: '192.0.2.10' }), 401, 'INVALID_CREDENTIALS');
    });

    it('limits register and forgot-password per IP', async () => {
      const t = await setup();
      for (let i = 0; i < 5; i++) expect((await t.call('POST', '/api/auth/forgot-password', { json: { email: `p${i}@example.com` }, ip: '192.0.2.50' })).status).toBe(202);
      await expectError(await t.call('POST', '/api/auth/forgot-password', { json: { email: 'p9@example.com' }, ip: '192.0.2.50' }), 429, 'RATE_LIMITED');
      for (let i = 0; i < 10; i++) {
        const res = await t.call('POST', '/api/auth/register', { json: { email: `r${i}@example.com`, username: `reg${i}`, password: PASSWORD }, ip: '192.0.2.60' });
        expect(res.status).toBe(201);
      }
      await expectError(await t.call('POST', '/api/auth/register', { json: { email: 'r99@example.com', username: 'reg99', password: PASSWORD }, ip: '192.0.2.60' }), 429, 'RATE_LIMITED');
      await t.services.tasks.drain();
    });

    it('X-Forwarded-For is ignored unless TRUST_PROXY is set', async () => {
      const t = await setup();
      for (let i = 0; i < 31; i++) await t.call('POST', '/api/auth/login', { json: { login: 'x', password: 'some password' }, ip: '192.0.2.70', headers: { 'x-forwarded-for': `10.0.0.${i}` } });
      await expectError(await t.call('POST', '/api/auth/login', { json: { login: 'x', password: 'p' }, ip: '192.0.2.70', headers: { 'x-forwarded-for': '10.9.9.9' } }), 429, 'RATE_LIMITED');
    });
  });
}
