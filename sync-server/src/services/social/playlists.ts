import { and, asc, count, desc, eq, inArray, or, sql, sum } from 'drizzle-orm';
import type { CreatePlaylist, PlaylistDetail, PlaylistSummary, UpdatePlaylistRequest } from '@encore/shared/api/social';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { albums, artists, tracks } from '../../db/schema/catalog';
import { playlistEntries, playlists, type PlaylistRow } from '../../db/schema/listener';
import { users } from '../../db/schema/users';
import { released, withDetails } from '../catalog/trackView';
import { assertReleasedTracks, lockOwned, moveBlock, rewriteEntries, type EntryDraft } from './playlistEntries';

const MAX_PLAYLISTS_PER_USER = 1000;
const notFound = (playlistId: string) => new EncoreError('PLAYLIST_NOT_FOUND', 'No such playlist', { playlistId });
const drafts = (trackIds: string[], by: string, at: Date): EntryDraft[] => trackIds.map((trackId) => ({ trackId, addedBy: by, addedAt: at }));

/** Creates a playlist with its first tracks, in one transaction. */
export async function createPlaylist(db: Database, ownerId: string, req: CreatePlaylist, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    if ((await ownedCount(tx, ownerId)) >= MAX_PLAYLISTS_PER_USER) throw new EncoreError('CONFLICT', `An account holds at most ${MAX_PLAYLISTS_PER_USER} playlists`, { limit: MAX_PLAYLISTS_PER_USER });
    await assertReleasedTracks(tx, req.trackIds);
    const [row] = await tx.insert(playlists).values({ ownerId, name: req.name, description: req.description, isPublic: req.isPublic, createdAt: now, updatedAt: now }).returning();
    await rewriteEntries(tx, row!, now, () => drafts(req.trackIds, ownerId, now));
    return row!.id;
  });
}

/** Summaries of playlists, with counts and durations over their released tracks. */
async function summaries(db: Database, rows: (PlaylistRow & { ownerName: string })[]): Promise<PlaylistSummary[]> {
  if (rows.length === 0) return [];
  const totals = await db
    .select({ id: playlistEntries.playlistId, n: count(), ms: sum(tracks.durationMs) })
    .from(playlistEntries)
    .innerJoin(tracks, eq(tracks.id, playlistEntries.trackId))
    .where(
      and(
        inArray(
          playlistEntries.playlistId,
          rows.map((r) => r.id),
        ),
        released(),
      ),
    )
    .groupBy(playlistEntries.playlistId);
  return rows.map((r) => {
    const t = totals.find((x) => x.id === r.id);
    return { id: r.id, name: r.name, description: r.description, ownerId: r.ownerId, ownerName: r.ownerName, isPublic: r.isPublic, trackCount: t?.n ?? 0, durationMs: Number(t?.ms ?? 0), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
  });
}

const withOwner = (db: Database) =>
  db
    .select({ p: playlists, ownerName: users.username })
    .from(playlists)
    .innerJoin(users, eq(users.id, playlists.ownerId));

/**
 * Playlists a viewer sees: their own; with `includePublic`, other people's public ones too
 * (Subsonic's getPlaylists shows both).
 */
export async function listPlaylists(db: Database, viewerId: string, o: { ownerId?: string; includePublic?: boolean } = {}): Promise<PlaylistSummary[]> {
  const owner = o.ownerId ?? viewerId;
  const visible = owner === viewerId ? eq(playlists.ownerId, owner) : and(eq(playlists.ownerId, owner), eq(playlists.isPublic, true));
  const where = o.includePublic ? or(visible, eq(playlists.isPublic, true)) : visible;
  const rows = await withOwner(db).where(where).orderBy(desc(playlists.updatedAt), desc(playlists.id)).limit(1000);
  return summaries(
    db,
    rows.map((r) => ({ ...r.p, ownerName: r.ownerName })),
  );
}

/** A playlist the viewer may see (owner, or public), entries in order. */
export async function getPlaylist(db: Database, id: string, viewerId: string | undefined): Promise<PlaylistDetail> {
  const [row] = await withOwner(db).where(eq(playlists.id, id));
  if (!row || (!row.p.isPublic && row.p.ownerId !== viewerId)) throw notFound(id);
  const entryRows = await db
    .select({ track: tracks, artistName: artists.name, albumCoverId: albums.coverId, entry: playlistEntries })
    .from(playlistEntries)
    .innerJoin(tracks, eq(tracks.id, playlistEntries.trackId))
    .innerJoin(artists, eq(artists.id, tracks.artistId))
    .leftJoin(albums, eq(albums.id, tracks.albumId))
    .where(and(eq(playlistEntries.playlistId, id), released()))
    .orderBy(asc(playlistEntries.position));
  const details = await withDetails(db, entryRows);
  const [summary] = await summaries(db, [{ ...row.p, ownerName: row.ownerName }]);
  const entries = details.map((track, i) => {
    const e = entryRows[i]!.entry;
    return { position: e.position, track, addedBy: e.addedBy, addedAt: e.addedAt.toISOString() };
  });
  return { ...summary!, entries };
}

export async function updatePlaylist(db: Database, id: string, userId: string, patch: UpdatePlaylistRequest, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOwned(tx, id, userId);
    await tx
      .update(playlists)
      .set({ ...patch, updatedAt: now })
      .where(eq(playlists.id, id));
  });
}

export async function deletePlaylist(db: Database, id: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOwned(tx, id, userId);
    await tx.delete(playlists).where(eq(playlists.id, id));
  });
}

/** Inserts tracks before `position` (appends when absent or past the end). */
export async function addTracks(db: Database, id: string, userId: string, trackIds: string[], position: number | undefined, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await lockOwned(tx, id, userId);
    await assertReleasedTracks(tx, trackIds);
    await rewriteEntries(tx, p, now, (list) => {
      const at = Math.min(position ?? list.length, list.length);
      return [...list.slice(0, at), ...drafts(trackIds, userId, now), ...list.slice(at)];
    });
  });
}

/** Replaces every entry (Subsonic's createPlaylist on an existing id). */
export async function replaceTracks(db: Database, id: string, userId: string, trackIds: string[], now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await lockOwned(tx, id, userId);
    await assertReleasedTracks(tx, trackIds);
    await rewriteEntries(tx, p, now, () => drafts(trackIds, userId, now));
  });
}

/**
 * Removes entries: the one at `position` (which must hold `trackId`), or every entry of
 * `trackId` when no position is given. Removing what is not there is a no-op.
 */
export async function removeTrack(db: Database, id: string, userId: string, trackId: string, position: number | undefined, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await lockOwned(tx, id, userId);
    await rewriteEntries(tx, p, now, (list) => list.filter((e, i) => e.trackId !== trackId || (position !== undefined && i !== position)));
  });
}

/** Removes the entries at these positions (Subsonic's songIndexToRemove). */
export async function removePositions(db: Database, id: string, userId: string, positions: number[], now: Date): Promise<void> {
  const drop = new Set(positions);
  await db.transaction(async (tx) => {
    const p = await lockOwned(tx, id, userId);
    await rewriteEntries(tx, p, now, (list) => list.filter((_, i) => !drop.has(i)));
  });
}

export async function reorderPlaylist(db: Database, id: string, userId: string, move: { from: number; to: number; count: number }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await lockOwned(tx, id, userId);
    await rewriteEntries(tx, p, now, (list) => moveBlock(list, move.from, move.to, move.count));
  });
}

/** How many playlists a user owns (a bound against runaway clients). */
async function ownedCount(db: Database, userId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(playlists).where(eq(playlists.ownerId, userId));
  return r?.n ?? 0;
}
