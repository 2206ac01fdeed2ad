import { eq } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { albums, playEvents, tracks } from '../../db/schema/catalog';
import { registerAccount } from '../../test/accounts';
import { describeEachDatabase } from '../../test/databases';
import { testApp } from '../../test/harness';
import { seedReleases } from '../../test/listenerCatalog';
import { expectSubsonicError, restJson, restXml, subsonicCredential, type SubsonicJson } from '../../test/subsonic';

// The machine is shared: give slow database work room (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const NOPE = '00000000-0000-4000-8000-000000000000';
const ALBUM_TYPES = ['random', 'newest', 'highest', 'frequent', 'recent', 'alphabeticalByName', 'alphabeticalByArtist', 'starred'];

describeEachDatabase('Subsonic browsing, lists, annotation and playlists', (db) => {
  it('browses the catalog by ID3 and by folders, in JSON and well-formed XML', async () => {
    const t = testApp(db());
    const { artist, album, tracks: [a, b] } = await seedReleases(t, db(), { user: 'beacons', name: 'The Beacons' });
    await seedReleases(t, db(), { user: 'zoe', titles: ['Zenith'] });
    const lis = await registerAccount(t, 'lis');
    const auth = { apiKey: await subsonicCredential(t, lis.accessToken, 'api_key') };
    const get = (m: string, p: Record<string, string | string[]> = {}) => restJson(t, m, { ...auth, ...p });

    expect((await get('getLicense')).license.valid).toBe(true);
    expect((await get('getMusicFolders')).musicFolders.musicFolder).toEqual([{ id: 1, name: 'Encore catalog' }]);
    const artists = (await get('getArtists')).artists;
    expect(artists.ignoredArticles).toContain('The');
    // "The Beacons" is indexed under B.
    expect(artists.index.map((i: { name: string }) => i.name)).toEqual(['B', 'Z']);
    expect(artists.index[0].artist[0]).toMatchObject({ id: artist.id, name: 'The Beacons', albumCount: 1 });
    expect((await get('getIndexes')).indexes.index[0].artist[0]).toMatchObject({ id: artist.id, name: 'The Beacons' });

    const ar = (await get('getArtist', { id: artist.id })).artist;
    expect(ar.album).toHaveLength(1);
    expect(ar.album[0]).toMatchObject({ id: album.id, name: 'First Light', songCount: 3, duration: 183, artistId: artist.id, genre: 'Ambient' });
    const al = (await get('getAlbum', { id: album.id })).album;
    expect(al.song.map((s: { title: string }) => s.title)).toEqual(['Dawn', 'Noon', 'Dusk']);
    expect(al.song[0]).toMatchObject({ id: a!.id, parent: album.id, isDir: false, album: 'First Light', artist: 'The Beacons', track: 1, duration: 60, type: 'music', albumId: album.id, artistId: artist.id, mediaType: 'song' });
    expect((await get('getSong', { id: b!.id })).song).toMatchObject({ id: b!.id, title: 'Noon' });
    const dir = (await get('getMusicDirectory', { id: artist.id })).directory;
    expect(dir).toMatchObject({ id: artist.id, name: 'The Beacons' });
    expect(dir.child[0]).toMatchObject({ id: album.id, isDir: true, title: 'First Light' });
    expect((await get('getMusicDirectory', { id: album.id })).directory.child).toHaveLength(3);
    expect((await get('getGenres')).genres.genre).toEqual([{ songCount: 4, albumCount: 2, value: 'Ambient' }]);

    const xml = await restXml(t, 'getAlbum', { ...auth, id: album.id });
    expect(xml).toContain(`<album id="${album.id}" name="First Light"`);
    expect(xml).toMatch(/<song [^>]*title="Dawn"/);
    expect(await restXml(t, 'getGenres', auth)).toContain('<genre songCount="4" albumCount="2">Ambient</genre>');
    expect(await restXml(t, 'getArtists.view', auth)).toContain('<index name="B">');

    // Drafts and unknown ids are "not found" (70); a malformed id too.
    await db().db.update(tracks).set({ status: 'unpublished' }).where(eq(tracks.id, a!.id));
    await expectSubsonicError(get('getSong', { id: a!.id }), 70);
    expect((await get('getAlbum', { id: album.id })).album.song).toHaveLength(2);
    await expectSubsonicError(get('getAlbum', { id: NOPE }), 70);
    await expectSubsonicError(get('getArtist', { id: 'al-123' }), 70);
    await expectSubsonicError(get('getMusicDirectory', { id: NOPE }), 70);
    await expectSubsonicError(get('getAlbum'), 10);
  });

  it('lists albums of every type, random songs and search3 (empty query = everything, paged)', async () => {
    const t = testApp(db());
    const { album, tracks: [a] } = await seedReleases(t, db());
    const second = await seedReleases(t, db(), { user: 'bob', name: 'bo', titles: ['Midnight Drive', 'Morning'] });
    await db().db.update(albums).set({ title: 'Afterglow', genres: ['Synthwave'] }).where(eq(albums.id, second.album.id));
    const lis = await registerAccount(t, 'lis');
    const auth = { apiKey: await subsonicCredential(t, lis.accessToken, 'api_key') };
    const get = (m: string, p: Record<string, string | string[]> = {}) => restJson(t, m, { ...auth, ...p });

    for (const type of ALBUM_TYPES) expect((await get('getAlbumList2', { type })).status, type).toBe('ok');
    expect((await get('getAlbumList2', { type: 'alphabeticalByName' })).albumList2.album.map((x: { name: string }) => x.name)).toEqual(['Afterglow', 'First Light']);
    expect((await get('getAlbumList2', { type: 'alphabeticalByName', size: '1', offset: '1' })).albumList2.album.map((x: { name: string }) => x.name)).toEqual(['First Light']);
    expect((await get('getAlbumList2', { type: 'alphabeticalByArtist' })).albumList2.album.map((x: { artist: string }) => x.artist)).toEqual(['ada', 'bo']);
    const year = String(t.clock.now().getUTCFullYear());
    expect((await get('getAlbumList2', { type: 'byYear', fromYear: year, toYear: year })).albumList2.album).toHaveLength(2);
    expect((await get('getAlbumList2', { type: 'byYear', fromYear: '1990', toYear: '1999' })).albumList2.album ?? []).toHaveLength(0);
    expect((await get('getAlbumList2', { type: 'byGenre', genre: 'synthwave' })).albumList2.album.map((x: { id: string }) => x.id)).toEqual([second.album.id]);
    expect((await get('getAlbumList2', { type: 'starred' })).albumList2.album ?? []).toHaveLength(0);
    expect((await get('getAlbumList2', { type: 'recent' })).albumList2.album ?? []).toHaveLength(0);
    await expectSubsonicError(get('getAlbumList2', {}), 10);
    await expectSubsonicError(get('getAlbumList2', { type: 'byYear' }), 10);
    await expectSubsonicError(get('getAlbumList2', { type: 'byGenre' }), 10);
    await expectSubsonicError(get('getAlbumList2', { type: 'bogus' }), 0);
    await expectSubsonicError(get('getAlbumList2', { type: 'newest', size: '501' }), 0);
    await expectSubsonicError(get('getAlbumList2', { type: 'newest', offset: '-1' }), 0);

    const random = (await get('getRandomSongs', { size: '3' })).randomSongs.song;
    expect(random).toHaveLength(3);
    expect((await get('getRandomSongs', { size: '50', genre: 'nope' })).randomSongs.song ?? []).toHaveLength(0);

    const everything = (await get('search3', { query: '' })).searchResult3;
    expect(everything.song).toHaveLength(5);
    expect(everything.album).toHaveLength(2);
    expect(everything.artist).toHaveLength(2);
    expect((await get('search3', { query: '""', songCount: '2', songOffset: '4', albumCount: '0', artistCount: '0' })).searchResult3).toEqual({ artist: [], album: [], song: [expect.objectContaining({ title: expect.any(String) })] });
    const paged = [0, 2, 4].map((o) => get('search3', { query: '', songCount: '2', songOffset: String(o) }));
    const titles = (await Promise.all(paged)).flatMap((r) => r.searchResult3.song.map((s: { title: string }) => s.title));
    expect(new Set(titles).size).toBe(5);
    // Substring and typo-tolerant matches.
    expect((await get('search3', { query: 'midnigt' })).searchResult3.song.map((s: { title: string }) => s.title)).toEqual(['Midnight Drive']);
    expect((await get('search3', { query: 'light' })).searchResult3.album.map((s: { id: string }) => s.id)).toEqual([album.id]);
    expect((await get('search3', { query: '100%_' })).searchResult3.song ?? []).toHaveLength(0);
    await expectSubsonicError(get('search3', { query: 'x', songCount: 'many' }), 0);
    expect(a).toBeDefined();
  });

  it('stars, rates and scrobbles (idempotently), with getStarred2 and the REST lists agreeing', async () => {
    const t = testApp(db());
    const { artist, album, tracks: [a, b] } = await seedReleases(t, db());
    const lis = await registerAccount(t, 'lis');
    const auth = { apiKey: await subsonicCredential(t, lis.accessToken, 'api_key') };
    const get = (m: string, p: Record<string, string | string[]> = {}) => restJson(t, m, { ...auth, ...p });

    expect((await get('star', { id: [a!.id, b!.id], albumId: album.id, artistId: artist.id })).status).toBe('ok');
    expect((await get('star', { id: a!.id })).status).toBe('ok');
    const starred = (await get('getStarred2')).starred2;
    expect(starred.song.map((s: { id: string }) => s.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(starred.song[0].starred).toEqual(expect.any(String));
    expect(starred.album[0]).toMatchObject({ id: album.id, starred: expect.any(String) });
    expect(starred.artist[0]).toMatchObject({ id: artist.id, starred: expect.any(String) });
    const likes = await (await t.call('GET', '/api/me/likes', { token: lis.accessToken })).json();
    expect((likes as { total: number }).total).toBe(2);
    // A bare id naming an album stars (saves) the album.
    expect((await get('unstar', { albumId: album.id })).status).toBe('ok');
    expect((await get('star', { id: album.id })).status).toBe('ok');
    expect((await get('getStarred2')).starred2.album).toHaveLength(1);
    expect((await get('unstar', { id: [b!.id, album.id, NOPE] })).status).toBe('ok');
    expect((await get('getStarred2')).starred2.song.map((s: { id: string }) => s.id)).toEqual([a!.id]);
    expect((await get('getStarred2')).starred2.album ?? []).toHaveLength(0);
    await expectSubsonicError(get('star', { id: NOPE }), 70);
    await expectSubsonicError(get('star', {}), 10);

    expect((await get('setRating', { id: a!.id, rating: '4' })).status).toBe('ok');
    expect((await get('setRating', { id: album.id, rating: '5' })).status).toBe('ok');
    expect((await get('getSong', { id: a!.id })).song).toMatchObject({ userRating: 4, averageRating: 4 });
    expect((await get('getAlbum', { id: album.id })).album).toMatchObject({ userRating: 5 });
    expect((await get('getAlbumList2', { type: 'highest' })).albumList2.album[0].id).toBe(album.id);
    expect((await get('setRating', { id: a!.id, rating: '0' })).status).toBe('ok');
    expect((await get('getSong', { id: a!.id })).song.userRating).toBeUndefined();
    await expectSubsonicError(get('setRating', { id: a!.id, rating: '6' }), 0);
    await expectSubsonicError(get('setRating', { id: a!.id }), 10);
    await expectSubsonicError(get('setRating', { id: artist.id, rating: '3' }), 0);

    // Scrobbles: a replay with the same time counts once; "now playing" records nothing.
    const time = String(t.clock.now().getTime());
    for (let i = 0; i < 3; i++) expect((await get('scrobble', { id: a!.id, time })).status).toBe('ok');
    expect((await get('scrobble', { id: b!.id, submission: 'false' })).status).toBe('ok');
    expect((await get('scrobble', { id: b!.id })).status).toBe('ok');
    expect((await get('scrobble', { id: b!.id })).status).toBe('ok');
    const plays = await db().db.select().from(playEvents);
    expect(plays.map((p) => p.trackId).sort()).toEqual([a!.id, b!.id].sort());
    expect(plays.every((p) => p.counted)).toBe(true);
    expect((await get('getSong', { id: a!.id })).song.playCount).toBe(1);
    expect((await get('getAlbumList2', { type: 'recent' })).albumList2.album.map((x: { id: string }) => x.id)).toEqual([album.id]);
    expect((await get('getAlbumList2', { type: 'frequent' })).albumList2.album[0]).toMatchObject({ id: album.id, playCount: 2 });
    // A bad id anywhere in the batch records nothing.
    await expectSubsonicError(get('scrobble', { id: [b!.id, NOPE], time: ['1', '2'] }), 70);
    await expectSubsonicError(get('scrobble', { id: [a!.id, b!.id], time: ['1'] }), 0);
    expect(await db().db.select().from(playEvents)).toHaveLength(2);
  });

  it('manages playlists: create, read, update (add/remove by index), replace, delete; owners only', async () => {
    const t = testApp(db());
    const { tracks: [a, b, c] } = await seedReleases(t, db());
    const lis = await registerAccount(t, 'lis');
    const otto = await registerAccount(t, 'otto');
    const auth = { apiKey: await subsonicCredential(t, lis.accessToken, 'api_key') };
    const ottoAuth = { apiKey: await subsonicCredential(t, otto.accessToken, 'api_key') };
    const get = (m: string, p: Record<string, string | string[]> = {}, who = auth) => restJson(t, m, { ...who, ...p });
    const titles = (r: SubsonicJson) => (r.playlist.entry ?? []).map((s: { title: string }) => s.title);

    const created = await get('createPlaylist', { name: 'Mix', songId: [a!.id, b!.id, a!.id] });
    expect(created.playlist).toMatchObject({ name: 'Mix', owner: 'lis', public: false, songCount: 3, duration: 181 });
    expect(titles(created)).toEqual(['Dawn', 'Noon', 'Dawn']);
    const id = created.playlist.id as string;
    expect((await get('updatePlaylist', { playlistId: id, name: 'Mix 2', comment: 'hi', public: 'true', songIdToAdd: c!.id, songIndexToRemove: ['0', '2'] })).status).toBe('ok');
    const read = await get('getPlaylist', { id });
    expect(read.playlist).toMatchObject({ name: 'Mix 2', comment: 'hi', public: true });
    expect(titles(read)).toEqual(['Noon', 'Dusk']);
    expect(titles(await get('createPlaylist', { playlistId: id, songId: [c!.id] }))).toEqual(['Dusk']);
    expect((await get('getPlaylists')).playlists.playlist.map((p: { id: string }) => p.id)).toEqual([id]);
    // Public: others list and read it, but cannot change it.
    expect((await get('getPlaylists', {}, ottoAuth)).playlists.playlist.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(titles(await get('getPlaylist', { id }, ottoAuth))).toEqual(['Dusk']);
    await expectSubsonicError(get('updatePlaylist', { playlistId: id, name: 'mine' }, ottoAuth), 50);
    await expectSubsonicError(get('deletePlaylist', { id }, ottoAuth), 50);
    await expectSubsonicError(get('getPlaylists', { username: 'lis' }, ottoAuth), 50);
    await get('updatePlaylist', { playlistId: id, public: 'false' });
    await expectSubsonicError(get('getPlaylist', { id }, ottoAuth), 70);

    await expectSubsonicError(get('createPlaylist', {}), 10);
    await expectSubsonicError(get('createPlaylist', { name: 'x', songId: NOPE }), 70);
    await expectSubsonicError(get('updatePlaylist', { playlistId: id, songIndexToRemove: 'x' }), 0);
    await expectSubsonicError(get('updatePlaylist', { playlistId: id, public: 'maybe' }), 0);
    expect(await restXml(t, 'getPlaylist', { ...auth, id })).toMatch(/<playlist [^>]*name="Mix 2"[^>]*><entry /);
    expect((await get('deletePlaylist', { id })).status).toBe('ok');
    await expectSubsonicError(get('getPlaylist', { id }), 70);

    // getUser: one's own; someone else's only for admins.
    expect((await get('getUser', { username: 'lis' })).user).toMatchObject({ username: 'lis', streamRole: true, adminRole: false, folder: [1] });
    await expectSubsonicError(get('getUser', { username: 'otto' }), 50);
    expect(await restXml(t, 'getUser', { ...auth, username: 'lis' })).toContain('<folder>1</folder>');
  });
});
