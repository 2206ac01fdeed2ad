import { eq } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { FollowedArtistsPage, LikedTracksPage, PlaylistListResponse, PlaylistResponse, RatingsPage, SavedAlbumsPage, SocialStats } from '@encore/shared/api/social';
import { tracks } from '../../db/schema/catalog';
import { playlistEntries } from '../../db/schema/listener';
import { expectError, registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';
import { seedReleases } from '../../test/listenerCatalog';

// The machine is shared: give slow database work room (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const NOPE = '00000000-0000-4000-8000-000000000000';

describeEachDatabase('listener social actions and playlists', (db) => {
  it('likes, saves, follows and rates idempotently, lists them paged and counts them', async () => {
    const t = testApp(db());
    const { album, artist, tracks: [a, b, c] } = await seedReleases(t, db());
    const lis = await registerAccount(t, 'lis');
    const other = await registerAccount(t, 'otto');
    const call = (method: string, path: string, json?: unknown, token = lis.accessToken) => t.call(method, path, { token, ...(json !== undefined ? { json } : {}) });

    for (const tr of [a!, b!, a!]) {
      t.clock.advance(1000);
      const res = await call('PUT', `/api/me/likes/tracks/${tr.id}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ active: true });
    }
    expect((await call('PUT', `/api/me/saves/albums/${album.id}`)).status).toBe(200);
    expect((await call('PUT', `/api/me/follows/artists/${artist.id}`)).status).toBe(200);
    expect((await call('PUT', `/api/me/likes/tracks/${c!.id}`, undefined, other.accessToken)).status).toBe(200);

    const page1 = LikedTracksPage.parse(await (await call('GET', '/api/me/likes?limit=1')).json());
    expect(page1.total).toBe(2);
    expect(page1.items.map((i) => i.track.id)).toEqual([b!.id]);
    expect(page1.nextOffset).toBe(1);
    const page2 = LikedTracksPage.parse(await (await call('GET', '/api/me/likes?limit=1&offset=1')).json());
    expect(page2.items.map((i) => i.track.id)).toEqual([a!.id]);
    expect(page2.nextOffset).toBeNull();
    expect(SavedAlbumsPage.parse(await (await call('GET', '/api/me/saves')).json()).items.map((i) => i.album.id)).toEqual([album.id]);
    expect(FollowedArtistsPage.parse(await (await call('GET', '/api/me/follows')).json()).items.map((i) => i.artist.id)).toEqual([artist.id]);

    expect(await (await call('PUT', `/api/me/ratings/tracks/${a!.id}`, { rating: 4 })).json()).toEqual({ rating: 4 });
    expect(await (await call('PUT', `/api/me/ratings/tracks/${a!.id}`, { rating: 5 })).json()).toEqual({ rating: 5 });
    expect((await call('PUT', `/api/me/ratings/tracks/${a!.id}`, { rating: 2 }, other.accessToken)).status).toBe(200);
    expect((await call('PUT', `/api/me/ratings/albums/${album.id}`, { rating: 3 })).status).toBe(200);
    const rated = RatingsPage.parse(await (await call('GET', '/api/me/ratings?kind=track')).json());
    expect(rated.items).toEqual([expect.objectContaining({ kind: 'track', id: a!.id, title: 'Dawn', rating: 5 })]);
    expect(RatingsPage.parse(await (await call('GET', '/api/me/ratings?kind=album')).json()).items[0]).toMatchObject({ id: album.id, rating: 3 });

    const stats = SocialStats.parse(await (await call('GET', `/api/social/tracks/${a!.id}`)).json());
    expect(stats).toEqual({ id: a!.id, count: 1, ratingCount: 2, ratingAverage: 3.5, viewer: { active: true, rating: 5 } });
    const anon = SocialStats.parse(await (await t.call('GET', `/api/social/tracks/${c!.id}`)).json());
    expect(anon).toMatchObject({ count: 1, viewer: null });
    expect(SocialStats.parse(await (await call('GET', `/api/social/albums/${album.id}`)).json())).toMatchObject({ count: 1, ratingAverage: 3, viewer: { active: true, rating: 3 } });
    expect(SocialStats.parse(await (await call('GET', `/api/social/artists/${artist.id}`)).json())).toMatchObject({ count: 1, ratingCount: 0, viewer: { active: true, rating: null } });

    // Clearing twice is fine; the lists and counts follow.
    for (let i = 0; i < 2; i++) expect(await (await call('DELETE', `/api/me/likes/tracks/${a!.id}`)).json()).toEqual({ active: false });
    expect(await (await call('DELETE', `/api/me/ratings/tracks/${a!.id}`)).json()).toEqual({ rating: null });
    expect(LikedTracksPage.parse(await (await call('GET', '/api/me/likes')).json()).total).toBe(1);
    expect(SocialStats.parse(await (await call('GET', `/api/social/tracks/${a!.id}`)).json())).toMatchObject({ count: 0, ratingCount: 1, viewer: { active: false, rating: null } });

    // An unreleased track disappears from the lists and cannot be liked.
    await db().db.update(tracks).set({ status: 'unpublished' }).where(eq(tracks.id, b!.id));
    expect(LikedTracksPage.parse(await (await call('GET', '/api/me/likes')).json()).total).toBe(0);
    await expectError(await call('PUT', `/api/me/likes/tracks/${b!.id}`), 404, 'TRACK_NOT_FOUND');

    // Bad input.
    await expectError(await t.call('PUT', `/api/me/likes/tracks/${a!.id}`), 401, 'UNAUTHENTICATED');
    await expectError(await call('PUT', '/api/me/likes/tracks/not-a-uuid'), 400, 'VALIDATION_FAILED');
    await expectError(await call('PUT', `/api/me/likes/tracks/${NOPE}`), 404, 'TRACK_NOT_FOUND');
    await expectError(await call('PUT', `/api/me/saves/albums/${NOPE}`), 404, 'ALBUM_NOT_FOUND');
    await expectError(await call('PUT', `/api/me/follows/artists/${NOPE}`), 404, 'ARTIST_NOT_FOUND');
    for (const rating of [0, 6, 2.5, '4']) await expectError(await call('PUT', `/api/me/ratings/tracks/${c!.id}`, { rating }), 400, 'VALIDATION_FAILED');
    await expectError(await call('GET', '/api/me/likes?limit=0'), 400, 'VALIDATION_FAILED');
    await expectError(await call('GET', '/api/me/ratings?kind=artist'), 400, 'VALIDATION_FAILED');
    await expectError(await call('GET', `/api/social/tracks/${NOPE}`), 404, 'TRACK_NOT_FOUND');

    // An album with no released track is not in the catalog: it cannot be saved.
    await db().db.update(tracks).set({ status: 'unpublished' }).where(eq(tracks.albumId, album.id));
    await expectError(await call('PUT', `/api/me/saves/albums/${album.id}`), 404, 'ALBUM_NOT_FOUND');
  });

  it('keeps playlists ordered through add, insert, remove and reorder, transactionally, owner-only', async () => {
    const t = testApp(db());
    const { tracks: [a, b, c] } = await seedReleases(t, db());
    const lis = await registerAccount(t, 'lis');
    const other = await registerAccount(t, 'otto');
    // '' calls anonymously.
    const call = (method: string, path: string, json?: unknown, token = lis.accessToken) => t.call(method, path, { ...(token ? { token } : {}), ...(json !== undefined ? { json } : {}) });
    const order = async (res: Response) => {
      const text = await res.text();
      expect(res.status, text).toBeLessThan(300);
      const { playlist } = PlaylistResponse.parse(JSON.parse(text));
      expect(playlist.entries.map((e) => e.position)).toEqual(playlist.entries.map((_, i) => i));
      return playlist.entries.map((e) => e.track.title);
    };

    const created = await call('POST', '/api/playlists', { name: ' <b>Road</b> trip ', trackIds: [a!.id, b!.id] });
    expect(created.status).toBe(201);
    const { playlist } = PlaylistResponse.parse(await created.clone().json());
    expect(playlist).toMatchObject({ name: 'Road trip', isPublic: false, ownerId: lis.user.id, ownerName: 'lis', trackCount: 2, durationMs: 121_000 });
    expect(playlist.entries[0]).toMatchObject({ addedBy: lis.user.id });
    const id = playlist.id;

    expect(await order(await call('POST', `/api/playlists/${id}/tracks`, { trackIds: [c!.id, a!.id] }))).toEqual(['Dawn', 'Noon', 'Dusk', 'Dawn']);
    expect(await order(await call('POST', `/api/playlists/${id}/tracks`, { trackIds: [c!.id], position: 0 }))).toEqual(['Dusk', 'Dawn', 'Noon', 'Dusk', 'Dawn']);
    expect(await order(await call('PUT', `/api/playlists/${id}/reorder`, { from: 0, to: 4 }))).toEqual(['Dawn', 'Noon', 'Dusk', 'Dawn', 'Dusk']);
    expect(await order(await call('PUT', `/api/playlists/${id}/reorder`, { from: 3, to: 0, count: 2 }))).toEqual(['Dawn', 'Dusk', 'Dawn', 'Noon', 'Dusk']);
    expect(await order(await call('DELETE', `/api/playlists/${id}/tracks/${c!.id}?position=1`))).toEqual(['Dawn', 'Dawn', 'Noon', 'Dusk']);
    expect(await order(await call('DELETE', `/api/playlists/${id}/tracks/${a!.id}`))).toEqual(['Noon', 'Dusk']);

    // A failing change writes nothing: one unknown id among good ones.
    await expectError(await call('POST', `/api/playlists/${id}/tracks`, { trackIds: [a!.id, NOPE] }), 404, 'TRACK_NOT_FOUND');
    await expectError(await call('PUT', `/api/playlists/${id}/reorder`, { from: 1, to: 0, count: 2 }), 400, 'VALIDATION_FAILED');
    expect(await db().db.select().from(playlistEntries).where(eq(playlistEntries.playlistId, id))).toHaveLength(2);

    // Private: invisible to others (not found), then public: readable, still not writable.
    await expectError(await call('GET', `/api/playlists/${id}`, undefined, other.accessToken), 404, 'PLAYLIST_NOT_FOUND');
    await expectError(await call('GET', `/api/playlists/${id}`, undefined, ''), 404, 'PLAYLIST_NOT_FOUND');
    await expectError(await call('POST', `/api/playlists/${id}/tracks`, { trackIds: [a!.id] }, other.accessToken), 404, 'PLAYLIST_NOT_FOUND');
    expect(await order(await call('PUT', `/api/playlists/${id}`, { isPublic: true, description: 'for the car' }))).toEqual(['Noon', 'Dusk']);
    expect(await order(await call('GET', `/api/playlists/${id}`, undefined, ''))).toEqual(['Noon', 'Dusk']);
    await expectError(await call('POST', `/api/playlists/${id}/tracks`, { trackIds: [a!.id] }, other.accessToken), 403, 'FORBIDDEN');
    await expectError(await call('DELETE', `/api/playlists/${id}`, undefined, other.accessToken), 403, 'FORBIDDEN');
    const theirs = PlaylistListResponse.parse(await (await call('GET', `/api/playlists?ownerId=${lis.user.id}`, undefined, other.accessToken)).json());
    expect(theirs.playlists.map((p) => p.id)).toEqual([id]);
    await call('PUT', `/api/playlists/${id}`, { isPublic: false });
    expect(PlaylistListResponse.parse(await (await call('GET', `/api/playlists?ownerId=${lis.user.id}`, undefined, other.accessToken)).json()).playlists).toEqual([]);
    expect(PlaylistListResponse.parse(await (await call('GET', '/api/playlists')).json()).playlists.map((p) => p.id)).toEqual([id]);

    // Bad input.
    await expectError(await call('POST', '/api/playlists', { name: '   ' }), 400, 'VALIDATION_FAILED');
    await expectError(await call('POST', '/api/playlists', { name: 'x', trackIds: ['nope'] }), 400, 'VALIDATION_FAILED');
    await expectError(await call('PUT', `/api/playlists/${id}`, {}), 400, 'VALIDATION_FAILED');
    await expectError(await call('PUT', `/api/playlists/${id}/reorder`, { from: -1, to: 0 }), 400, 'VALIDATION_FAILED');
    await expectError(await call('POST', '/api/playlists', { name: 'x' }, ''), 401, 'UNAUTHENTICATED');

    // Concurrent edits queue on the playlist's row lock: none is lost, positions stay 0..n-1.
    const adds = await Promise.all(Array.from({ length: 6 }, () => call('POST', `/api/playlists/${id}/tracks`, { trackIds: [a!.id] })));
    expect(adds.map((r) => r.status)).toEqual(Array(6).fill(200));
    const positions = (await db().db.select().from(playlistEntries).where(eq(playlistEntries.playlistId, id))).map((e) => e.position).sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 8 }, (_, i) => i));

    expect((await call('DELETE', `/api/playlists/${id}`)).status).toBe(204);
    await expectError(await call('GET', `/api/playlists/${id}`), 404, 'PLAYLIST_NOT_FOUND');
    expect(await db().db.select().from(playlistEntries).where(eq(playlistEntries.playlistId, id))).toHaveLength(0);
  });
});
