import { and, eq } from 'drizzle-orm';
import type { SubscriptionTier } from '@encore/shared/domain/user';
import type { Database } from '../../db/database';
import { renditions, tracks, type RenditionRow } from '../../db/schema/catalog';
import { users } from '../../db/schema/users';

/** What the stream route needs to pick a file: the listener's tier and preferences, and the track's renditions. */
export interface StreamTarget {
  tier: SubscriptionTier;
  expiry: Date | null;
  preferences: unknown;
  /** False when the track does not exist or is not streamable (unpublished, processing, not approved). */
  trackFound: boolean;
  files: RenditionRow[];
}

/**
 * The listener and a streamable track's renditions in ONE round trip (the stream route is
 * called once per Range request, so a player's buffering multiplies every query). The track's
 * status and moderation are read live, never cached: an unpublished or removed track stops
 * streaming at once. Undefined when the user no longer exists.
 *
 * @example
 * const target = await streamTarget(db, userId, trackId);
 * if (!target?.trackFound) throw new EncoreError('TRACK_NOT_FOUND', ...);
 */
export async function streamTarget(db: Database, userId: string, trackId: string): Promise<StreamTarget | undefined> {
  const rows = await db
    .select({ tier: users.subscriptionTier, expiry: users.subscriptionExpiry, preferences: users.preferences, trackId: tracks.id, file: renditions })
    .from(users)
    .leftJoin(tracks, and(eq(tracks.id, trackId), eq(tracks.status, 'ready'), eq(tracks.moderation, 'approved')))
    .leftJoin(renditions, eq(renditions.trackId, tracks.id))
    .where(eq(users.id, userId));
  const [first] = rows;
  if (!first) return undefined;
  return {
    tier: first.tier,
    expiry: first.expiry,
    preferences: first.preferences,
    trackFound: first.trackId !== null,
    files: rows.flatMap((r) => (r.file ? [r.file] : [])),
  };
}
