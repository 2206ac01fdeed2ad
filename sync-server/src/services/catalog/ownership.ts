import { and, eq } from 'drizzle-orm';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { albums, artists, tracks, type AlbumRow, type TrackRow } from '../../db/schema/catalog';
import type { AuthInfo } from '../../middleware/env';
import { released } from './trackView';

/** Who acts on a release: the owning artist, or an admin acting for them. */
export type Actor = Pick<AuthInfo, 'userId' | 'role'>;

/**
 * A track the actor may change, locked for the rest of the transaction. Someone else's track
 * is FORBIDDEN when the catalog shows it anyway, and TRACK_NOT_FOUND when it does not (an
 * unreleased id is not confirmed to strangers).
 */
export async function trackForUpdate(tx: Database, id: string, actor: Actor): Promise<TrackRow> {
  const [row] = await tx.select({ track: tracks, ownerId: artists.userId }).from(tracks).innerJoin(artists, eq(artists.id, tracks.artistId)).where(eq(tracks.id, id)).for('update', { of: tracks });
  if (row && (row.ownerId === actor.userId || actor.role === 'admin')) return row.track;
  if (row) {
    const [visible] = await tx.select({ id: tracks.id }).from(tracks).where(and(eq(tracks.id, id), released()));
    if (visible) throw new EncoreError('FORBIDDEN', 'Only its artist or an admin may change this track', { trackId: id });
  }
  throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId: id });
}

/** An album the actor may change (owner artist or admin), locked; others get FORBIDDEN. */
export async function albumForUpdate(tx: Database, id: string, actor: Actor): Promise<AlbumRow> {
  const [row] = await tx.select({ album: albums, ownerId: artists.userId }).from(albums).innerJoin(artists, eq(artists.id, albums.artistId)).where(eq(albums.id, id)).for('update', { of: albums });
  if (!row) throw new EncoreError('ALBUM_NOT_FOUND', 'No such album', { albumId: id });
  if (row.ownerId !== actor.userId && actor.role !== 'admin') throw new EncoreError('FORBIDDEN', 'Only its artist or an admin may change this album', { albumId: id });
  return row.album;
}
