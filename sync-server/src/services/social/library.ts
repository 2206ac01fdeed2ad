import { and, count, desc, eq } from 'drizzle-orm';
import type { CatalogAlbum, CatalogArtist } from '@encore/shared/api/catalog';
import type { FollowedArtistsPage, LikedTracksPage, PageQuery, RatingKind, RatingsPage, SavedAlbumsPage } from '@encore/shared/api/social';
import type { Database } from '../../db/database';
import { albums, albumSaves, artistFollows, artists, trackLikes, tracks, type AlbumRow } from '../../db/schema/catalog';
import { albumRatings, trackRatings } from '../../db/schema/listener';
import { toArtist } from '../catalog/search';
import { released, withDetails } from '../catalog/trackView';

export const toAlbumHead = (a: AlbumRow, artistName: string): Omit<CatalogAlbum, 'tracks'> => ({
  id: a.id,
  title: a.title,
  albumType: a.albumType,
  artistId: a.artistId,
  artistName,
  genres: a.genres,
  coverId: a.coverId,
  createdAt: a.createdAt.toISOString(),
});

const next = (page: PageQuery, got: number, total: number) => (page.offset + got < total ? page.offset + got : null);

/** The listener's liked tracks, newest like first; tracks no longer released are left out. */
export async function likedTracks(db: Database, userId: string, page: PageQuery): Promise<LikedTracksPage> {
  const where = and(eq(trackLikes.userId, userId), released());
  const rows = await db
    .select({ track: tracks, artistName: artists.name, albumCoverId: albums.coverId, likedAt: trackLikes.createdAt })
    .from(trackLikes)
    .innerJoin(tracks, eq(tracks.id, trackLikes.trackId))
    .innerJoin(artists, eq(artists.id, tracks.artistId))
    .leftJoin(albums, eq(albums.id, tracks.albumId))
    .where(where)
    .orderBy(desc(trackLikes.createdAt), desc(tracks.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(trackLikes).innerJoin(tracks, eq(tracks.id, trackLikes.trackId)).where(where);
  const details = await withDetails(db, rows);
  const items = details.map((track, i) => ({ track, likedAt: rows[i]!.likedAt.toISOString() }));
  return { items, total: total?.n ?? 0, nextOffset: next(page, items.length, total?.n ?? 0) };
}

/** The listener's saved albums, newest save first. */
export async function savedAlbums(db: Database, userId: string, page: PageQuery): Promise<SavedAlbumsPage> {
  const rows = await db
    .select({ album: albums, artistName: artists.name, savedAt: albumSaves.createdAt })
    .from(albumSaves)
    .innerJoin(albums, eq(albums.id, albumSaves.albumId))
    .innerJoin(artists, eq(artists.id, albums.artistId))
    .where(eq(albumSaves.userId, userId))
    .orderBy(desc(albumSaves.createdAt), desc(albums.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(albumSaves).where(eq(albumSaves.userId, userId));
  const items = rows.map((r) => ({ album: toAlbumHead(r.album, r.artistName), savedAt: r.savedAt.toISOString() }));
  return { items, total: total?.n ?? 0, nextOffset: next(page, items.length, total?.n ?? 0) };
}

/** The artists the listener follows, newest follow first. */
export async function followedArtists(db: Database, userId: string, page: PageQuery): Promise<FollowedArtistsPage> {
  const rows = await db
    .select({ artist: artists, followedAt: artistFollows.createdAt })
    .from(artistFollows)
    .innerJoin(artists, eq(artists.id, artistFollows.artistId))
    .where(eq(artistFollows.userId, userId))
    .orderBy(desc(artistFollows.createdAt), desc(artists.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(artistFollows).where(eq(artistFollows.userId, userId));
  const items = rows.map((r) => ({ artist: toArtist(r.artist) satisfies CatalogArtist, followedAt: r.followedAt.toISOString() }));
  return { items, total: total?.n ?? 0, nextOffset: next(page, items.length, total?.n ?? 0) };
}

/** The listener's ratings of one kind, most recent first. */
export async function ratings(db: Database, userId: string, kind: RatingKind, page: PageQuery): Promise<RatingsPage> {
  if (kind === 'track') {
    const where = and(eq(trackRatings.userId, userId), released());
    const rows = await db
      .select({ id: tracks.id, title: tracks.title, artistName: artists.name, rating: trackRatings.rating, at: trackRatings.updatedAt })
      .from(trackRatings)
      .innerJoin(tracks, eq(tracks.id, trackRatings.trackId))
      .innerJoin(artists, eq(artists.id, tracks.artistId))
      .where(where)
      .orderBy(desc(trackRatings.updatedAt), desc(tracks.id))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await db.select({ n: count() }).from(trackRatings).innerJoin(tracks, eq(tracks.id, trackRatings.trackId)).where(where);
    const items = rows.map((r) => ({ kind, id: r.id, title: r.title, artistName: r.artistName, rating: r.rating, ratedAt: r.at.toISOString() }));
    return { items, total: total?.n ?? 0, nextOffset: next(page, items.length, total?.n ?? 0) };
  }
  const rows = await db
    .select({ id: albums.id, title: albums.title, artistName: artists.name, rating: albumRatings.rating, at: albumRatings.updatedAt })
    .from(albumRatings)
    .innerJoin(albums, eq(albums.id, albumRatings.albumId))
    .innerJoin(artists, eq(artists.id, albums.artistId))
    .where(eq(albumRatings.userId, userId))
    .orderBy(desc(albumRatings.updatedAt), desc(albums.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(albumRatings).where(eq(albumRatings.userId, userId));
  const items = rows.map((r) => ({ kind, id: r.id, title: r.title, artistName: r.artistName, rating: r.rating, ratedAt: r.at.toISOString() }));
  return { items, total: total?.n ?? 0, nextOffset: next(page, items.length, total?.n ?? 0) };
}
