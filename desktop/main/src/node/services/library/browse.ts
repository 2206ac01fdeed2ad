import type { z } from 'zod';
import { EncoreError } from '@encore/shared/errors';
import { AlbumQuery, ArtistQuery, SongQuery, type AlbumSummary, type ArtistSummary, type LibraryStats, type LibraryTrack } from '@encore/shared/host/library';
import type { Params, SqlReader } from './librarySql';
import { parseLrc } from './lrc';
import { ftsPrefixQuery } from './search';
import { TRACK_FROM, TRACK_SELECT, pageOfTracks, songOrder, toTrack, type TrackRow } from './trackRow';

type Page<T> = { items: T[]; total: number };

/** Songs with filters, sort and paging (also "recently added" and "most played" by sort). */
export function songs(r: SqlReader, input: SongQuery): Page<LibraryTrack> {
  const q = SongQuery.parse(input);
  const where: string[] = [];
  const params: unknown[] = [];
  const f = q.filter;
  const add = (cond: string, ...values: unknown[]) => {
    where.push(cond);
    params.push(...values);
  };
  if (f.artist) {
    where.push(`(EXISTS (SELECT 1 FROM json_each(t.artists_json) j WHERE j.value = ? COLLATE NOCASE) OR t.album_artist = ? COLLATE NOCASE)`);
    params.push(f.artist, f.artist);
  }
  if (f.albumArtist) add('t.album_artist = ? COLLATE NOCASE', f.albumArtist);
  if (f.album) add('t.album = ? COLLATE NOCASE', f.album);
  if (f.genre) add(`EXISTS (SELECT 1 FROM json_each(t.genres_json) j WHERE j.value = ? COLLATE NOCASE)`, f.genre);
  if (f.year !== undefined) add('t.year = ?', f.year);
  if (f.folderId !== undefined) add('t.folder_id = ?', f.folderId);
  if (f.dir !== undefined) add('t.dir = ?', f.dir);
  if (f.liked !== undefined) add('coalesce(s.liked, 0) = ?', f.liked ? 1 : 0);
  if (f.minRating !== undefined) add('coalesce(s.rating, 0) >= ?', f.minRating);
  if (f.format) add('t.format = ?', f.format);
  if (f.text) {
    const match = ftsPrefixQuery(f.text);
    if (match) add('t.id IN (SELECT rowid FROM tracks_fts WHERE tracks_fts MATCH ?)', match);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = r.get<{ n: number }>(`SELECT count(*) AS n FROM ${TRACK_FROM} ${w}`, params)!.n;
  const items = pageOfTracks(r, w, params, songOrder(q.sort, q.order), q.limit, q.offset);
  return { items, total };
}

export function track(r: SqlReader, id: string): LibraryTrack {
  const row = r.get<TrackRow>(`SELECT ${TRACK_SELECT} FROM ${TRACK_FROM} WHERE t.hash = ? ORDER BY t.id LIMIT 1`, [id]);
  if (!row) throw new EncoreError('TRACK_NOT_FOUND', 'No track with this id is in the library');
  return toTrack(row);
}

export function tracksByHash(r: SqlReader, hashes: readonly string[]): Map<string, LibraryTrack> {
  const out = new Map<string, LibraryTrack>();
  const unique = [...new Set(hashes)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = r.all<TrackRow>(`SELECT ${TRACK_SELECT} FROM ${TRACK_FROM} WHERE t.hash IN (${chunk.map(() => '?').join(',')}) ORDER BY t.id`, chunk);
    for (const row of rows) if (!out.has(row.hash)) out.set(row.hash, toTrack(row));
  }
  return out;
}

const ALBUM_KEY = `t.album COLLATE NOCASE, t.album_artist COLLATE NOCASE`;
const ALBUM_SORT: Record<z.infer<typeof AlbumQuery>['sort'], string> = {
  album: 'album COLLATE NOCASE',
  albumArtist: 'album_artist COLLATE NOCASE',
  year: 'year',
  addedAt: 'added',
  playCount: 'plays',
};

export function albums(r: SqlReader, input: z.input<typeof AlbumQuery>): Page<AlbumSummary> {
  const q = AlbumQuery.parse(input);
  const where = ['t.album IS NOT NULL'];
  const params: unknown[] = [];
  const add = (cond: string, ...values: unknown[]) => {
    where.push(cond);
    params.push(...values);
  };
  if (q.filter.artist) {
    where.push(`(t.album_artist = ? COLLATE NOCASE OR EXISTS (SELECT 1 FROM json_each(t.artists_json) j WHERE j.value = ? COLLATE NOCASE))`);
    params.push(q.filter.artist, q.filter.artist);
  }
  if (q.filter.genre) add(`EXISTS (SELECT 1 FROM json_each(t.genres_json) j WHERE j.value = ? COLLATE NOCASE)`, q.filter.genre);
  const grouped = `SELECT t.album, t.album_artist, max(t.year) AS year, count(*) AS n, coalesce(sum(t.duration_sec), 0) AS dur, max(t.artwork_hash) AS art,
    min(t.added_at) AS added, coalesce(sum(s.play_count), 0) AS plays FROM tracks t LEFT JOIN track_stats s ON s.hash = t.hash
    WHERE ${where.join(' AND ')} GROUP BY ${ALBUM_KEY}`;
  const total = r.get<{ n: number }>(`SELECT count(*) AS n FROM (${grouped})`, params)!.n;
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const rows = r.all<{ album: string; album_artist: string | null; year: number | null; n: number; dur: number; art: string | null; added: number }>(
    `${grouped} ORDER BY ${ALBUM_SORT[q.sort]} ${dir}, album COLLATE NOCASE LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  return { total, items: rows.map((a) => ({ album: a.album, albumArtist: a.album_artist, year: a.year, trackCount: a.n, durationSec: a.dur, artworkHash: a.art, addedAt: new Date(a.added).toISOString() })) };
}

/** Every credited artist (multi-valued tags expanded) plus album artists. */
const ARTIST_NAMES = `SELECT j.value AS name, t.id AS tid, t.album AS album FROM tracks t, json_each(t.artists_json) j
  UNION SELECT t.album_artist, t.id, t.album FROM tracks t WHERE t.album_artist IS NOT NULL`;

export function artists(r: SqlReader, input: z.input<typeof ArtistQuery>): Page<ArtistSummary> {
  const q = ArtistQuery.parse(input);
  const grouped = `SELECT min(name) AS name, count(DISTINCT tid) AS n, count(DISTINCT lower(album)) AS albums FROM (${ARTIST_NAMES}) GROUP BY lower(name)`;
  const total = r.get<{ n: number }>(`SELECT count(*) AS n FROM (${grouped})`)!.n;
  const order = q.sort === 'trackCount' ? `n ${q.order === 'desc' ? 'DESC' : 'ASC'}, name COLLATE NOCASE` : `name COLLATE NOCASE ${q.order === 'desc' ? 'DESC' : 'ASC'}`;
  const rows = r.all<{ name: string; n: number; albums: number }>(`${grouped} ORDER BY ${order} LIMIT ? OFFSET ?`, [q.limit, q.offset]);
  return { total, items: rows.map((a) => ({ name: a.name, trackCount: a.n, albumCount: a.albums })) };
}

export function genres(r: SqlReader): { name: string; trackCount: number }[] {
  return r
    .all<{ name: string; n: number }>(`SELECT min(j.value) AS name, count(DISTINCT t.id) AS n FROM tracks t, json_each(t.genres_json) j GROUP BY lower(j.value) ORDER BY name COLLATE NOCASE`)
    .map((g) => ({ name: g.name, trackCount: g.n }));
}

/** One level of a library folder: its subfolders (with track counts) and its own tracks. */
export function folderListing(r: SqlReader, folderId: number, dir: string) {
  const clean = dir.replace(/^\/+|\/+$/g, '');
  if (!r.get('SELECT 1 AS x FROM library_folders WHERE id = ?', [folderId])) throw new EncoreError('NOT_FOUND', 'No such library folder');
  const prefix = clean === '' ? '' : `${clean}/`;
  const sub = r.all<{ name: string; n: number }>(
    `SELECT substr(dir, ?, CASE WHEN instr(substr(dir, ?), '/') = 0 THEN length(dir) ELSE instr(substr(dir, ?), '/') - 1 END) AS name, count(*) AS n
     FROM tracks WHERE folder_id = ? AND dir <> ? AND substr(dir, 1, ?) = ? GROUP BY name ORDER BY name`,
    [prefix.length + 1, prefix.length + 1, prefix.length + 1, folderId, clean, prefix.length, prefix],
  );
  const tracks = r.all<TrackRow>(`SELECT ${TRACK_SELECT} FROM ${TRACK_FROM} WHERE t.folder_id = ? AND t.dir = ? ORDER BY coalesce(t.disc_no, 1), coalesce(t.track_no, 0), t.path`, [folderId, clean]).map(toTrack);
  return { folderId, dir: clean, subdirs: sub.map((s) => ({ name: s.name, trackCount: s.n })), tracks };
}

export function lyrics(r: SqlReader, id: string): { text: string; lines: { timeMs: number; text: string }[] | null } | null {
  const row = r.get<{ lyrics: string | null; lyrics_lrc: string | null }>('SELECT lyrics, lyrics_lrc FROM tracks WHERE hash = ? LIMIT 1', [id]);
  if (!row) throw new EncoreError('TRACK_NOT_FOUND', 'No track with this id is in the library');
  if (!row.lyrics && !row.lyrics_lrc) return null;
  return { text: row.lyrics ?? '', lines: row.lyrics_lrc ? parseLrc(row.lyrics_lrc) : null };
}

export function stats(r: SqlReader): LibraryStats {
  const one = (sql: string, params: Params = []) => r.get<{ n: number | null }>(sql, params)?.n ?? 0;
  const formats = Object.fromEntries(r.all<{ format: string; n: number }>('SELECT format, count(*) AS n FROM tracks GROUP BY format ORDER BY format').map((f) => [f.format, f.n]));
  return {
    folders: one('SELECT count(*) AS n FROM library_folders'),
    tracks: one('SELECT count(*) AS n FROM tracks'),
    albums: one(`SELECT count(*) AS n FROM (SELECT 1 FROM tracks t WHERE t.album IS NOT NULL GROUP BY ${ALBUM_KEY})`),
    artists: one(`SELECT count(DISTINCT lower(name)) AS n FROM (${ARTIST_NAMES})`),
    genres: one('SELECT count(DISTINCT lower(j.value)) AS n FROM tracks t, json_each(t.genres_json) j'),
    totalDurationSec: one('SELECT sum(duration_sec) AS n FROM tracks'),
    totalBytes: one('SELECT sum(size) AS n FROM tracks'),
    badFiles: one('SELECT count(*) AS n FROM bad_files'),
    liked: one('SELECT count(*) AS n FROM track_stats s WHERE s.liked = 1 AND EXISTS (SELECT 1 FROM tracks t WHERE t.hash = s.hash)'),
    plays: one('SELECT count(*) AS n FROM plays'),
    formats,
  };
}
