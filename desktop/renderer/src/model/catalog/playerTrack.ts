import type { CatalogTrack } from '@encore/shared/api/catalog';
import type { LibraryTrack } from '@encore/shared/host/library';

/**
 * A catalog track as the app's player shows and queues it. The id stays the catalog's UUID,
 * which is how the player tells a stream (`media/catalog/<uuid>`, through the host) from a
 * library file (64 hex); the fields a library file has and a stream has not are empty.
 *
 * @example
 * await player.playTracks(album.tracks.map(toPlayerTrack), 0);
 */
export function toPlayerTrack(t: CatalogTrack, album: string | null = null): LibraryTrack {
  return {
    id: t.id,
    folderId: -1,
    relPath: '',
    format: 'opus',
    codec: null,
    sizeBytes: 0,
    durationSec: t.durationMs / 1000,
    sampleRate: null,
    channels: null,
    bitrate: null,
    title: t.title,
    artists: [t.artistName],
    albumArtist: t.artistName,
    album,
    trackNo: t.trackNumber,
    trackOf: null,
    discNo: null,
    discOf: null,
    year: t.releasedAt ? new Date(t.releasedAt).getUTCFullYear() : null,
    genres: t.genres,
    composers: [],
    isrc: t.isrc,
    musicBrainz: { recordingId: null, trackId: null, albumId: null, artistIds: [], albumArtistIds: [], releaseGroupId: null },
    replayGain: { trackGainDb: null, trackPeak: null, albumGainDb: null, albumPeak: null },
    artworkHash: t.coverId ? catalogCoverKey(t.coverId) : null,
    hasLyrics: t.lyrics !== null,
    addedAt: t.createdAt,
    liked: false,
    rating: 0,
    playCount: t.playCount,
    lastPlayedAt: null,
  };
}

/** The player's artwork key of a catalog cover (never a 64-hex hash, so the host is not asked for it). */
export const catalogCoverKey = (coverId: string): string => `catalog-cover:${coverId}`;
