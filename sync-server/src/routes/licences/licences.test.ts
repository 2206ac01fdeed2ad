import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuthResponse } from '@encore/shared/api/auth';
import { DeviceListResponse, DeviceResponse, GrantLicenceResponse, RenewLicencesResponse } from '@encore/shared/api/licences';
import { tracks } from '../../db/schema/catalog';
import { users } from '../../db/schema/users';
import { expectError, PASSWORD, registerAccount } from '../../test/accounts';
import { sineWav } from '../../test/audio';
import { artistAccount, catalogApp, publish } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';
import type { TestApp } from '../../test/harness';

let wav: Buffer;
let tmp: string;
beforeAll(async () => {
  tmp = await fs.promises.mkdtemp('/tmp/encore-lic-');
  wav = await sineWav(tmp, 2);
});
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

const DAY = 86_400_000;
const clientId = (n: number) => `install-${String(n).padStart(12, '0')}`;

async function device(t: TestApp, token: string, n: number) {
  const res = await t.call('POST', '/api/devices', { token, json: { clientId: clientId(n), name: `Laptop ${n}`, platform: 'linux' } });
  return res;
}

describeEachDatabase('offline devices and licences', (db) => {
  it('allows five active devices, refuses the sixth naming the limit, and frees a slot on removal', async () => {
    const { t, dispose } = await catalogApp(db());
    try {
      const lis = await registerAccount(t, 'lis');
      const ids: string[] = [];
      for (let n = 1; n <= 5; n++) {
        const res = await device(t, lis.accessToken, n);
        expect(res.status).toBe(201);
        ids.push(DeviceResponse.parse(await res.json()).device.id);
      }
      // The same install registering again is the same device, not a sixth.
      const again = await device(t, lis.accessToken, 3);
      expect(again.status).toBe(200);
      expect(DeviceResponse.parse(await again.json()).device.id).toBe(ids[2]);
      const refused = await expectError(await device(t, lis.accessToken, 6), 409, 'DEVICE_LIMIT_REACHED');
      expect(refused.message).toMatch(/5 devices/);
      expect(refused.details?.limit).toBe(5);
      expect((refused.details?.devices as unknown[]).length).toBe(5);

      const list = DeviceListResponse.parse(await (await t.call('GET', '/api/devices', { token: lis.accessToken })).json());
      expect(list.devices.map((d) => d.id)).toEqual(ids);
      expect(list.limit).toBe(5);

      // Another account can neither see nor remove these devices.
      const eve = await registerAccount(t, 'eve');
      await expectError(await t.call('DELETE', `/api/devices/${ids[0]}`, { token: eve.accessToken }), 404, 'DEVICE_NOT_FOUND');
      expect(DeviceListResponse.parse(await (await t.call('GET', '/api/devices', { token: eve.accessToken })).json()).devices).toEqual([]);

      expect((await t.call('DELETE', `/api/devices/${ids[0]}`, { token: lis.accessToken })).status).toBe(204);
      await expectError(await t.call('DELETE', `/api/devices/${ids[0]}`, { token: lis.accessToken }), 404, 'DEVICE_NOT_FOUND');
      expect((await device(t, lis.accessToken, 6)).status).toBe(201);
      await expectError(await t.call('POST', '/api/devices', { token: lis.accessToken, json: { clientId: 'x', name: 'n', platform: 'p' } }), 400, 'VALIDATION_FAILED');
      await expectError(await t.call('GET', '/api/devices'), 401, 'UNAUTHENTICATED');
    } finally {
      await dispose();
    }
  });

  it('grants by tier, serves the file with Range, renews for 30 days and revokes when the entitlement ends', async () => {
    const { t, dispose } = await catalogApp(db());
    try {
      const ada = await artistAccount(t);
      const track = await publish(t, ada.accessToken, wav, { title: 'Offline Me' });
      const lis = await registerAccount(t, 'lis');
      let token = lis.accessToken;
      const dev = DeviceResponse.parse(await (await device(t, token, 1)).json()).device;
      const grant = (quality: string, deviceId = dev.id) => t.call('POST', '/api/licences', { token, json: { deviceId, trackId: track.id, quality } });
      const renew = (licenceIds: string[], deviceId = dev.id) => t.call('POST', '/api/licences/renew', { token, json: { deviceId, licenceIds } });

      // Free: up to 160 kbps ('normal'); asking more is refused with the ceiling named.
      const denied = await expectError(await grant('lossless'), 403, 'ENTITLEMENT_REQUIRED');
      expect(denied.details).toMatchObject({ tier: 'free', maxQuality: 'normal' });
      const res = await grant('normal');
      expect(res.status).toBe(201);
      const { licence, secret } = GrantLicenceResponse.parse(await res.json());
      expect(licence.quality).toBe('normal');
      expect(licence.codec).toBe('opus');
      expect(secret).toHaveLength(43);
      expect(new Date(licence.offlineUntil).getTime() - t.clock.now().getTime()).toBe(30 * DAY);

      const full = await t.call('GET', `/api/licences/${licence.id}/file`, { token });
      expect(full.status).toBe(200);
      const bytes = new Uint8Array(await full.arrayBuffer());
      expect(bytes.byteLength).toBe(licence.sizeBytes);
      const part = await t.call('GET', `/api/licences/${licence.id}/file`, { token, headers: { range: 'bytes=100-' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('etag')).toBe(full.headers.get('etag'));
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(100));

      // Someone else cannot use the licence or the device.
      const eve = await registerAccount(t, 'eve');
      await expectError(await t.call('GET', `/api/licences/${licence.id}/file`, { token: eve.accessToken }), 404, 'LICENCE_NOT_FOUND');
      await expectError(await t.call('POST', '/api/licences', { token: eve.accessToken, json: { deviceId: dev.id, trackId: track.id, quality: 'low' } }), 404, 'DEVICE_NOT_FOUND');
      const foreign = RenewLicencesResponse.parse(await (await t.call('POST', '/api/licences/renew', { token: eve.accessToken, json: { deviceId: dev.id, licenceIds: [licence.id] } })).json());
      expect(foreign.results).toEqual([{ id: licence.id, status: 'revoked', reason: 'unknown' }]);

      // 29 days later, online: another 30 days from now.
      t.clock.advance(29 * DAY);
      // The access token expired meanwhile: sign in again, as the desktop would.
      token = AuthResponse.parse(await (await t.call('POST', '/api/auth/login', { json: { login: 'lis', password: PASSWORD } })).json()).accessToken;
      const renewed = RenewLicencesResponse.parse(await (await renew([licence.id])).json());
      expect(renewed.results).toEqual([{ id: licence.id, status: 'active', offlineUntil: new Date(t.clock.now().getTime() + 30 * DAY).toISOString() }]);

      // Premium holds 'high'; a downgrade to free revokes it at the next check, for good.
      await db().db.update(users).set({ subscriptionTier: 'premium' }).where(eq(users.id, lis.user.id));
      const high = GrantLicenceResponse.parse(await (await grant('high')).json()).licence;
      await db().db.update(users).set({ subscriptionTier: 'free' }).where(eq(users.id, lis.user.id));
      await expectError(await t.call('GET', `/api/licences/${high.id}/file`, { token }), 403, 'ENTITLEMENT_REQUIRED');
      const downgraded = RenewLicencesResponse.parse(await (await renew([high.id, licence.id])).json());
      expect(downgraded.results).toEqual([
        { id: high.id, status: 'revoked', reason: 'entitlement_ended' },
        { id: licence.id, status: 'active', offlineUntil: expect.any(String) },
      ]);
      await db().db.update(users).set({ subscriptionTier: 'premium' }).where(eq(users.id, lis.user.id));
      expect(RenewLicencesResponse.parse(await (await renew([high.id])).json()).results[0]).toMatchObject({ status: 'revoked', reason: 'entitlement_ended' });
      await expectError(await t.call('GET', `/api/licences/${high.id}/file`, { token }), 403, 'LICENCE_REVOKED');

      // A lapsed subscription counts as free.
      const high2 = GrantLicenceResponse.parse(await (await grant('high')).json()).licence;
      await db().db.update(users).set({ subscriptionExpiry: new Date(t.clock.now().getTime() - 1000) }).where(eq(users.id, lis.user.id));
      expect(RenewLicencesResponse.parse(await (await renew([high2.id])).json()).results[0]).toMatchObject({ status: 'revoked', reason: 'entitlement_ended' });

      // Unpublishing the track revokes; so does removing the device.
      const list = await t.call('GET', `/api/licences?deviceId=${dev.id}`, { token });
      expect(((await list.json()) as { licences: { id: string }[] }).licences.map((l) => l.id)).toEqual([licence.id]);
      await db().db.update(tracks).set({ status: 'unpublished' }).where(eq(tracks.id, track.id));
      expect(RenewLicencesResponse.parse(await (await renew([licence.id])).json()).results[0]).toMatchObject({ status: 'revoked', reason: 'track_unavailable' });
      await expectError(await grant('normal'), 404, 'TRACK_NOT_FOUND');
      await db().db.update(tracks).set({ status: 'ready' }).where(eq(tracks.id, track.id));
      const again = GrantLicenceResponse.parse(await (await grant('normal')).json()).licence;
      expect((await t.call('DELETE', `/api/devices/${dev.id}`, { token })).status).toBe(204);
      expect(RenewLicencesResponse.parse(await (await renew([again.id])).json()).results[0]).toMatchObject({ status: 'revoked', reason: 'device_removed' });
      await expectError(await t.call('GET', `/api/licences/${again.id}/file`, { token }), 403, 'LICENCE_REVOKED');
      await expectError(await grant('normal'), 404, 'DEVICE_NOT_FOUND');
    } finally {
      await dispose();
    }
  });
});
