import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { CatalogTrack } from '@encore/shared/api/catalog';
import type { AudioQuality } from '@encore/shared/domain/user';
import type { Database } from '../../db/database';
import { albums, artists, renditions, tracks, type RenditionRow, type TrackRow } from '../../db/schema/catalog';

const QUALITY_ORDER: AudioQuality[] = ['low', 'normal', 'high', 'lossless'];

/** Tracks anyone may see: processed and approved. */
export const released = (): SQL => and(eq(tracks.status, 'ready'), eq(tracks.moderation, 'approved'))!;

export function toCatalogTrack(row: TrackRow, artistName: string, files: RenditionRow[], albumCoverId: string | null = null): CatalogTrack {
  return {
    id: row.id,
    title: row.title,
    artistId: row.artistId,
    artistName,
    albumId: row.albumId,
    trackNumber: row.trackNumber,
    durationMs: row.durationMs,
    genres: row.genres,
    tags: row.tags,
    explicit: row.explicit,
    isrc: row.isrc,
    lyrics: row.lyrics ?? null,
    price: row.price,
    currency: row.currency,
    allowPurchase: row.allowPurchase,
    allowReelUsage: row.allowReelUsage,
    status: row.status,
    moderation: row.moderation,
    waveform: row.waveform,
    loudness: row.loudnessLufs !== null && row.truePeakDbtp !== null ? { integratedLufs: row.loudnessLufs, truePeakDbtp: row.truePeakDbtp } : null,
    renditions: files
      .sort((a, b) => QUALITY_ORDER.indexOf(a.quality) - QUALITY_ORDER.indexOf(b.quality))
      .map((f) => ({ quality: f.quality, codec: f.codec, bitrateKbps: f.bitrateKbps, sizeBytes: f.sizeBytes })),
    playCount: row.playCount,
    bpm: row.bpm,
    key: row.musicalKey,
    coverId: row.coverId ?? albumCoverId,
    moderationReason: row.moderationReason,
    releasedAt: row.releasedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Loads tracks with their artist names and renditions, keeping the order of the rows given.
 *
 * @example
 * const list = await withDetails(db, rows);
 */
export async function withDetails(db: Database, rows: TrackListRow[]): Promise<CatalogTrack[]> {
  if (rows.length === 0) return [];
  const files = await db
    .select()
    .from(renditions)
    .where(
      inArray(
        renditions.trackId,
        rows.map((r) => r.track.id),
      ),
    );
  return rows.map((r) =>
    toCatalogTrack(
      r.track,
      r.artistName,
      files.filter((f) => f.trackId === r.track.id),
      r.albumCoverId ?? null,
    ),
  );
}

/** A track row with what its view needs from the artist and album. */
export interface TrackListRow {
  track: TrackRow;
  artistName: string;
  albumCoverId?: string | null;
}

/** Selects tracks joined with their artist's name and album cover, filtered by `where`. */
export function selectTracks(db: Database) {
  return db.select({ track: tracks, artistName: artists.name, albumCoverId: albums.coverId }).from(tracks).innerJoin(artists, eq(artists.id, tracks.artistId)).leftJoin(albums, eq(albums.id, tracks.albumId));
}

/** A released track, or the viewer's own in any state. */
export function visibleTo(viewerArtistUserId: string | undefined): SQL {
  return viewerArtistUserId ? or(released(), eq(artists.userId, viewerArtistUserId))! : released();
}
