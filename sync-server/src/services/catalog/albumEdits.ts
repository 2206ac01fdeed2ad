import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { AddAlbumTrackRequest, AlbumOrderRequest, UpdateAlbumRequest } from '@encore/shared/api/catalogReleases';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { albums, tracks, type AlbumRow } from '../../db/schema/catalog';
import { albumForUpdate, type Actor } from './ownership';
import { assertCover } from './releases';

type AlbumPatch = { title?: string; albumType?: NonNullable<UpdateAlbumRequest['albumType']>; genres?: string[]; coverId?: string | null };

export async function updateAlbum(db: Database, actor: Actor, id: string, patch: AlbumPatch, now: Date): Promise<AlbumRow> {
  return db.transaction(async (tx) => {
    await albumForUpdate(tx, id, actor);
    await assertCover(tx, patch.coverId);
    const [row] = await tx
      .update(albums)
      .set({ ...patch, updatedAt: now })
      .where(eq(albums.id, id))
      .returning();
    return row!;
  });
}

/**
 * Sets the whole running order: the listed tracks (all the album artist's) get numbers 1..n,
 * tracks of the album not listed leave it. One transaction; numbers are cleared first so the
 * (album, number) uniqueness holds at every statement.
 *
 * @example
 * await setAlbumOrder(db, actor, albumId, { trackIds: [c, a, b] }, now);
 */
export async function setAlbumOrder(db: Database, actor: Actor, id: string, req: AlbumOrderRequest, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const album = await albumForUpdate(tx, id, actor);
    await assertArtistTracks(tx, album, req.trackIds);
    await tx.update(tracks).set({ trackNumber: null, updatedAt: now }).where(and(eq(tracks.albumId, id), isNotNull(tracks.trackNumber)));
    await tx.update(tracks).set({ albumId: null, updatedAt: now }).where(eq(tracks.albumId, id));
    await number(tx, id, req.trackIds, now);
  });
}

/** Adds one of the artist's tracks (moving it from another album if need be) at `position` or the end. */
export async function addAlbumTrack(db: Database, actor: Actor, id: string, req: AddAlbumTrackRequest, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const album = await albumForUpdate(tx, id, actor);
    await assertArtistTracks(tx, album, [req.trackId]);
    const current = (await tx.select({ id: tracks.id }).from(tracks).where(and(eq(tracks.albumId, id), ne(tracks.id, req.trackId))).orderBy(asc(tracks.trackNumber))).map((r) => r.id);
    const at = Math.min(req.position ?? current.length + 1, current.length + 1) - 1;
    current.splice(at, 0, req.trackId);
    await tx.update(tracks).set({ trackNumber: null, albumId: null, updatedAt: now }).where(inArray(tracks.id, current));
    await number(tx, id, current, now);
  });
}

/** Takes a track out of the album; the tracks after it move up. */
export async function removeAlbumTrack(db: Database, actor: Actor, id: string, trackId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await albumForUpdate(tx, id, actor);
    const order = (await tx.select({ id: tracks.id }).from(tracks).where(eq(tracks.albumId, id)).orderBy(asc(tracks.trackNumber))).map((r) => r.id);
    if (!order.includes(trackId)) throw new EncoreError('TRACK_NOT_FOUND', 'The track is not on this album', { trackId, albumId: id });
    await tx.update(tracks).set({ trackNumber: null, albumId: null, updatedAt: now }).where(inArray(tracks.id, order));
    await number(
      tx,
      id,
      order.filter((t) => t !== trackId),
      now,
    );
  });
}

async function assertArtistTracks(tx: Database, album: AlbumRow, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: tracks.id })
    .from(tracks)
    .where(and(inArray(tracks.id, ids), eq(tracks.artistId, album.artistId)))
    .for('update');
  const have = new Set(found.map((r) => r.id));
  const missing = ids.filter((t) => !have.has(t));
  if (missing.length > 0) throw new EncoreError('TRACK_NOT_FOUND', "Every track must be one of the album artist's", { trackIds: missing.slice(0, 20) });
}

async function number(tx: Database, albumId: string, ids: string[], now: Date): Promise<void> {
  for (const [i, trackId] of ids.entries()) await tx.update(tracks).set({ albumId, trackNumber: i + 1, updatedAt: now }).where(eq(tracks.id, trackId));
}
