import { eq } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { ApiKeyListResponse, CreatedApiKey } from '@encore/shared/api/apiKeys';
import { apiKeys } from '../../db/schema/listener';
import { hashToken } from '../../services/opaqueTokens';
import { expectError, registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';

// The machine is shared: give slow database work room (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

describeEachDatabase('API keys and app passwords', (db) => {
  it('creates (secret shown once), lists without secrets, revokes; stores only a hash or a sealed password', async () => {
    const t = testApp(db());
    const ada = await registerAccount(t, 'ada');
    const eve = await registerAccount(t, 'eve');
    const call = (method: string, path: string, json?: unknown, token = ada.accessToken) => t.call(method, path, { token, ...(json !== undefined ? { json } : {}) });

    const keyRes = await call('POST', '/api/auth/api-keys', { name: 'Feishin' });
    expect(keyRes.status).toBe(201);
    expect(keyRes.headers.get('cache-control')).toBe('no-store');
    const key = CreatedApiKey.parse(await keyRes.json());
    expect(key.key).toMatchObject({ name: 'Feishin', kind: 'api_key', lastUsedAt: null });
    expect(key.secret).toMatch(/^enc_[\w-]{43}$/);
    t.clock.advance(1000);
    const pw = CreatedApiKey.parse(await (await call('POST', '/api/auth/api-keys', { name: 'Symfonium <phone>', kind: 'app_password' })).json());
    expect(pw.key).toMatchObject({ name: 'Symfonium', kind: 'app_password' });
    expect(pw.secret).toMatch(/^[\w-]{24}$/);

    const rows = await db().db.select().from(apiKeys).where(eq(apiKeys.userId, ada.user.id));
    const keyRow = rows.find((r) => r.id === key.key.id)!;
    expect(keyRow.keyHash).toBe(hashToken(key.secret));
    expect(keyRow.secretCiphertext).toBeNull();
    const pwRow = rows.find((r) => r.id === pw.key.id)!;
    expect(pwRow.keyHash).toBeNull();
    expect(pwRow.secretCiphertext).not.toContain(pw.secret);
    expect(JSON.stringify(rows)).not.toContain(key.secret);

    const listed = await call('GET', '/api/auth/api-keys');
    const text = await listed.text();
    expect(text).not.toContain(key.secret);
    expect(text).not.toContain(pw.secret);
    expect(ApiKeyListResponse.parse(JSON.parse(text)).keys.map((k) => k.id)).toEqual([key.key.id, pw.key.id]);
    expect(ApiKeyListResponse.parse(await (await call('GET', '/api/auth/api-keys', undefined, eve.accessToken)).json()).keys).toEqual([]);

    // Someone else's key is "not found"; the owner's goes at once.
    await expectError(await call('DELETE', `/api/auth/api-keys/${key.key.id}`, undefined, eve.accessToken), 404, 'NOT_FOUND');
    expect((await call('DELETE', `/api/auth/api-keys/${key.key.id}`)).status).toBe(204);
    await expectError(await call('DELETE', `/api/auth/api-keys/${key.key.id}`), 404, 'NOT_FOUND');
    expect(ApiKeyListResponse.parse(await (await call('GET', '/api/auth/api-keys')).json()).keys.map((k) => k.id)).toEqual([pw.key.id]);

    await expectError(await t.call('POST', '/api/auth/api-keys', { json: { name: 'x' } }), 401, 'UNAUTHENTICATED');
    await expectError(await call('POST', '/api/auth/api-keys', { name: '' }), 400, 'VALIDATION_FAILED');
    await expectError(await call('POST', '/api/auth/api-keys', { name: 'x', kind: 'root' }), 400, 'VALIDATION_FAILED');
    await expectError(await call('DELETE', '/api/auth/api-keys/nope'), 400, 'VALIDATION_FAILED');
  });
});
