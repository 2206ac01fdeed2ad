import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { albums, albumSaves, artistFollows, artists, trackLikes, tracks } from '../../db/schema/catalog';
import { playEvents } from '../../db/schema/catalog';
import { albumRatings } from '../../db/schema/listener';
import { released } from '../../services/catalog/trackView';
import { selectAlbums, toAlbums } from '../../services/subsonic/albums';
import { selectArtists, toArtists } from '../../services/subsonic/artists';
import { missing, SubsonicError } from '../../services/subsonic/response';
import { selectSongs, toSongs } from '../../services/subsonic/songs';
import type { SubsonicCall, SubsonicHandler } from './call';

const ALBUM_LIST_TYPES = ['random', 'newest', 'highest', 'frequent', 'recent', 'alphabeticalByName', 'alphabeticalByArtist', 'starred', 'byYear', 'byGenre'] as const;
type AlbumListType = (typeof ALBUM_LIST_TYPES)[number];
const MAX_PAGE = 500;
const firstYear = sql`extract(year from min(${tracks.releasedAt}))`;

/** A `LIKE` pattern matching the text anywhere, with the wildcards in it taken literally. */
const contains = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
const genreOf = (genre: string): SQL => sql`exists (select 1 from unnest(${tracks.genres}) as g where lower(g) = lower(${genre}))`;

/** The album list of one type: filter (where/having) and order. */
function albumListQuery({ viewer, p }: SubsonicCall, type: AlbumListType): { where?: SQL; having?: SQL; order: SQL[] } {
  switch (type) {
    case 'random':
      return { order: [sql`random()`] };
    case 'newest':
      return { order: [desc(sql`min(${tracks.releasedAt})`), desc(albums.id)] };
    case 'highest':
      return { order: [sql`(select avg(${albumRatings.rating}) from ${albumRatings} where ${albumRatings.albumId} = ${albums.id}) desc nulls last`, asc(albums.title)] };
    case 'frequent':
      return { order: [desc(sql`sum(${tracks.playCount})`), asc(albums.title)] };
    case 'recent': {
      const lastPlay = sql`(select max(pe.created_at) from ${playEvents} pe join ${tracks} t2 on t2.id = pe.track_id where t2.album_id = ${albums.id} and pe.user_id = ${viewer.id})`;
      return { where: sql`${lastPlay} is not null`, order: [sql`${lastPlay} desc`] };
    }
    case 'alphabeticalByName':
      return { order: [asc(sql`lower(${albums.title})`), asc(albums.id)] };
    case 'alphabeticalByArtist':
      return { order: [asc(sql`lower(${artists.name})`), asc(sql`lower(${albums.title})`)] };
    case 'starred':
      return { where: sql`exists (select 1 from ${albumSaves} s where s.album_id = ${albums.id} and s.user_id = ${viewer.id})`, order: [asc(sql`lower(${albums.title})`)] };
    case 'byYear': {
      const from = p.int('fromYear', { min: 0, max: 9999 });
      const to = p.int('toYear', { min: 0, max: 9999 });
      const [lo, hi] = from <= to ? [from, to] : [to, from];
      // Subsonic: fromYear > toYear lists newest first.
      return { having: and(gte(firstYear, lo), lte(firstYear, hi)), order: [from <= to ? asc(sql`min(${tracks.releasedAt})`) : desc(sql`min(${tracks.releasedAt})`)] };
    }
    case 'byGenre': {
      const genre = p.required('genre');
      return { where: sql`(exists (select 1 from unnest(${albums.genres}) as g where lower(g) = lower(${genre})) or ${genreOf(genre)})`, order: [asc(sql`lower(${albums.title})`)] };
    }
  }
}

/** Search text: Subsonic clients send `""` or `*` for "everything". */
const searchText = (q: string | undefined) => (q ?? '').replace(/^"+|"+$/g, '').replace(/\*/g, '').trim();

