import { and, avg, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { albums, albumSaves, artists, tracks, type AlbumRow } from '../../db/schema/catalog';
import { albumRatings } from '../../db/schema/listener';
import { released } from '../catalog/trackView';
import type { SubsonicObject } from './response';
import type { Viewer } from './viewer';

export interface AlbumAggRow {
  album: AlbumRow;
  artistName: string;
  songCount: number;
  durationMs: number;
  playCount: number;
  firstRelease: Date | null;
}

/**
 * Albums with at least one released track, with counts over their released tracks; add
 * `.where(...)`, `.orderBy(...)` etc. (the `tracks` join only sees released tracks).
 */
export function selectAlbums(db: Database) {
  return db
    .select({
      album: albums,
      artistName: artists.name,
      songCount: sql<number>`count(${tracks.id})::int`,
      durationMs: sql<number>`coalesce(sum(${tracks.durationMs}), 0)::bigint`.mapWith(Number),
      playCount: sql<number>`coalesce(sum(${tracks.playCount}), 0)::bigint`.mapWith(Number),
      firstRelease: sql<Date | null>`min(${tracks.releasedAt})`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
    })
    .from(albums)
    .innerJoin(artists, eq(artists.id, albums.artistId))
    .innerJoin(tracks, and(eq(tracks.albumId, albums.id), released()))
    .groupBy(albums.id, artists.name)
    .$dynamic();
}

export function albumObject(r: AlbumAggRow, marks: { starred?: Date; rating?: number; average?: number }): SubsonicObject {
  const a = r.album;
  return {
    id: a.id,
    name: a.title,
    title: a.title,
    album: a.title,
    artist: r.artistName,
    artistId: a.artistId,
    parent: a.artistId,
    isDir: true,
    coverArt: a.coverId ? `al-${a.id}` : undefined,
    songCount: r.songCount,
    duration: Math.round(r.durationMs / 1000),
    playCount: r.playCount,
    created: a.createdAt.toISOString(),
    starred: marks.starred?.toISOString(),
    year: r.firstRelease?.getUTCFullYear(),
    genre: a.genres[0],
    userRating: marks.rating,
    averageRating: marks.average,
    // OpenSubsonic additions.
    genres: a.genres.map((name) => ({ name })),
    displayArtist: r.artistName,
    artists: [{ id: a.artistId, name: r.artistName }],
    isCompilation: a.albumType === 'compilation',
  };
}

/** Subsonic albums (AlbumID3) for these rows with the viewer's saves and ratings. */
export async function toAlbums(db: Database, viewer: Viewer, rows: AlbumAggRow[]): Promise<SubsonicObject[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.album.id);
  const saves = await db
    .select({ id: albumSaves.albumId, at: albumSaves.createdAt })
    .from(albumSaves)
    .where(and(eq(albumSaves.userId, viewer.id), inArray(albumSaves.albumId, ids)));
  const mine = await db
    .select({ id: albumRatings.albumId, rating: albumRatings.rating })
    .from(albumRatings)
    .where(and(eq(albumRatings.userId, viewer.id), inArray(albumRatings.albumId, ids)));
  const means = await db
    .select({ id: albumRatings.albumId, avg: avg(albumRatings.rating) })
    .from(albumRatings)
    .where(inArray(albumRatings.albumId, ids))
    .groupBy(albumRatings.albumId);
  return rows.map((r) => {
    const mean = means.find((m) => m.id === r.album.id)?.avg;
    return albumObject(r, {
      starred: saves.find((s) => s.id === r.album.id)?.at,
      rating: mine.find((m) => m.id === r.album.id)?.rating,
      average: mean ? Math.round(Number(mean) * 100) / 100 : undefined,
    });
  });
}
