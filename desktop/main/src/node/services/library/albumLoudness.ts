import type { AlbumLoudness } from '@encore/shared/host/library';
import { EncoreError } from '@encore/shared/errors';
import type { SqlReader } from './librarySql';

interface Row {
  hash: string;
  album: string | null;
  album_artist: string | null;
  duration_sec: number | null;
  integrated_lufs: number | null;
  true_peak_dbtp: number | null;
}

/**
 * The loudness of the album a track belongs to, derived from its tracks' stored analyses:
 * the integrated loudness is the duration-weighted mean of the tracks' mean-square energies
 * (BS.1770 integrates energy, so an album played through measures what its tracks' energies
 * add up to; this differs from one measurement over the concatenated audio only through the
 * relative gate, by far less than a dB for tracks within ~20 LU of each other), and the true
 * peak is the loudest track's. Tracks count once per content. Null when the track has no
 * album or no track of the album is measured yet.
 *
 * @example
 * albumLoudness(reader, trackId); // { integratedLufs: -9.2, truePeakDbtp: -0.3, tracks: 11, measured: 11, ... }
 */
export function albumLoudness(r: SqlReader, trackId: string): AlbumLoudness | null {
  const me = r.get<{ album: string | null; album_artist: string | null }>('SELECT album, album_artist FROM tracks WHERE hash = ? LIMIT 1', [trackId]);
  if (!me) throw new EncoreError('NOT_FOUND', 'No such track');
  if (!me.album) return null;
  const rows = r.all<Row>(
    `SELECT t.hash, t.album, t.album_artist, coalesce(a.duration_sec, t.duration_sec) AS duration_sec, a.integrated_lufs, a.true_peak_dbtp
     FROM tracks t LEFT JOIN track_analysis a ON a.hash = t.hash AND a.error IS NULL
     WHERE t.album = ? COLLATE NOCASE AND coalesce(t.album_artist, '') = ? COLLATE NOCASE`,
    [me.album, me.album_artist ?? ''],
  );
  const byHash = new Map(rows.map((row) => [row.hash, row]));
  let energy = 0;
  let seconds = 0;
  let peak: number | null = null;
  let measured = 0;
  for (const row of byHash.values()) {
    if (row.integrated_lufs === null || !row.duration_sec || row.duration_sec <= 0) continue;
    measured++;
    energy += row.duration_sec * 10 ** (row.integrated_lufs / 10);
    seconds += row.duration_sec;
    if (row.true_peak_dbtp !== null) peak = Math.max(peak ?? -Infinity, row.true_peak_dbtp);
  }
  if (measured === 0) return null;
  return { album: me.album, albumArtist: me.album_artist, integratedLufs: 10 * Math.log10(energy / seconds), truePeakDbtp: peak, tracks: byHash.size, measured };
}
