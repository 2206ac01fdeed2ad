import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { albumSaves, artistFollows, trackLikes } from '../../db/schema/catalog';
import { assertAlbum, assertArtist, assertReleasedTrack } from './targets';

/** The three yes/no marks a listener puts on the catalog (Subsonic's "star"). */
export type MarkKind = 'like' | 'save' | 'follow';

/**
 * Sets or clears a mark; both are idempotent (a second like is a no-op, unliking an unliked
 * track too), so a client may retry after a lost answer. Setting checks the target exists;
 * clearing does not, so a mark on a since-removed item can always go.
 *
 * @example
 * await setMark(db, 'like', userId, trackId, true, now);
 */
export async function setMark(db: Database, kind: MarkKind, userId: string, targetId: string, active: boolean, now: Date): Promise<{ active: boolean }> {
  if (kind === 'like') {
    if (!active) await db.delete(trackLikes).where(and(eq(trackLikes.userId, userId), eq(trackLikes.trackId, targetId)));
    else {
      await assertReleasedTrack(db, targetId);
      await db.insert(trackLikes).values({ userId, trackId: targetId, createdAt: now }).onConflictDoNothing();
    }
  } else if (kind === 'save') {
    if (!active) await db.delete(albumSaves).where(and(eq(albumSaves.userId, userId), eq(albumSaves.albumId, targetId)));
    else {
      await assertAlbum(db, targetId);
      await db.insert(albumSaves).values({ userId, albumId: targetId, createdAt: now }).onConflictDoNothing();
    }
  } else if (!active) await db.delete(artistFollows).where(and(eq(artistFollows.userId, userId), eq(artistFollows.artistId, targetId)));
  else {
    await assertArtist(db, targetId);
    await db.insert(artistFollows).values({ userId, artistId: targetId, createdAt: now }).onConflictDoNothing();
  }
  return { active };
}
