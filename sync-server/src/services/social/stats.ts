import { and, avg, count, eq } from 'drizzle-orm';
import type { SocialStats } from '@encore/shared/api/social';
import type { Database } from '../../db/database';
import { albumSaves, artistFollows, trackLikes } from '../../db/schema/catalog';
import { albumRatings, trackRatings } from '../../db/schema/listener';
import { assertAlbum, assertArtist, assertReleasedTrack } from './targets';

const mean = (v: string | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);

/**
 * Counts for a catalog view: one indexed count per relation (every table has an index on
 * its target), plus the viewer's own like/save/follow and rating when signed in.
 */
export async function trackStats(db: Database, trackId: string, viewerId: string | undefined): Promise<SocialStats> {
  await assertReleasedTrack(db, trackId);
  const [likes] = await db.select({ n: count() }).from(trackLikes).where(eq(trackLikes.trackId, trackId));
  const [r] = await db.select({ n: count(), avg: avg(trackRatings.rating) }).from(trackRatings).where(eq(trackRatings.trackId, trackId));
  let viewer: SocialStats['viewer'] = null;
  if (viewerId) {
    const [liked] = await db.select({ n: count() }).from(trackLikes).where(and(eq(trackLikes.trackId, trackId), eq(trackLikes.userId, viewerId)));
    const [mine] = await db.select({ rating: trackRatings.rating }).from(trackRatings).where(and(eq(trackRatings.trackId, trackId), eq(trackRatings.userId, viewerId)));
    viewer = { active: (liked?.n ?? 0) > 0, rating: mine?.rating ?? null };
  }
  return { id: trackId, count: likes?.n ?? 0, ratingCount: r?.n ?? 0, ratingAverage: mean(r?.avg ?? null), viewer };
}

export async function albumStats(db: Database, albumId: string, viewerId: string | undefined): Promise<SocialStats> {
  await assertAlbum(db, albumId);
  const [saves] = await db.select({ n: count() }).from(albumSaves).where(eq(albumSaves.albumId, albumId));
  const [r] = await db.select({ n: count(), avg: avg(albumRatings.rating) }).from(albumRatings).where(eq(albumRatings.albumId, albumId));
  let viewer: SocialStats['viewer'] = null;
  if (viewerId) {
    const [saved] = await db.select({ n: count() }).from(albumSaves).where(and(eq(albumSaves.albumId, albumId), eq(albumSaves.userId, viewerId)));
    const [mine] = await db.select({ rating: albumRatings.rating }).from(albumRatings).where(and(eq(albumRatings.albumId, albumId), eq(albumRatings.userId, viewerId)));
    viewer = { active: (saved?.n ?? 0) > 0, rating: mine?.rating ?? null };
  }
  return { id: albumId, count: saves?.n ?? 0, ratingCount: r?.n ?? 0, ratingAverage: mean(r?.avg ?? null), viewer };
}

export async function artistStats(db: Database, artistId: string, viewerId: string | undefined): Promise<SocialStats> {
  await assertArtist(db, artistId);
  const [followers] = await db.select({ n: count() }).from(artistFollows).where(eq(artistFollows.artistId, artistId));
  let viewer: SocialStats['viewer'] = null;
  if (viewerId) {
    const [mine] = await db.select({ n: count() }).from(artistFollows).where(and(eq(artistFollows.artistId, artistId), eq(artistFollows.userId, viewerId)));
    viewer = { active: (mine?.n ?? 0) > 0, rating: null };
  }
  return { id: artistId, count: followers?.n ?? 0, ratingCount: 0, ratingAverage: null, viewer };
}
