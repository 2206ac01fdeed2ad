import { and, eq } from 'drizzle-orm';
import type { AudioQuality, SubscriptionTier } from '@encore/shared/domain/user';
import type { Database } from '../../db/database';
import { renditions, tracks, type RenditionRow } from '../../db/schema/catalog';
import { users } from '../../db/schema/users';
import { tierCeiling } from '../catalog/streaming';

const ORDER: AudioQuality[] = ['low', 'normal', 'high', 'lossless'];

/** The tier in force now: a lapsed subscription counts as free, as for streaming. */
export async function effectiveTier(db: Database, userId: string, now: Date): Promise<SubscriptionTier | undefined> {
  const [u] = await db.select({ tier: users.subscriptionTier, expiry: users.subscriptionExpiry, active: users.isActive }).from(users).where(eq(users.id, userId));
  if (!u?.active) return undefined;
  return u.expiry && u.expiry < now ? 'free' : u.tier;
}

/** Whether `tier` may hold `quality` (free up to 160 kbps, premium 320, hifi lossless). */
export function tierAllows(tier: SubscriptionTier, quality: AudioQuality): boolean {
  return ORDER.indexOf(quality) <= ORDER.indexOf(tierCeiling(tier));
}

/** The exact rendition of a published (ready and approved) track; undefined when either is missing. */
export async function publishedRendition(db: Database, trackId: string, quality: AudioQuality): Promise<RenditionRow | undefined> {
  const [row] = await db
    .select({ r: renditions })
    .from(renditions)
    .innerJoin(tracks, eq(tracks.id, renditions.trackId))
    .where(and(eq(renditions.trackId, trackId), eq(renditions.quality, quality), eq(tracks.status, 'ready'), eq(tracks.moderation, 'approved')));
  return row?.r;
}

/** Whether a published track exists at all (to tell "unavailable" from "not in this quality"). */
export async function isPublished(db: Database, trackId: string): Promise<boolean> {
  const [row] = await db.select({ id: tracks.id }).from(tracks).where(and(eq(tracks.id, trackId), eq(tracks.status, 'ready'), eq(tracks.moderation, 'approved')));
  return row !== undefined;
}
