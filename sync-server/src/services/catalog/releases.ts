import { and, count, eq } from 'drizzle-orm';
import { toLyrics } from '@encore/shared/api/catalog';
import type { UpdateTrack } from '@encore/shared/api/catalogReleases';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { renditions, tracks, type TrackRow } from '../../db/schema/catalog';
import { covers } from '../../db/schema/catalogReleases';
import { RENDITIONS } from '../../jobs/processTrack';
import { trackForUpdate, type Actor } from './ownership';

/** A cover id must name a stored cover before a release may point at it. */
export async function assertCover(db: Database, coverId: string | null | undefined): Promise<void> {
  if (!coverId) return;
  const [row] = await db.select({ id: covers.id }).from(covers).where(eq(covers.id, coverId));
  if (!row) throw new EncoreError('NOT_FOUND', 'No such cover: upload it first with POST /api/covers', { coverId });
}

/** What listeners see of a track: an artist's change to one of these is reviewed again. */
const REVIEWED_FIELDS = ['title', 'genres', 'tags', 'explicit', 'lyrics', 'coverId'] as const satisfies readonly (keyof UpdateTrack)[];

/**
 * Changes a track's metadata in one transaction; only the fields given change. A purchasable
 * track must keep a price, checked on the merged result. Without `autoApprove`
 * (CATALOG_AUTO_APPROVE=false), an artist's change to what listeners see (title, genres, tags,
 * explicit, lyrics, cover) sends an approved or rejected track back to `pending`, as a new
 * release would be; an admin's edit does not.
 *
 * @example
 * await updateTrack(db, { userId, role: 'artist' }, trackId, { title: 'New title', explicit: true }, now);
 */
export async function updateTrack(db: Database, actor: Actor, id: string, patch: UpdateTrack, now: Date, autoApprove = true): Promise<TrackRow> {
  return db.transaction(async (tx) => {
    const row = await trackForUpdate(tx, id, actor);
    await assertCover(tx, patch.coverId);
    const price = patch.price ?? row.price;
    const allowPurchase = patch.allowPurchase ?? row.allowPurchase;
    if (allowPurchase && price <= 0) throw new EncoreError('VALIDATION_FAILED', 'A purchasable track has a price', { issues: [{ path: 'price', code: 'custom', message: 'a purchasable track has a price' }] });
    const { lyrics, ...rest } = patch;
    const review = !autoApprove && actor.role !== 'admin' && row.moderation !== 'pending' && REVIEWED_FIELDS.some((k) => patch[k] !== undefined);
    const [updated] = await tx
      .update(tracks)
      .set({ ...rest, ...(lyrics !== undefined ? { lyrics: lyrics === null ? null : toLyrics(lyrics) } : {}), ...(review ? { moderation: 'pending' as const, moderationReason: null } : {}), updatedAt: now })
      .where(eq(tracks.id, id))
      .returning();
    return updated!;
  });
}

/** Hides a track from everyone but its artist (catalog, search, stream); its files stay. */
export async function unpublishTrack(db: Database, actor: Actor, id: string, now: Date): Promise<TrackRow> {
  return db.transaction(async (tx) => {
    const row = await trackForUpdate(tx, id, actor);
    if (row.status === 'unpublished') return row;
    const [updated] = await tx.update(tracks).set({ status: 'unpublished', updatedAt: now }).where(eq(tracks.id, id)).returning();
    return updated!;
  });
}

/**
 * Publishes an unpublished track again, or retries a dead-lettered one. A track whose every
 * rendition exists is `ready` at once; otherwise it goes back to `processing` with a fresh
 * attempt count and `requeue` is true (the caller queues the job after the commit).
 */
export async function republishTrack(db: Database, actor: Actor, id: string, now: Date): Promise<{ track: TrackRow; requeue: boolean }> {
  return db.transaction(async (tx) => {
    const row = await trackForUpdate(tx, id, actor);
    if (row.status === 'ready' || row.status === 'processing') return { track: row, requeue: false };
    const [files] = await tx.select({ n: count() }).from(renditions).where(eq(renditions.trackId, id));
    const complete = (files?.n ?? 0) >= RENDITIONS.length && row.processingStage === 'done';
    const [updated] = await tx
      .update(tracks)
      .set(
        complete
          ? { status: 'ready', releasedAt: row.releasedAt ?? now, updatedAt: now }
          : { status: 'processing', processingStage: 'queued', processingProgress: 0, processingAttempts: 0, processingError: null, updatedAt: now },
      )
      .where(and(eq(tracks.id, id), eq(tracks.status, row.status)))
      .returning();
    return { track: updated!, requeue: !complete };
  });
}
