import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { AlbumResponse, SearchResponse, TrackListResponse, TrackResponse } from '@encore/shared/api/catalog';
import { ModerationListResponse } from '@encore/shared/api/catalogReleases';
import type { Database } from '../../db/database';
import { users } from '../../db/schema/users';
import { expectError, registerAccount } from '../../test/accounts';
import { sineWav } from '../../test/audio';
import { artistAccount, catalogApp, publish } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';
import type { TestApp } from '../../test/harness';


// Real transcoding and a fresh database per suite: minutes on a loaded 2-core machine, not a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
let wav: Buffer;
let wav2: Buffer;
let tmp: string;
beforeAll(async () => {
  tmp = await fs.promises.mkdtemp('/tmp/encore-wav-');
  wav = await sineWav(tmp, 2, 330);
  wav2 = await sineWav(tmp, 2, 550);
});
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

const SLOW = 240_000;
const trackOf = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(200);
  return TrackResponse.parse(await res.json()).track;
};
const albumOf = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(200);
  return AlbumResponse.parse(await res.json()).album;
};

async function adminAccount(t: TestApp, db: () => { db: Database }) {
  const admin = await registerAccount(t, 'root');
  await db().db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.user.id));
  return admin;
}

describeEachDatabase('catalog releases: edit, unpublish, albums', (db) => {
  it(
    'edits metadata, unpublishes and publishes again, with authz for owner and admin',
    async () => {
      const { t, dispose } = await catalogApp(db());
      try {
        const ada = await artistAccount(t);
        const track = await publish(t, ada.accessToken, wav, { title: 'First Light' });
        const patch = (token: string, json: unknown) => t.call('PATCH', `/api/tracks/${track.id}`, { token, json });
        const edited = await trackOf(
          await patch(ada.accessToken, { title: '<script>alert(1)</script>Dawn <b>Light</b>', genres: ['Ambient', '<i>Drone</i>'], tags: ['calm'], explicit: true, lyrics: { lrc: '[00:01.00]Two\n[00:00.50]One' }, price: 99, allowPurchase: true, allowReelUsage: false }),
        );
        expect(edited).toMatchObject({ title: 'alert(1)Dawn Light', genres: ['Ambient', 'Drone'], tags: ['calm'], explicit: true, price: 99, allowPurchase: true, allowReelUsage: false, status: 'ready' });
        expect(edited.lyrics).toEqual({ type: 'synchronized', content: [{ timeMs: 500, text: 'One' }, { timeMs: 1000, text: 'Two' }] });
        // Only what is sent changes; null clears lyrics.
        expect(await trackOf(await patch(ada.accessToken, { lyrics: null }))).toMatchObject({ lyrics: null, title: 'alert(1)Dawn Light', price: 99 });
        await expectError(await patch(ada.accessToken, { price: 0 }), 400, 'VALIDATION_FAILED');
        await expectError(await patch(ada.accessToken, { status: 'ready' }), 400, 'VALIDATION_FAILED');
        await expectError(await patch(ada.accessToken, {}), 400, 'VALIDATION_FAILED');
        await expectError(await patch(ada.accessToken, { title: '<b></b>' }), 400, 'VALIDATION_FAILED');
        await expectError(await patch(ada.accessToken, { coverId: 'a'.repeat(64) }), 404, 'NOT_FOUND');

        const eve = await artistAccount(t, 'eve');
        await expectError(await patch(eve.accessToken, { title: 'Mine' }), 403, 'FORBIDDEN');
        const lis = await registerAccount(t, 'lis');
        await expectError(await patch(lis.accessToken, { title: 'Mine' }), 403, 'FORBIDDEN');
        await expectError(await t.call('PATCH', `/api/tracks/${track.id}`, { json: { title: 'x' } }), 401, 'UNAUTHENTICATED');
        const root = await adminAccount(t, db);
        expect(await trackOf(await patch(root.accessToken, { title: 'Dawn Light' }))).toMatchObject({ title: 'Dawn Light' });

        // Unpublished: gone for others (read, search, new releases, stream), still there for its artist.
        const unpublished = await trackOf(await t.call('POST', `/api/tracks/${track.id}/unpublish`, { token: ada.accessToken }));
        expect(unpublished.status).toBe('unpublished');
        await expectError(await t.call('GET', `/api/tracks/${track.id}`, { token: lis.accessToken }), 404, 'TRACK_NOT_FOUND');
        await expectError(await t.call('GET', `/api/tracks/${track.id}/stream`, { token: lis.accessToken }), 404, 'TRACK_NOT_FOUND');
        expect(SearchResponse.parse(await (await t.call('GET', '/api/search?q=dawn')).json()).tracks).toEqual([]);
        expect(TrackListResponse.parse(await (await t.call('GET', '/api/tracks/new')).json()).tracks).toEqual([]);
        expect((await trackOf(await t.call('GET', `/api/tracks/${track.id}`, { token: ada.accessToken }))).status).toBe('unpublished');
        // Someone else cannot learn that an unpublished id exists.
        await expectError(await t.call('POST', `/api/tracks/${track.id}/unpublish`, { token: eve.accessToken }), 404, 'TRACK_NOT_FOUND');
        await expectError(await t.call('POST', `/api/tracks/${track.id}/publish`, { token: eve.accessToken }), 404, 'TRACK_NOT_FOUND');

        const again = await trackOf(await t.call('POST', `/api/tracks/${track.id}/publish`, { token: ada.accessToken }));
        expect(again.status).toBe('ready');
        expect(SearchResponse.parse(await (await t.call('GET', '/api/search?q=dawn')).json()).tracks.map((x) => x.id)).toEqual([track.id]);
        expect((await t.call('GET', `/api/tracks/${track.id}/stream`, { token: lis.accessToken })).status).toBe(200);
        await expectError(await t.call('PATCH', '/api/tracks/..%2F..%2Fetc', { token: ada.accessToken, json: { title: 'x' } }), 400, 'VALIDATION_FAILED');
      } finally {
        await dispose();
      }
    },
    SLOW,
  );

  it(
    'builds an album: adds, reorders and removes tracks in one transaction each, for its artist only',
    async () => {
      const { t, dispose } = await catalogApp(db());
      try {
        const ada = await artistAccount(t);
        const a = await publish(t, ada.accessToken, wav, { title: 'Alpha' });
        const b = await publish(t, ada.accessToken, wav2, { title: 'Beta' });
        const created = await t.call('POST', '/api/albums', { token: ada.accessToken, json: { title: 'Pair', albumType: 'single', genres: ['Pop'] } });
        const album = AlbumResponse.parse(await created.json()).album;
        // An empty album is its artist's draft: others do not see it.
        await expectError(await t.call('GET', `/api/albums/${album.id}`), 404, 'ALBUM_NOT_FOUND');
        const add = (json: unknown, token = ada.accessToken) => t.call('POST', `/api/albums/${album.id}/tracks`, { token, json });
        await albumOf(await add({ trackId: a.id }));
        const both = await albumOf(await add({ trackId: b.id, position: 1 }));
        expect(both.tracks.map((x) => [x.title, x.trackNumber])).toEqual([['Beta', 1], ['Alpha', 2]]);
        const order = (trackIds: string[], token = ada.accessToken) => t.call('PUT', `/api/albums/${album.id}/tracks`, { token, json: { trackIds } });
        const swapped = await albumOf(await order([a.id, b.id]));
        expect(swapped.tracks.map((x) => [x.title, x.trackNumber])).toEqual([['Alpha', 1], ['Beta', 2]]);
        const pub = AlbumResponse.parse(await (await t.call('GET', `/api/albums/${album.id}`)).json()).album;
        expect(pub.tracks.map((x) => x.id)).toEqual([a.id, b.id]);

        const eve = await artistAccount(t, 'eve');
        const eveTrack = await publish(t, eve.accessToken, wav, { title: 'Eve Song' });
        await expectError(await order([b.id, a.id], eve.accessToken), 403, 'FORBIDDEN');
        await expectError(await add({ trackId: a.id }, eve.accessToken), 403, 'FORBIDDEN');
        // A foreign track or a duplicate refuses the whole order and changes nothing.
        await expectError(await order([b.id, eveTrack.id]), 404, 'TRACK_NOT_FOUND');
        await expectError(await order([a.id, a.id]), 400, 'VALIDATION_FAILED');
        expect((await albumOf(await t.call('GET', `/api/albums/${album.id}`))).tracks.map((x) => x.id)).toEqual([a.id, b.id]);

        const patched = await albumOf(await t.call('PATCH', `/api/albums/${album.id}`, { token: ada.accessToken, json: { title: 'Pair <i>(Deluxe)</i>', albumType: 'ep' } }));
        expect(patched).toMatchObject({ title: 'Pair (Deluxe)', albumType: 'ep' });
        await expectError(await t.call('PATCH', `/api/albums/${album.id}`, { token: ada.accessToken, json: { albumType: 'compilation' } }), 400, 'VALIDATION_FAILED');

        const removed = await albumOf(await t.call('DELETE', `/api/albums/${album.id}/tracks/${a.id}`, { token: ada.accessToken }));
        expect(removed.tracks.map((x) => [x.title, x.trackNumber])).toEqual([['Beta', 1]]);
        await expectError(await t.call('DELETE', `/api/albums/${album.id}/tracks/${a.id}`, { token: ada.accessToken }), 404, 'TRACK_NOT_FOUND');
        expect((await trackOf(await t.call('GET', `/api/tracks/${a.id}`))).albumId).toBeNull();
        // Unpublishing the last released track hides the album from others again.
        await trackOf(await t.call('POST', `/api/tracks/${b.id}/unpublish`, { token: ada.accessToken }));
        await expectError(await t.call('GET', `/api/albums/${album.id}`), 404, 'ALBUM_NOT_FOUND');
        expect((await albumOf(await t.call('GET', `/api/albums/${album.id}`, { token: ada.accessToken }))).tracks.map((x) => x.status)).toEqual(['unpublished']);
      } finally {
        await dispose();
      }
    },
    SLOW,
  );

  it(
    'holds new releases for moderation when auto-approve is off: admins list, reject with a reason, approve',
    async () => {
      const { t, dispose } = await catalogApp(db());
      try {
        t.services.catalog.options.autoApprove = false;
        const ada = await artistAccount(t);
        const lis = await registerAccount(t, 'lis');
        const root = await adminAccount(t, db);
        const track = await publish(t, ada.accessToken, wav, { title: 'Pending Song' });
        expect(track).toMatchObject({ status: 'ready', moderation: 'pending' });
        await expectError(await t.call('GET', `/api/tracks/${track.id}`, { token: lis.accessToken }), 404, 'TRACK_NOT_FOUND');
        expect(SearchResponse.parse(await (await t.call('GET', '/api/search?q=pending')).json()).tracks).toEqual([]);
        await expectError(await t.call('GET', `/api/tracks/${track.id}/stream`, { token: lis.accessToken }), 404, 'TRACK_NOT_FOUND');

        await expectError(await t.call('GET', '/api/admin/moderation', { token: lis.accessToken }), 403, 'FORBIDDEN');
        await expectError(await t.call('GET', '/api/admin/moderation', { token: ada.accessToken }), 403, 'FORBIDDEN');
        const queue = ModerationListResponse.parse(await (await t.call('GET', '/api/admin/moderation', { token: root.accessToken })).json());
        expect(queue.tracks.map((x) => x.id)).toEqual([track.id]);

        await expectError(await t.call('POST', `/api/admin/moderation/tracks/${track.id}/reject`, { token: root.accessToken, json: {} }), 400, 'VALIDATION_FAILED');
        const rejected = await t.call('POST', `/api/admin/moderation/tracks/${track.id}/reject`, { token: root.accessToken, json: { reason: 'Sample not <b>cleared</b>' } });
        expect(rejected.status).toBe(204);
        const seen = await trackOf(await t.call('GET', `/api/tracks/${track.id}`, { token: ada.accessToken }));
        expect(seen).toMatchObject({ moderation: 'rejected', moderationReason: 'Sample not cleared' });
        await expectError(await t.call('GET', `/api/tracks/${track.id}`, { token: lis.accessToken }), 404, 'TRACK_NOT_FOUND');
        const rejectedList = ModerationListResponse.parse(await (await t.call('GET', '/api/admin/moderation?state=rejected', { token: root.accessToken })).json());
        expect(rejectedList.tracks.map((x) => x.id)).toEqual([track.id]);

        expect((await t.call('POST', `/api/admin/moderation/tracks/${track.id}/approve`, { token: root.accessToken })).status).toBe(204);
        expect((await trackOf(await t.call('GET', `/api/tracks/${track.id}`, { token: lis.accessToken }))).moderation).toBe('approved');
        expect(SearchResponse.parse(await (await t.call('GET', '/api/search?q=pending')).json()).tracks.map((x) => x.id)).toEqual([track.id]);
        await expectError(await t.call('POST', '/api/admin/moderation/tracks/00000000-0000-4000-8000-000000000000/approve', { token: root.accessToken }), 404, 'TRACK_NOT_FOUND');

        // Edits after approval: a price change or an admin's fix stays approved; the artist
        // changing what listeners see sends the track back to the queue until approved again.
        const edit = (token: string, json: object) => t.call('PATCH', `/api/tracks/${track.id}`, { token, json });
        expect((await trackOf(await edit(ada.accessToken, { price: 199, currency: 'EUR', allowPurchase: true }))).moderation).toBe('approved');
        expect((await trackOf(await edit(root.accessToken, { title: 'Pending Song (fixed)' }))).moderation).toBe('approved');
        expect(await trackOf(await edit(ada.accessToken, { title: 'Pending Song <i>v2</i>', lyrics: { text: 'new words' } }))).toMatchObject({ moderation: 'pending', title: 'Pending Song v2' });
        await expectError(await t.call('GET', `/api/tracks/${track.id}`, { token: lis.accessToken }), 404, 'TRACK_NOT_FOUND');
        expect(ModerationListResponse.parse(await (await t.call('GET', '/api/admin/moderation', { token: root.accessToken })).json()).tracks.map((x) => x.id)).toEqual([track.id]);
        expect((await t.call('POST', `/api/admin/moderation/tracks/${track.id}/approve`, { token: root.accessToken })).status).toBe(204);
        expect(await trackOf(await t.call('GET', `/api/tracks/${track.id}`, { token: lis.accessToken }))).toMatchObject({ moderation: 'approved', title: 'Pending Song v2' });
      } finally {
        await dispose();
      }
    },
    SLOW,
  );
});
