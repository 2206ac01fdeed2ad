import { and, eq, max } from 'drizzle-orm';
import { toLyrics, type PublishTrack } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { albums, tracks, uploads, type TrackRow } from '../../db/schema/catalog';
import { moderationDecisions } from '../../db/schema/catalogReleases';
import { ensureArtist } from './artists';

export const PROCESS_TRACK_QUEUE = 'catalog.process-track';

export interface ProcessTrackJob {
  trackId: string;
}

/**
 * Turns a completed upload into a track in `processing`, in one transaction (the upload is
 * consumed, the album order extended, the track inserted); the caller then queues its job.
 * An upload publishes once. The release enters moderation: approved at once when
 * `autoApprove` (CATALOG_AUTO_APPROVE, the default), else `pending` until an admin decides.
 */
export async function publishTrack(db: Database, userId: string, req: PublishTrack, now: Date, autoApprove = true): Promise<TrackRow> {
  return db.transaction(async (tx) => {
    const [upload] = await tx.select().from(uploads).where(and(eq(uploads.id, req.uploadId), eq(uploads.ownerId, userId))).for('update');
    if (!upload) throw new EncoreError('UPLOAD_NOT_FOUND', 'No such upload', { uploadId: req.uploadId });
    if (upload.state !== 'complete' || !upload.probe) throw new EncoreError('UPLOAD_INCOMPLETE', 'Complete the upload before publishing it', { state: upload.state });
    const artist = await ensureArtist(tx, userId, now);
    let trackNumber: number | null = null;
    if (req.albumId) {
      const [album] = await tx
        .select({ id: albums.id })
        .from(albums)
        .where(and(eq(albums.id, req.albumId), eq(albums.artistId, artist.id)))
        .for('update');
      if (!album) throw new EncoreError('ALBUM_NOT_FOUND', 'No such album of yours', { albumId: req.albumId });
      const [last] = await tx.select({ n: max(tracks.trackNumber) }).from(tracks).where(eq(tracks.albumId, album.id));
      trackNumber = (last?.n ?? 0) + 1;
    }
    await tx.update(uploads).set({ state: 'consumed', updatedAt: now }).where(eq(uploads.id, upload.id));
    const [track] = await tx
      .insert(tracks)
      .values({
        artistId: artist.id,
        albumId: req.albumId ?? null,
        trackNumber,
        title: req.title,
        genres: req.genres,
        tags: req.tags,
        explicit: req.explicit,
        isrc: req.isrc ?? null,
        lyrics: req.lyrics ? toLyrics(req.lyrics) : null,
        durationMs: upload.probe.durationMs,
        price: req.price,
        currency: req.currency,
        allowPurchase: req.allowPurchase,
        allowReelUsage: req.allowReelUsage,
        status: 'processing',
        moderation: autoApprove ? 'approved' : 'pending',
        sourceSha256: upload.sha256,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (autoApprove) await tx.insert(moderationDecisions).values({ trackId: track!.id, decision: 'approved', reason: 'auto-approved', decidedBy: null, createdAt: now });
    return track!;
  });
}
