import { and, asc, eq, inArray } from 'drizzle-orm';
import { PLAYLIST_MAX_ENTRIES } from '@encore/shared/api/social';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { tracks } from '../../db/schema/catalog';
import { playlistEntries, playlists, type PlaylistRow } from '../../db/schema/listener';
import { released } from '../catalog/trackView';

export interface EntryDraft {
  trackId: string;
  addedBy: string | null;
  addedAt: Date;
}

const INSERT_BATCH = 1000;

/**
 * Loads a playlist the user owns, for writing: the row is locked (FOR UPDATE), so
 * concurrent edits of one playlist run one after another. A private playlist of someone
 * else is "not found" (its existence is not revealed); a public one is FORBIDDEN.
 */
export async function lockOwned(tx: Database, playlistId: string, userId: string): Promise<PlaylistRow> {
  const [row] = await tx.select().from(playlists).where(eq(playlists.id, playlistId)).for('update');
  if (!row || (row.ownerId !== userId && !row.isPublic)) throw new EncoreError('PLAYLIST_NOT_FOUND', 'No such playlist', { playlistId });
  if (row.ownerId !== userId) throw new EncoreError('FORBIDDEN', 'Only the owner can change this playlist', { playlistId });
  return row;
}

/** Every id must name a released track; the first that does not fails the whole change. */
export async function assertReleasedTracks(tx: Database, trackIds: string[]): Promise<void> {
  const unique = [...new Set(trackIds)];
  if (unique.length === 0) return;
  const found = await tx
    .select({ id: tracks.id })
    .from(tracks)
    .where(and(inArray(tracks.id, unique), released()));
  const ok = new Set(found.map((r) => r.id));
  const missing = unique.find((id) => !ok.has(id));
  if (missing) throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId: missing });
}

/**
 * Rewrites the entries of a locked playlist through `edit` (which gets them in order and
 * returns the new order): positions stay 0..n-1 with no gaps. Call inside the transaction
 * that locked the playlist.
 */
export async function rewriteEntries(tx: Database, playlist: PlaylistRow, now: Date, edit: (entries: EntryDraft[]) => EntryDraft[]): Promise<void> {
  const current = await tx.select().from(playlistEntries).where(eq(playlistEntries.playlistId, playlist.id)).orderBy(asc(playlistEntries.position));
  const nextEntries = edit(current.map((e) => ({ trackId: e.trackId, addedBy: e.addedBy, addedAt: e.addedAt })));
  if (nextEntries.length > PLAYLIST_MAX_ENTRIES) throw new EncoreError('VALIDATION_FAILED', `A playlist holds at most ${PLAYLIST_MAX_ENTRIES} tracks`, { limit: PLAYLIST_MAX_ENTRIES });
  await tx.delete(playlistEntries).where(eq(playlistEntries.playlistId, playlist.id));
  for (let i = 0; i < nextEntries.length; i += INSERT_BATCH) {
    await tx.insert(playlistEntries).values(nextEntries.slice(i, i + INSERT_BATCH).map((e, j) => ({ playlistId: playlist.id, position: i + j, ...e })));
  }
  await tx.update(playlists).set({ updatedAt: now }).where(eq(playlists.id, playlist.id));
}

/**
 * Moves `count` entries starting at `from` so that the block starts at `to` afterwards.
 *
 * @example
 * moveBlock(['a', 'b', 'c', 'd'], 0, 2, 1) // ['b', 'c', 'a', 'd']
 */
export function moveBlock<T>(list: T[], from: number, to: number, count: number): T[] {
  if (from + count > list.length || to + count > list.length) {
    throw new EncoreError('VALIDATION_FAILED', 'The move reaches past the end of the playlist', { length: list.length, from, to, count });
  }
  const rest = [...list];
  const block = rest.splice(from, count);
  rest.splice(to, 0, ...block);
  return rest;
}
