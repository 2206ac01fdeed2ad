import { and, eq } from 'drizzle-orm';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { albums, artists, tracks } from '../../db/schema/catalog';
import { albumHasRelease } from '../catalog/browse';
import { released } from '../catalog/trackView';

/**
 * Existence checks for what a listener acts on. Only released tracks can be liked, rated or
 * put in a playlist: a draft or an unpublished track is invisible, so it answers not found.
 */
export async function assertReleasedTrack(db: Database, trackId: string): Promise<void> {
  const [row] = await db.select({ id: tracks.id }).from(tracks).where(and(eq(tracks.id, trackId), released()));
  if (!row) throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId });
}

/** An album anyone may see: one with at least one released track (as the catalog shows albums). */
export async function assertAlbum(db: Database, albumId: string): Promise<void> {
  const [row] = await db
    .select({ id: albums.id })
    .from(albums)
    .where(and(eq(albums.id, albumId), albumHasRelease()));
  if (!row) throw new EncoreError('ALBUM_NOT_FOUND', 'No such album', { albumId });
}

export async function assertArtist(db: Database, artistId: string): Promise<void> {
  const [row] = await db.select({ id: artists.id }).from(artists).where(eq(artists.id, artistId));
  if (!row) throw new EncoreError('ARTIST_NOT_FOUND', 'No such artist', { artistId });
}
