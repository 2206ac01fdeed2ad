import { and, asc, desc, eq } from 'drizzle-orm';
import type { ArtistPageResponse, CatalogAlbum, CatalogTrack, CreateAlbum, ProcessingStatus } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { albums, artists, tracks, type AlbumRow } from '../../db/schema/catalog';
import { albumHasRelease, albumSummary } from './browse';
import { ensureArtist } from './artists';
import { toArtist } from './search';
import { released, selectTracks, visibleTo, withDetails } from './trackView';

const notFound = (trackId: string) => new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId });

/**
 * A released track, or the viewer's own in any state; `anyState` skips the check for a caller
 * that has already authorised the viewer (an admin editing someone's release).
 */
export async function getTrack(db: Database, id: string, viewerId: string | undefined, anyState = false): Promise<CatalogTrack> {
  const rows = await selectTracks(db)
    .where(and(eq(tracks.id, id), anyState ? undefined : visibleTo(viewerId)))
    .limit(1);
  const [track] = await withDetails(db, rows);
  if (!track) throw notFound(id);
  return track;
}

/** Processing progress of the caller's own track. */
export async function processingStatus(db: Database, id: string, ownerId: string, maxAttempts: number): Promise<ProcessingStatus> {
  const [row] = await db
    .select({ track: tracks })
    .from(tracks)
    .innerJoin(artists, eq(artists.id, tracks.artistId))
    .where(and(eq(tracks.id, id), eq(artists.userId, ownerId)));
  if (!row) throw notFound(id);
  const t = row.track;
  return { trackId: t.id, status: t.status, stage: t.processingStage as ProcessingStatus['stage'], progress: t.processingProgress, attempts: t.processingAttempts, maxAttempts, error: t.processingError };
}

export async function createAlbum(db: Database, userId: string, req: CreateAlbum, now: Date): Promise<AlbumRow> {
  return db.transaction(async (tx) => {
    const artist = await ensureArtist(tx, userId, now);
    const [row] = await tx.insert(albums).values({ artistId: artist.id, title: req.title, albumType: req.albumType, genres: req.genres, createdAt: now, updatedAt: now }).returning();
    return row!;
  });
}

/**
 * An album with its tracks in running order: the released ones, or all of them for its artist.
 * An album with nothing released is not shown to others.
 */
export async function getAlbum(db: Database, id: string, viewerId?: string, asOwner = false): Promise<CatalogAlbum> {
  const [row] = await db.select({ album: albums, artistName: artists.name, ownerId: artists.userId }).from(albums).innerJoin(artists, eq(artists.id, albums.artistId)).where(eq(albums.id, id));
  const own = row !== undefined && (asOwner || row.ownerId === viewerId);
  const rows = row ? await selectTracks(db).where(and(eq(tracks.albumId, id), own ? undefined : released())).orderBy(asc(tracks.trackNumber)) : [];
  // A new album of the viewer's own is shown empty; someone else's empty album does not exist for others.
  if (!row || (!own && rows.length === 0)) throw new EncoreError('ALBUM_NOT_FOUND', 'No such album', { albumId: id });
  return { ...albumSummary(row.album, row.artistName), tracks: await withDetails(db, rows) };
}

/** The artist page: profile, albums with a release (newest first) and most played released tracks. */
export async function artistPage(db: Database, id: string): Promise<ArtistPageResponse> {
  const [artist] = await db.select().from(artists).where(eq(artists.id, id));
  if (!artist) throw new EncoreError('ARTIST_NOT_FOUND', 'No such artist', { artistId: id });
  const albumRows = await db
    .select()
    .from(albums)
    .where(and(eq(albums.artistId, id), albumHasRelease()))
    .orderBy(desc(albums.createdAt));
  const top = await selectTracks(db)
    .where(and(eq(tracks.artistId, id), released()))
    .orderBy(desc(tracks.playCount), desc(tracks.releasedAt))
    .limit(10);
  return { artist: toArtist(artist), albums: albumRows.map((a) => albumSummary(a, artist.name)), topTracks: await withDetails(db, top) };
}

/** Newest released tracks. */
export async function newReleases(db: Database, limit: number): Promise<CatalogTrack[]> {
  const rows = await selectTracks(db).where(released()).orderBy(desc(tracks.releasedAt), desc(tracks.id)).limit(limit);
  return withDetails(db, rows);
}
