import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { albums, artistFollows, artists, tracks } from '../../db/schema/catalog';
import { rowsOf } from '../../services/catalog/browse';
import { released } from '../../services/catalog/trackView';
import { selectAlbums, toAlbums } from '../../services/subsonic/albums';
import { IGNORED_ARTICLES, indexed, selectArtists, toArtists } from '../../services/subsonic/artists';
import { SubsonicParams } from '../../services/subsonic/params';
import { notFound, type SubsonicObject } from '../../services/subsonic/response';
import { selectSongs, toSongs } from '../../services/subsonic/songs';
import type { SubsonicCall, SubsonicHandler } from './call';

async function allArtists({ s, viewer }: SubsonicCall): Promise<SubsonicObject[]> {
  return toArtists(s.db, viewer, await selectArtists(s.db).orderBy(asc(artists.name)).limit(10_000));
}

async function artistAlbums({ s, viewer }: SubsonicCall, artistId: string) {
  return toAlbums(s.db, viewer, await selectAlbums(s.db).where(eq(albums.artistId, artistId)).orderBy(asc(sql`min(${tracks.releasedAt})`), asc(albums.title)));
}

async function albumWithSongs(call: SubsonicCall, albumId: string) {
  const [row] = await selectAlbums(call.s.db).where(eq(albums.id, albumId));
  if (!row) throw notFound('Album');
  const [album] = await toAlbums(call.s.db, call.viewer, [row]);
  const songRows = await selectSongs(call.s.db)
    .where(and(eq(tracks.albumId, albumId), released()))
    .orderBy(asc(tracks.trackNumber), asc(tracks.title));
  return { album: album!, songs: await toSongs(call.s.db, call.viewer, songRows) };
}

async function artistHead(call: SubsonicCall, artistId: string) {
  const [row] = await selectArtists(call.s.db).where(eq(artists.id, artistId));
  if (!row) throw notFound('Artist');
  return (await toArtists(call.s.db, call.viewer, [row]))[0]!;
}

/** getIndexes, getArtists, getMusicDirectory, getArtist, getAlbum, getSong, getGenres. */
export const browsingHandlers: Record<string, SubsonicHandler> = {
  getIndexes: async (call) => {
    const [latest] = await call.s.db.select({ at: sql<string | null>`max(${tracks.releasedAt})` }).from(tracks).where(released());
    const list = (await allArtists(call)).map((a) => ({ id: a.id, name: a.name, starred: a.starred }));
    return { indexes: { lastModified: latest?.at ? new Date(latest.at).getTime() : 0, ignoredArticles: IGNORED_ARTICLES.join(' '), index: indexed(list) } };
  },
  getArtists: async (call) => ({ artists: { ignoredArticles: IGNORED_ARTICLES.join(' '), index: indexed(await allArtists(call)) } }),
  getArtist: async (call) => {
    const id = call.p.id('id', 'Artist');
    const head = await artistHead(call, id);
    return { artist: { ...head, album: await artistAlbums(call, id) } };
  },
  getAlbum: async (call) => {
    const { album, songs } = await albumWithSongs(call, call.p.id('id', 'Album'));
    return { album: { ...album, song: songs } };
  },
  getSong: async ({ s, viewer, p }) => {
    const rows = await selectSongs(s.db).where(and(eq(tracks.id, p.id('id', 'Song')), released()));
    const [song] = await toSongs(s.db, viewer, rows);
    if (!song) throw notFound('Song');
    return { song };
  },
  /** A directory is an artist (its albums, then its singles) or an album (its songs). */
  getMusicDirectory: async (call) => {
    const id = SubsonicParams.uuidOr70(call.p.required('id'), 'Directory');
    const [artist] = await call.s.db.select().from(artists).where(eq(artists.id, id));
    if (artist) {
      const head = await artistHead(call, id);
      const singles = await selectSongs(call.s.db)
        .where(and(eq(tracks.artistId, id), sql`${tracks.albumId} is null`, released()))
        .orderBy(desc(tracks.releasedAt));
      const [follow] = await call.s.db
        .select()
        .from(artistFollows)
        .where(and(eq(artistFollows.userId, call.viewer.id), eq(artistFollows.artistId, id)));
      return { directory: { id, name: head.name, starred: follow?.createdAt.toISOString(), child: [...(await artistAlbums(call, id)), ...(await toSongs(call.s.db, call.viewer, singles))] } };
    }
    const { album, songs } = await albumWithSongs(call, id).catch(() => {
      throw notFound('Directory');
    });
    return { directory: { id, parent: album.artistId, name: album.name, starred: album.starred, playCount: album.playCount, child: songs } };
  },
  getGenres: async ({ s }) => {
    const rows = await s.db.execute<{ name: string; songs: number; albums: number }>(
      sql`select g as name, count(distinct t.id)::int as songs, count(distinct t.album_id)::int as albums
          from ${tracks} t, unnest(t.genres) g
          where t.status = 'ready' and t.moderation = 'approved'
          group by g order by count(distinct t.id) desc, g`,
    );
    const list = rowsOf<{ name: string; songs: number; albums: number }>(rows);
    return { genres: { genre: list.map((g) => ({ songCount: Number(g.songs), albumCount: Number(g.albums), value: g.name })) } };
  },
};
