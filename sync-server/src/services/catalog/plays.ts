import { and, eq, sql } from 'drizzle-orm';
import type { PlayEventRequest, PlayEventResponse } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { playEvents, tracks } from '../../db/schema/catalog';

/** A play counts after 30 s, or half the track when that is shorter (short clips, interludes). */
export function countsAsPlay(playedMs: number, durationMs: number): boolean {
  return playedMs >= Math.min(30_000, Math.ceil(durationMs / 2));
}

/**
 * Records a play once per (listener, client event id): a replay changes nothing, so a client
 * may re-send its queue after a lost answer or a reconnect.
 */
export async function recordPlay(db: Database, userId: string, ev: PlayEventRequest, now: Date): Promise<PlayEventResponse> {
  return db.transaction(async (tx) => {
    const [track] = await tx.select({ durationMs: tracks.durationMs }).from(tracks).where(and(eq(tracks.id, ev.trackId), eq(tracks.status, 'ready')));
    if (!track) throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId: ev.trackId });
    const counted = countsAsPlay(ev.ms, track.durationMs);
    const inserted = await tx
      .insert(playEvents)
      .values({ userId, clientEventId: ev.clientEventId, trackId: ev.trackId, playedMs: ev.ms, counted, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: playEvents.id });
    if (inserted.length === 0) return { recorded: false, counted: false };
    if (counted) await tx.update(tracks).set({ playCount: sql`${tracks.playCount} + 1` }).where(eq(tracks.id, ev.trackId));
    return { recorded: true, counted };
  });
}
