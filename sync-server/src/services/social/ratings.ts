import { and, eq } from 'drizzle-orm';
import type { Rating, RatingKind } from '@encore/shared/api/social';
import type { Database } from '../../db/database';
import { albumRatings, trackRatings } from '../../db/schema/listener';
import { assertAlbum, assertReleasedTrack } from './targets';

/**
 * Sets a 1-5 rating, or clears it with null (Subsonic's `setRating` with 0). Upsert, so
 * repeating it is harmless.
 *
 * @example
 * await setRating(db, 'track', userId, trackId, 4, now);
 */
export async function setRating(db: Database, kind: RatingKind, userId: string, targetId: string, rating: Rating | null, now: Date): Promise<{ rating: Rating | null }> {
  if (kind === 'track') {
    if (rating === null) await db.delete(trackRatings).where(and(eq(trackRatings.userId, userId), eq(trackRatings.trackId, targetId)));
    else {
      await assertReleasedTrack(db, targetId);
      await db
        .insert(trackRatings)
        .values({ userId, trackId: targetId, rating, updatedAt: now })
        .onConflictDoUpdate({ target: [trackRatings.userId, trackRatings.trackId], set: { rating, updatedAt: now } });
    }
  } else if (rating === null) await db.delete(albumRatings).where(and(eq(albumRatings.userId, userId), eq(albumRatings.albumId, targetId)));
  else {
    await assertAlbum(db, targetId);
    await db
      .insert(albumRatings)
      .values({ userId, albumId: targetId, rating, updatedAt: now })
      .onConflictDoUpdate({ target: [albumRatings.userId, albumRatings.albumId], set: { rating, updatedAt: now } });
  }
  return { rating };
}
