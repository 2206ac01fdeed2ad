import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AlbumSummary, ArtistListResponse, GenreListResponse } from '@encore/shared/api/catalogReleases';
import type { CatalogTrack } from '@encore/shared/api/catalog';
import type { Database } from '../../db/database';
import { albums, artists, tracks, type AlbumRow } from '../../db/schema/catalog';
import { released, selectTracks, withDetails } from './trackView';

/** Rows of a raw query on either driver (postgres-js answers an array, PGlite `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/** True for tracks carrying `genre` (labels compare case-insensitively). */
const hasGenre = (column: AnyColumn, genre: string): SQL => sql`exists (select 1 from unnest(${column}) as g where lower(g) = lower(${genre}))`;

/** Albums anyone may see: at least one released track. */
export const albumHasRelease = (): SQL => sql`exists (select 1 from ${tracks} where ${tracks.albumId} = ${albums.id} and ${tracks.status} = 'ready' and ${tracks.moderation} = 'approved')`;

export function albumSummary(a: AlbumRow, artistName: string): AlbumSummary {
  return { id: a.id, title: a.title, albumType: a.albumType, artistId: a.artistId, artistName, genres: a.genres, coverId: a.coverId, createdAt: a.createdAt.toISOString() };
}

/** Genres of released tracks with their track and album counts, most tracks first. */
export async function genres(db: Database): Promise<GenreListResponse['genres']> {
  const result = await db.execute(sql`
    select min(g) as name, count(distinct t.id)::int as "trackCount", count(distinct t.album_id)::int as "albumCount"
    from ${tracks} t cross join lateral unnest(t.genres) as g
    where t.status = 'ready' and t.moderation = 'approved'
    group by lower(g) order by 2 desc, 1 limit 500`);
  return rowsOf<{ name: string; trackCount: number; albumCount: number }>(result);
}

/** Released tracks of a genre, most played first. */
export async function tracksByGenre(db: Database, genre: string, limit: number, offset: number): Promise<CatalogTrack[]> {
  const rows = await selectTracks(db)
    .where(and(released(), hasGenre(tracks.genres, genre)))
    .orderBy(desc(tracks.playCount), desc(tracks.releasedAt), desc(tracks.id))
    .limit(limit)
    .offset(offset);
  return withDetails(db, rows);
}

/** Albums tagged with a genre, or holding a released track of it; newest first. */
export async function albumsByGenre(db: Database, genre: string, limit: number, offset: number): Promise<AlbumSummary[]> {
  const trackOfGenre = sql`exists (select 1 from ${tracks} where ${tracks.albumId} = ${albums.id} and ${tracks.status} = 'ready' and ${tracks.moderation} = 'approved' and ${hasGenre(tracks.genres, genre)})`;
  return albumList(db, and(albumHasRelease(), sql`(${hasGenre(albums.genres, genre)} or ${trackOfGenre})`)!, limit, offset);
}

/** Albums with at least one released track, newest first. */
export function newAlbums(db: Database, limit: number, offset: number): Promise<AlbumSummary[]> {
  return albumList(db, albumHasRelease(), limit, offset);
}

async function albumList(db: Database, where: SQL, limit: number, offset: number): Promise<AlbumSummary[]> {
  const rows = await db.select({ album: albums, artistName: artists.name }).from(albums).innerJoin(artists, eq(artists.id, albums.artistId)).where(where).orderBy(desc(albums.createdAt), desc(albums.id)).limit(limit).offset(offset);
  return rows.map((r) => albumSummary(r.album, r.artistName));
}

/** Artists with at least one released track, by name. */
export async function artistList(db: Database, limit: number, offset: number): Promise<ArtistListResponse['artists']> {
  const trackCount = sql<number>`count(${tracks.id})::int`;
  const rows = await db
    .select({ artist: artists, trackCount })
    .from(artists)
    .innerJoin(tracks, and(eq(tracks.artistId, artists.id), released()))
    .groupBy(artists.id)
    .orderBy(asc(sql`lower(${artists.name})`), asc(artists.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ id: r.artist.id, name: r.artist.name, bio: r.artist.bio, userId: r.artist.userId, trackCount: Number(r.trackCount) }));
}
