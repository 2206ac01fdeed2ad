import { randomUUID } from 'node:crypto';
import { AdminUserListResponse, AdminUserResponse } from '@encore/shared/api/admin';
import { expect, it } from 'vitest';
import { expectError, registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';

describeEachDatabase('admin users', (db) => {
  it('lists users paged, searches username and email literally, changes roles', async () => {
    const t = testApp(db(), { config: { adminEmails: ['admin@example.com'] } });
    const admin = await registerAccount(t, 'admin');
    for (const name of ['alpha', 'bravo', 'charlie', 'al_pha2']) {
      await registerAccount(t, name);
      t.clock.advance(1000);
    }
    const page1 = AdminUserListResponse.parse(await (await t.call('GET', '/api/admin/users?page=1&pageSize=2', { token: admin.accessToken })).json());
    expect(page1).toMatchObject({ page: 1, pageSize: 2, total: 5 });
    expect(page1.users).toHaveLength(2);
    const page3 = AdminUserListResponse.parse(await (await t.call('GET', '/api/admin/users?page=3&pageSize=2', { token: admin.accessToken })).json());
    expect(page3.users).toHaveLength(1);

    const search = async (q: string) =>
      AdminUserListResponse.parse(await (await t.call('GET', `/api/admin/users?q=${encodeURIComponent(q)}`, { token: admin.accessToken })).json()).users.map((u) => u.username).sort();
    expect(await search('AL')).toEqual(['al_pha2', 'alpha']);
    expect(await search('bravo@example')).toEqual(['bravo']);
    expect(await search('_')).toEqual(['al_pha2']); // '_' is not a wildcard
    expect(await search('%')).toEqual([]);

    const target = page1.users.find((u) => u.username !== 'admin');
    if (!target) throw new Error('no target');
    const res = await t.call('PUT', `/api/admin/users/${target.id}/role`, { token: admin.accessToken, json: { role: 'artist' } });
    expect(AdminUserResponse.parse(await res.json()).user.role).toBe('artist');

    await expectError(await t.call('PUT', `/api/admin/users/${admin.user.id}/role`, { token: admin.accessToken, json: { role: 'listener' } }), 409, 'CONFLICT');
    await expectError(await t.call('PUT', `/api/admin/users/${randomUUID()}/role`, { token: admin.accessToken, json: { role: 'artist' } }), 404, 'USER_NOT_FOUND');
    await expectError(await t.call('PUT', '/api/admin/users/not-a-uuid/role', { token: admin.accessToken, json: { role: 'artist' } }), 400, 'VALIDATION_FAILED');
    await expectError(await t.call('PUT', `/api/admin/users/${target.id}/role`, { token: admin.accessToken, json: { role: 'superuser' } }), 400, 'VALIDATION_FAILED');
    await expectError(await t.call('GET', '/api/admin/users?pageSize=1000', { token: admin.accessToken }), 400, 'VALIDATION_FAILED');
  });
});
