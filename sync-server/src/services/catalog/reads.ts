import { and, asc, desc, eq } from 'drizzle-orm';
import type { ArtistPageResponse, CatalogAlbum, CatalogTrack, CreateAlbum, ProcessingStatus } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { albums, artists, tracks, type AlbumRow } from '../../db/schema/catalog';
import { ensureArtist } from './artists';
import { toArtist } from './search';
import { released, selectTracks, visibleTo, withDetails } from './trackView';

const notFound = (trackId: string) => new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId });

/** A released track, or the viewer's own in any state. */
export async function getTrack(db: Database, id: string, viewerId: string | undefined): Promise<CatalogTrack> {
  const rows = await selectTracks(db)
    .where(and(eq(tracks.id, id), visibleTo(viewerId)))
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

/** An album with its released tracks in running order. */
export async function getAlbum(db: Database, id: string): Promise<CatalogAlbum> {
  const [row] = await db.select({ album: albums, artistName: artists.name }).from(albums).innerJoin(artists, eq(artists.id, albums.artistId)).where(eq(albums.id, id));
  if (!row) throw new EncoreError('ALBUM_NOT_FOUND', 'No such album', { albumId: id });
  const rows = await selectTracks(db)
    .where(and(eq(tracks.albumId, id), released()))
    .orderBy(asc(tracks.trackNumber));
  return { ...albumHead(row.album, row.artistName), tracks: await withDetails(db, rows) };
}

function albumHead(a: AlbumRow, artistName: string): Omit<CatalogAlbum, 'tracks'> {
  return { id: a.id, title: a.title, albumType: a.albumType, artistId: a.artistId, artistName, genres: a.genres, createdAt: a.createdAt.toISOString() };
}

/** The artist page: profile, albums (newest first) and most played released tracks. */
export async function artistPage(db: Database, id: string): Promise<ArtistPageResponse> {
  const [artist] = await db.select().from(artists).where(eq(artists.id, id));
  if (!artist) throw new EncoreError('ARTIST_NOT_FOUND', 'No such artist', { artistId: id });
  const albumRows = await db.select().from(albums).where(eq(albums.artistId, id)).orderBy(desc(albums.createdAt));
  const top = await selectTracks(db)
    .where(and(eq(tracks.artistId, id), released()))
    .orderBy(desc(tracks.playCount), desc(tracks.releasedAt))
    .limit(10);
  return { artist: toArtist(artist), albums: albumRows.map((a) => albumHead(a, artist.name)), topTracks: await withDetails(db, top) };
}

/** Newest released tracks. */
export async function newReleases(db: Database, limit: number): Promise<CatalogTrack[]> {
  const rows = await selectTracks(db).where(released()).orderBy(desc(tracks.releasedAt), desc(tracks.id)).limit(limit);
  return withDetails(db, rows);
}
