import { LibraryTrack, MusicBrainzIds, ReplayGain, type AudioFormat, type SongSort } from '@encore/shared/host/library';
import type { Params, SqlReader } from './librarySql';

/**
 * The columns every track query selects (`t` = tracks, `s` = track_stats). A local track's folder
 * path and a catalog track's download come from subqueries, evaluated for the rows returned only:
 * counts and sorts over 100k rows touch `tracks` (and the stats) alone.
 */
export const TRACK_SELECT = `t.id AS rowid, t.hash, t.folder_id, t.path, (SELECT f.path FROM library_folders f WHERE f.id = t.folder_id) AS folder_path, t.format, t.codec, t.size, t.duration_sec, t.sample_rate, t.channels,
  t.bitrate, t.title, t.artists_json, t.album_artist, t.album, t.track_no, t.track_of, t.disc_no, t.disc_of, t.year, t.genres_json,
  t.composers_json, t.isrc, t.musicbrainz_json, t.replaygain_json, t.artwork_hash, t.lyrics IS NOT NULL AS has_lyrics, t.added_at,
  coalesce(s.liked, 0) AS liked, coalesce(s.rating, 0) AS rating, coalesce(s.play_count, 0) AS play_count, s.last_played_at,
  t.source, t.download_id,
  CASE WHEN t.download_id IS NULL THEN NULL ELSE (SELECT d.quality FROM downloads d WHERE d.id = t.download_id) END AS download_quality,
  CASE WHEN t.download_id IS NULL THEN NULL ELSE (SELECT d.offline_until FROM downloads d WHERE d.id = t.download_id) END AS download_offline_until`;
export const TRACK_JOINS = `LEFT JOIN track_stats s ON s.hash = t.hash`;
export const TRACK_FROM = `tracks t ${TRACK_JOINS}`;

/**
 * One page of tracks: the sort runs over row ids only (a narrow sorter, no subqueries, no JSON
 * columns carried through it), then the page's rows are read whole by id. Keeps sorted views of
 * 100k tracks (recently added, by artist, most played) as cheap as the sort itself.
 *
 * @example
 * pageOfTracks(r, 'WHERE t.year = ?', [1959], songOrder('title', 'asc'), 100, 0);
 */
export function pageOfTracks(r: SqlReader, where: string, params: Params, orderBy: string, limit: number, offset: number): LibraryTrack[] {
  const ids = r.pluck<number>(`SELECT t.id FROM ${TRACK_FROM} ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`, [...params, limit, offset]);
  if (ids.length === 0) return [];
  const rows = new Map(r.all<TrackRow>(`SELECT ${TRACK_SELECT} FROM ${TRACK_FROM} WHERE t.id IN (${ids.map(() => '?').join(',')})`, ids).map((row) => [row.rowid, row]));
  return ids.flatMap((id) => (rows.has(id) ? [toTrack(rows.get(id)!)] : []));
}

export interface TrackRow {
  rowid: number;
  hash: string;
  folder_id: number | null;
  path: string | null;
  folder_path: string | null;
  format: string;
  codec: string | null;
  size: number;
  duration_sec: number | null;
  sample_rate: number | null;
  channels: number | null;
  bitrate: number | null;
  title: string;
  artists_json: string;
  album_artist: string | null;
  album: string | null;
  track_no: number | null;
  track_of: number | null;
  disc_no: number | null;
  disc_of: number | null;
  year: number | null;
  genres_json: string;
  composers_json: string;
  isrc: string | null;
  musicbrainz_json: string;
  replaygain_json: string;
  artwork_hash: string | null;
  has_lyrics: number;
  added_at: number;
  liked: number;
  rating: number;
  play_count: number;
  last_played_at: number | null;
  source: 'local' | 'catalog';
  download_id: string | null;
  download_quality: string | null;
  download_offline_until: number | null;
}

const strings = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

const EMPTY_MB: MusicBrainzIds = { recordingId: null, trackId: null, albumId: null, artistIds: [], albumArtistIds: [], releaseGroupId: null };
const EMPTY_RG: ReplayGain = { trackGainDb: null, trackPeak: null, albumGainDb: null, albumPeak: null };

/** Maps a row to the contract's track, validated: what leaves the host matches the schema. */
export function toTrack(r: TrackRow): LibraryTrack {
  const rel = r.path === null ? '' : r.folder_path !== null && r.path.startsWith(r.folder_path) ? r.path.slice(r.folder_path.length).replace(/^[\\/]+/, '') : r.path;
  const mb = MusicBrainzIds.safeParse(JSON.parse(r.musicbrainz_json));
  const rg = ReplayGain.safeParse(JSON.parse(r.replaygain_json));
  return LibraryTrack.parse({
    id: r.hash,
    folderId: r.folder_id,
    relPath: rel.split('\\').join('/'),
    format: r.format as AudioFormat,
    codec: r.codec,
    sizeBytes: r.size,
    durationSec: r.duration_sec,
    sampleRate: r.sample_rate,
    channels: r.channels,
    bitrate: r.bitrate,
    title: r.title,
    artists: strings(r.artists_json),
    albumArtist: r.album_artist,
    album: r.album,
    trackNo: r.track_no,
    trackOf: r.track_of,
    discNo: r.disc_no,
    discOf: r.disc_of,
    year: r.year,
    genres: strings(r.genres_json),
    composers: strings(r.composers_json),
    isrc: r.isrc,
    musicBrainz: mb.success ? mb.data : EMPTY_MB,
    replayGain: rg.success ? rg.data : EMPTY_RG,
    artworkHash: r.artwork_hash,
    hasLyrics: r.has_lyrics === 1,
    addedAt: new Date(r.added_at).toISOString(),
    liked: r.liked === 1,
    rating: r.rating,
    playCount: r.play_count,
    lastPlayedAt: r.last_played_at === null ? null : new Date(r.last_played_at).toISOString(),
    ...(r.source === 'catalog'
      ? { source: 'catalog', download: r.download_id ? { id: r.download_id, quality: r.download_quality, offlineUntil: r.download_offline_until === null ? null : new Date(r.download_offline_until).toISOString() } : null }
      : {}),
  });
}

/** ORDER BY for a song sort; fixed strings only, so user input never becomes SQL. */
export function songOrder(sort: SongSort, order: 'asc' | 'desc'): string {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  const tail = `t.album COLLATE NOCASE ${dir}, coalesce(t.disc_no, 1), coalesce(t.track_no, 0), t.title COLLATE NOCASE, t.id`;
  switch (sort) {
    case 'title':
      return `t.title COLLATE NOCASE ${dir}, t.id`;
    case 'artist':
      return `t.artists COLLATE NOCASE ${dir}, ${tail}`;
    case 'album':
      return tail;
    case 'year':
      return `t.year ${dir} NULLS LAST, ${tail}`;
    case 'addedAt':
      return `t.added_at ${dir}, ${tail}`;
    case 'playCount':
      return `coalesce(s.play_count, 0) ${dir}, s.last_played_at DESC, t.id`;
    case 'lastPlayedAt':
      return `s.last_played_at ${dir} NULLS LAST, t.id`;
    case 'duration':
      return `t.duration_sec ${dir}, t.id`;
    case 'rating':
      return `coalesce(s.rating, 0) ${dir}, t.title COLLATE NOCASE, t.id`;
  }
}
