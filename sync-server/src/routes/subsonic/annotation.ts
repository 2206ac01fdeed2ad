import { and, eq, inArray } from 'drizzle-orm';
import { EncoreError } from '@encore/shared/errors';
import { albums, albumSaves, artistFollows, artists, trackLikes, tracks } from '../../db/schema/catalog';
import { recordPlay } from '../../services/catalog/plays';
import { released } from '../../services/catalog/trackView';
import { setMark, type MarkKind } from '../../services/social/marks';
import { setRating } from '../../services/social/ratings';
import { SubsonicParams } from '../../services/subsonic/params';
import { missing, notFound, SubsonicError } from '../../services/subsonic/response';
import type { SubsonicCall, SubsonicHandler } from './call';

/** What a bare `id` names: a track (like), an album (save) or an artist (follow). */
async function kindOf({ s }: SubsonicCall, id: string): Promise<MarkKind> {
  const [t] = await s.db.select({ id: tracks.id }).from(tracks).where(and(eq(tracks.id, id), released()));
  if (t) return 'like';
  const [a] = await s.db.select({ id: albums.id }).from(albums).where(eq(albums.id, id));
  if (a) return 'save';
  const [ar] = await s.db.select({ id: artists.id }).from(artists).where(eq(artists.id, id));
  if (ar) return 'follow';
  throw notFound('Item');
}

const ids = (p: SubsonicParams, name: string) => p.all(name).map((raw) => SubsonicParams.uuidOr70(raw, 'Item'));

async function star(call: SubsonicCall, active: boolean) {
  const { s, viewer, p } = call;
  const now = s.clock.now();
  const plain = ids(p, 'id');
  const albumIds = ids(p, 'albumId');
  const artistIds = ids(p, 'artistId');
  if (plain.length + albumIds.length + artistIds.length === 0) throw missing('id, albumId or artistId');
  const marks: [MarkKind, string][] = [...albumIds.map((id) => ['save', id] as [MarkKind, string]), ...artistIds.map((id) => ['follow', id] as [MarkKind, string])];
  if (active) for (const id of plain) marks.push([await kindOf(call, id), id]);
  else if (plain.length > 0) {
    // Unstarring needs no lookup: clear the id wherever it is starred, so an item removed since can still go.
    await s.db.transaction(async (tx) => {
      await tx.delete(trackLikes).where(and(eq(trackLikes.userId, viewer.id), inArray(trackLikes.trackId, plain)));
      await tx.delete(albumSaves).where(and(eq(albumSaves.userId, viewer.id), inArray(albumSaves.albumId, plain)));
      await tx.delete(artistFollows).where(and(eq(artistFollows.userId, viewer.id), inArray(artistFollows.artistId, plain)));
    });
  }
  try {
    await s.db.transaction(async (tx) => {
      for (const [kind, id] of marks) await setMark(tx, kind, viewer.id, id, active, now);
    });
  } catch (e) {
    if (e instanceof EncoreError && e.code.endsWith('NOT_FOUND')) throw new SubsonicError(70, e.message);
    throw e;
  }
  return {};
}

/** A scrobble with no `time` is keyed by the track-length slot it falls in, so a retried call counts once. */
function eventKey(trackId: string, durationMs: number, timeMs: number | undefined, nowMs: number): string {
  return timeMs !== undefined ? `subsonic:${trackId}:${timeMs}` : `subsonic:${trackId}:slot${Math.floor(nowMs / Math.max(durationMs, 30_000))}`;
}

/** star, unstar, setRating, scrobble. */
export const annotationHandlers: Record<string, SubsonicHandler> = {
  star: (call) => star(call, true),
  unstar: (call) => star(call, false),
  setRating: async (call) => {
    const { s, viewer, p } = call;
    const id = p.id('id', 'Item');
    const rating = p.int('rating', { min: 0, max: 5 });
    const kind = await kindOf(call, id);
    if (kind === 'follow') throw new SubsonicError(0, 'Artists cannot be rated here: rate a song or an album');
    await setRating(s.db, kind === 'like' ? 'track' : 'album', viewer.id, id, rating === 0 ? null : rating, s.clock.now());
    return {};
  },
  /**
   * Records plays (submission=true, the default) through the same idempotent play log as
   * `/api/analytics/events`: the event key is the song and its `time`, so a player that
   * re-sends its queue counts nothing twice. "Now playing" notifications (submission=false)
   * record nothing.
   */
  scrobble: async ({ s, viewer, p }) => {
    const songIds = ids(p, 'id');
    if (songIds.length === 0) throw missing('id');
    const times = p.ints('time', 0, 8_640_000_000_000);
    if (times.length > 0 && times.length !== songIds.length) throw new SubsonicError(0, 'Give one time per id, or none');
    if (p.bool('submission') === false) return {};
    const now = s.clock.now();
    const found = await s.db
      .select({ id: tracks.id, durationMs: tracks.durationMs })
      .from(tracks)
      .where(and(inArray(tracks.id, songIds), released()));
    // Every id is checked before any play is written: a bad id records nothing.
    const plays = songIds.map((id, i) => {
      const track = found.find((t) => t.id === id);
      if (!track) throw notFound('Song');
      return { clientEventId: eventKey(id, track.durationMs, times[i], now.getTime()), trackId: id, ms: track.durationMs };
    });
    // The play time is the server's: a client's clock must not move royalties between periods.
    for (const play of plays) await recordPlay(s.db, viewer.id, play, now);
    return {};
  },
};
