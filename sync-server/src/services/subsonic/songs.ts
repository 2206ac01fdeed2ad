import { and, avg, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { albums, artists, renditions, trackLikes, tracks, type RenditionRow, type TrackRow } from '../../db/schema/catalog';
import { trackRatings } from '../../db/schema/listener';
import { pickRendition } from '../catalog/streaming';
import type { SubsonicObject } from './response';
import type { Viewer } from './viewer';

export interface SongRow {
  track: TrackRow;
  artistName: string;
  albumTitle: string | null;
  albumCoverId: string | null;
}

/** Tracks with what a Subsonic song needs from the artist and album; add `.where(...)`. */
export function selectSongs(db: Database) {
  return db
    .select({ track: tracks, artistName: artists.name, albumTitle: albums.title, albumCoverId: albums.coverId })
    .from(tracks)
    .innerJoin(artists, eq(artists.id, tracks.artistId))
    .leftJoin(albums, eq(albums.id, tracks.albumId));
}

/** What the file players get by default: the rendition `stream` sends with no parameters. */
const SUFFIX: Record<string, string> = { opus: 'opus', flac: 'flac' };
const MIME: Record<string, string> = { opus: 'audio/ogg', flac: 'audio/flac' };

/** A file name for players that show one; never a real path (blobs are stored by hash). */
const safe = (s: string) => s.replace(/[/\\:*?"<>|]/g, '_').slice(0, 120);

export const coverArtOfTrack = (r: SongRow) => (r.track.coverId ?? r.albumCoverId ? `tr-${r.track.id}` : undefined);

export function songObject(r: SongRow, file: RenditionRow | undefined, marks: { starred?: Date; rating?: number; average?: number }): SubsonicObject {
  const t = r.track;
  const suffix = file ? (SUFFIX[file.codec] ?? file.codec) : 'opus';
  const year = t.releasedAt?.getUTCFullYear();
  return {
    id: t.id,
    parent: t.albumId ?? t.artistId,
    isDir: false,
    title: t.title,
    album: r.albumTitle ?? undefined,
    artist: r.artistName,
    track: t.trackNumber ?? undefined,
    year,
    genre: t.genres[0],
    coverArt: coverArtOfTrack(r),
    size: file?.sizeBytes,
    contentType: file ? (MIME[file.codec] ?? 'application/octet-stream') : undefined,
    suffix,
    duration: Math.round(t.durationMs / 1000),
    bitRate: file?.bitrateKbps ?? undefined,
    path: `${safe(r.artistName)}/${safe(r.albumTitle ?? 'Singles')}/${t.trackNumber ? `${String(t.trackNumber).padStart(2, '0')} - ` : ''}${safe(t.title)}.${suffix}`,
    playCount: t.playCount,
    discNumber: 1,
    created: t.createdAt.toISOString(),
    starred: marks.starred?.toISOString(),
    userRating: marks.rating,
    averageRating: marks.average,
    albumId: t.albumId ?? undefined,
    artistId: t.artistId,
    type: 'music',
    isVideo: false,
    // OpenSubsonic additions.
    mediaType: 'song',
    bpm: t.bpm ? Math.round(t.bpm) : undefined,
    explicitStatus: t.explicit ? 'explicit' : '',
    displayArtist: r.artistName,
    genres: t.genres.map((name) => ({ name })),
    artists: [{ id: t.artistId, name: r.artistName }],
    replayGain: t.loudnessLufs !== null ? { trackGain: Math.round((-18 - t.loudnessLufs) * 100) / 100, ...(t.truePeakDbtp !== null ? { trackPeak: Math.round(10 ** (t.truePeakDbtp / 20) * 10000) / 10000 } : {}) } : undefined,
  };
}

/**
 * Subsonic songs for these rows, in their order: the default rendition for this viewer's
 * tier and setting, their star (like) and rating, and the mean rating.
 */
export async function toSongs(db: Database, viewer: Viewer, rows: SongRow[]): Promise<SubsonicObject[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.track.id);
  const files = await db.select().from(renditions).where(inArray(renditions.trackId, ids));
  const likes = await db
    .select({ id: trackLikes.trackId, at: trackLikes.createdAt })
    .from(trackLikes)
    .where(and(eq(trackLikes.userId, viewer.id), inArray(trackLikes.trackId, ids)));
  const mine = await db
    .select({ id: trackRatings.trackId, rating: trackRatings.rating })
    .from(trackRatings)
    .where(and(eq(trackRatings.userId, viewer.id), inArray(trackRatings.trackId, ids)));
  const means = await db
    .select({ id: trackRatings.trackId, avg: avg(trackRatings.rating) })
    .from(trackRatings)
    .where(inArray(trackRatings.trackId, ids))
    .groupBy(trackRatings.trackId);
  return rows.map((r) => {
    const file = pickRendition(
      viewer.tier,
      viewer.wanted,
      files.filter((f) => f.trackId === r.track.id),
    );
    const mean = means.find((m) => m.id === r.track.id)?.avg;
    return songObject(r, file, {
      starred: likes.find((l) => l.id === r.track.id)?.at,
      rating: mine.find((m) => m.id === r.track.id)?.rating,
      average: mean ? Math.round(Number(mean) * 100) / 100 : undefined,
    });
  });
}