/** getAlbumList2, getRandomSongs, getStarred2, search3. */
export const listHandlers: Record<string, SubsonicHandler> = {
  getAlbumList2: async (call) => {
    const type = call.p.get('type');
    if (!type) throw missing('type');
    if (!(ALBUM_LIST_TYPES as readonly string[]).includes(type)) throw new SubsonicError(0, `Unknown album list type: ${type.slice(0, 40)}`);
    const size = call.p.int('size', { min: 1, max: MAX_PAGE, fallback: 10 });
    const offset = call.p.int('offset', { min: 0, max: 1_000_000, fallback: 0 });
    const q = albumListQuery(call, type as AlbumListType);
    let query = selectAlbums(call.s.db);
    if (q.where) query = query.where(q.where);
    if (q.having) query = query.having(q.having);
    const rows = await query
      .orderBy(...q.order)
      .limit(size)
      .offset(offset);
    return { albumList2: { album: await toAlbums(call.s.db, call.viewer, rows) } };
  },
  getRandomSongs: async ({ s, viewer, p }) => {
    const size = p.int('size', { min: 1, max: MAX_PAGE, fallback: 10 });
    const genre = p.get('genre');
    const from = p.optionalInt('fromYear', 0, 9999);
    const to = p.optionalInt('toYear', 0, 9999);
    const year = sql`extract(year from ${tracks.releasedAt})`;
    const rows = await selectSongs(s.db)
      .where(and(released(), genre ? genreOf(genre) : undefined, from !== undefined ? gte(year, from) : undefined, to !== undefined ? lte(year, to) : undefined))
      .orderBy(sql`random()`)
      .limit(size);
    return { randomSongs: { song: await toSongs(s.db, viewer, rows) } };
  },
  getStarred2: async ({ s, viewer }) => {
    const artistRows = await selectArtists(s.db)
      .where(sql`exists (select 1 from ${artistFollows} f where f.artist_id = ${artists.id} and f.user_id = ${viewer.id})`)
      .orderBy(asc(artists.name))
      .limit(MAX_PAGE * 2);
    const albumRows = await selectAlbums(s.db)
      .where(sql`exists (select 1 from ${albumSaves} sv where sv.album_id = ${albums.id} and sv.user_id = ${viewer.id})`)
      .orderBy(asc(albums.title))
      .limit(MAX_PAGE * 2);
    const songRows = await selectSongs(s.db)
      .innerJoin(trackLikes, and(eq(trackLikes.trackId, tracks.id), eq(trackLikes.userId, viewer.id)))
      .where(released())
      .orderBy(desc(trackLikes.createdAt))
      .limit(MAX_PAGE * 2);
    return {
      starred2: {
        artist: await toArtists(s.db, viewer, artistRows),
        album: await toAlbums(s.db, viewer, albumRows),
        song: await toSongs(s.db, viewer, songRows),
      },
    };
  },
  /** Substring or typo-tolerant (pg_trgm) matches on names; an empty query lists everything, paged. */
  search3: async ({ s, viewer, p }) => {
    const q = searchText(p.get('query'));
    const page = (kind: string) => ({ size: p.int(`${kind}Count`, { min: 0, max: MAX_PAGE, fallback: 20 }), offset: p.int(`${kind}Offset`, { min: 0, max: 1_000_000, fallback: 0 }) });
    const [ar, al, so] = [page('artist'), page('album'), page('song')];
    const match = (col: SQL | typeof artists.name) => (q ? sql`(${col} ilike ${contains(q)} or ${col} % ${q} or ${q} <% ${col})` : undefined);
    const rank = (col: SQL | typeof artists.name) => (q ? [desc(sql`similarity(${col}, ${q})`), asc(sql`lower(${col})`)] : [asc(sql`lower(${col})`)]);
    const artistRows = ar.size === 0 ? [] : await selectArtists(s.db).where(match(artists.name)).orderBy(...rank(artists.name), asc(artists.id)).limit(ar.size).offset(ar.offset);
    const albumRows = al.size === 0 ? [] : await selectAlbums(s.db).where(match(sql`${albums.title}`)).orderBy(...rank(sql`${albums.title}`), asc(albums.id)).limit(al.size).offset(al.offset);
    const songRows =
      so.size === 0
        ? []
        : await selectSongs(s.db)
            .where(and(released(), q ? sql`(${match(sql`${tracks.title}`)} or ${match(artists.name)})` : undefined))
            .orderBy(...rank(sql`${tracks.title}`), asc(tracks.id))
            .limit(so.size)
            .offset(so.offset);
    return {
      searchResult3: {
        artist: await toArtists(s.db, viewer, artistRows),
        album: await toAlbums(s.db, viewer, albumRows),
        song: await toSongs(s.db, viewer, songRows),
      },
    };
  },
};
