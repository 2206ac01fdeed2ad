import { asc, eq } from 'drizzle-orm';
import type { ModerationState } from '@encore/shared/api/catalog';
import type { CatalogTrack } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { tracks } from '../../db/schema/catalog';
import { moderationDecisions } from '../../db/schema/catalogReleases';
import { selectTracks, withDetails } from './trackView';

/** Tracks in a moderation state, oldest first (the queue order). */
export async function moderationList(db: Database, state: ModerationState, limit: number, offset: number): Promise<CatalogTrack[]> {
  const rows = await selectTracks(db).where(eq(tracks.moderation, state)).orderBy(asc(tracks.createdAt), asc(tracks.id)).limit(limit).offset(offset);
  return withDetails(db, rows);
}

/**
 * Approves or rejects a track and records the decision, in one transaction. A rejected track
 * disappears from the catalog for everyone but its artist, who sees the reason.
 *
 * @example
 * await decide(db, adminId, trackId, { decision: 'rejected', reason: 'Not the uploader\'s work' }, now);
 */
export async function decide(db: Database, adminId: string, trackId: string, d: { decision: 'approved' } | { decision: 'rejected'; reason: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: tracks.id }).from(tracks).where(eq(tracks.id, trackId)).for('update');
    if (!row) throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId });
    const reason = d.decision === 'rejected' ? d.reason : null;
    await tx.update(tracks).set({ moderation: d.decision, moderationReason: reason, updatedAt: now }).where(eq(tracks.id, trackId));
    await tx.insert(moderationDecisions).values({ trackId, decision: d.decision, reason, decidedBy: adminId, createdAt: now });
  });
}
