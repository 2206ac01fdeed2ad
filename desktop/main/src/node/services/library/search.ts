import type { AlbumSummary, ArtistSummary, SearchResults } from '@encore/shared/host/library';
import type { SqlReader } from './librarySql';
import { TRACK_JOINS, TRACK_SELECT, toTrack, type TrackRow } from './trackRow';

/** bm25 weights, in the FTS column order: title, artists, album, album artist, genre, lyrics. */
export const BM25_WEIGHTS = [10, 6, 4, 3, 2, 1] as const;
const BM25 = `bm25(tracks_fts, ${BM25_WEIGHTS.join(', ')})`;
/** How many matching tracks feed the album and artist groups. */
const GROUP_POOL = 300;
/** Most matches ranked by bm25 for one query (see searchLibrary). */
const RANK_CANDIDATES = 2000;

/** The words of a query as the index sees them: lower case, letters and digits only. */
export function queryTokens(query: string): string[] {
  return query
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8)
    .map((t) => t.slice(0, 64));
}

/**
 * An FTS5 MATCH expression where every word is a quoted prefix ("beat"* "fo"*), so typing
 * "beat fo" already finds "Beatles - For No One". Quoting makes every word a plain string:
 * FTS operators typed by the user (AND, NEAR, column:) have no effect. Null when empty.
 */
export function ftsPrefixQuery(query: string, columns?: readonly string[]): string | null {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return null;
  const expr = tokens.map((t) => `"${t}"*`).join(' ');
  return columns ? `{${columns.join(' ')}} : (${expr})` : expr;
}

/**
 * Search as you type, grouped like Spotify's results: songs ranked by bm25 with the column
 * weights above, then albums and artists whose names hold every word, ranked by their best
 * song. One ranked FTS pass feeds all three groups. It runs in two tiers to stay fast on
 * short prefixes over large libraries: names first (title, artists, album, album artist),
 * and only when those give fewer than `limit` songs, genre and lyrics too; bm25 is computed
 * for far fewer rows, and a name hit outranks a lyrics hit, as a listener expects.
 *
 * @example
 * searchLibrary(reader, 'miles so', 25); // { songs: [So What, ...], albums: [...], artists: [Miles Davis] }
 */
export function searchLibrary(r: SqlReader, query: string, limit: number): SearchResults {
  const tokens = queryTokens(query);
  const expr = ftsPrefixQuery(query);
  if (!expr) return { query, songs: [], albums: [], artists: [] };
  // bm25 costs per matching row; a one- or two-letter prefix over a big library matches tens
  // of thousands, so at most RANK_CANDIDATES matches (in index order) are ranked. Any query
  // with fewer matches, i.e. nearly every query past its first letters, is ranked exactly.
  const ranked = `SELECT id FROM (SELECT rowid AS id, ${BM25} AS score FROM tracks_fts WHERE tracks_fts MATCH ? LIMIT ${RANK_CANDIDATES}) ORDER BY score LIMIT ${GROUP_POOL}`;
  const ids = r.pluck<number>(ranked, [`{title artists album album_artist} : (${expr})`]);
  if (ids.length < limit) {
    const seen = new Set(ids);
    for (const id of r.pluck<number>(ranked, [expr])) if (!seen.has(id)) ids.push(id);
  }
  if (ids.length === 0) return { query, songs: [], albums: [], artists: [] };
  const top = ids.slice(0, limit);
  const byId = new Map(r.all<TrackRow>(`SELECT ${TRACK_SELECT} FROM tracks t ${TRACK_JOINS} WHERE t.id IN (${top.map(() => '?').join(',')})`, top).map((row) => [row.rowid, row]));
  const songs = top.flatMap((id) => (byId.has(id) ? [toTrack(byId.get(id)!)] : []));
  const pool = r.all<PoolRow>(`SELECT id, album, album_artist, artists_json FROM tracks WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  const order = new Map(ids.map((id, i) => [id, i]));
  pool.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const groups = Math.min(limit, 20);
  return { query, songs, albums: albumsOf(r, pool, tokens, groups), artists: artistsOf(r, pool, tokens, groups) };
}

interface PoolRow {
  id: number;
  album: string | null;
  album_artist: string | null;
  artists_json: string;
}

function albumsOf(r: SqlReader, pool: PoolRow[], tokens: string[], limit: number): AlbumSummary[] {
  const found = new Map<string, { album: string; albumArtist: string | null }>();
  for (const row of pool) {
    if (!row.album || found.size >= limit) continue;
    const key = `${row.album.toLowerCase()}\u0000${(row.album_artist ?? '').toLowerCase()}`;
    if (found.has(key)) continue;
    // An album hit holds every word in its own names (album, album artist, its artists).
    if (allTokensIn(tokens, `${row.album} ${row.album_artist ?? ''} ${(JSON.parse(row.artists_json) as string[]).join(' ')}`)) found.set(key, { album: row.album, albumArtist: row.album_artist });
  }
  return [...found.values()].map((a) => {
    const s = r.get<{ year: number | null; n: number; dur: number; art: string | null; added: number }>(
      `SELECT max(year) AS year, count(*) AS n, coalesce(sum(duration_sec), 0) AS dur, max(artwork_hash) AS art, min(added_at) AS added
       FROM tracks WHERE album = ? COLLATE NOCASE AND coalesce(album_artist, '') = ? COLLATE NOCASE`,
      [a.album, a.albumArtist ?? ''],
    )!;
    return { album: a.album, albumArtist: a.albumArtist, year: s.year, trackCount: s.n, durationSec: s.dur, artworkHash: s.art, addedAt: new Date(s.added).toISOString() };
  });
}

function artistsOf(r: SqlReader, pool: PoolRow[], tokens: string[], limit: number): ArtistSummary[] {
  const found = new Map<string, string>();
  for (const row of pool) {
    const names = [...(JSON.parse(row.artists_json) as string[]), ...(row.album_artist ? [row.album_artist] : [])];
    for (const name of names) {
      if (found.size >= limit) break;
      if (!found.has(name.toLowerCase()) && allTokensIn(tokens, name)) found.set(name.toLowerCase(), name);
    }
  }
  // Exact counts: the artist's name as a phrase in the artist columns, checked against the JSON list.
  return [...found.values()].map((name) => {
    const phrase = queryTokens(name).map((t) => `"${t}"`).join(' + ');
    const rows = phrase
      ? r.all<{ artists_json: string; album_artist: string | null; album: string | null }>(
          `SELECT t.artists_json, t.album_artist, t.album FROM tracks_fts JOIN tracks t ON t.id = tracks_fts.rowid WHERE tracks_fts MATCH ?`,
          [`{artists album_artist} : (${phrase})`],
        )
      : [];
    const key = name.toLowerCase();
    const mine = rows.filter((t) => t.album_artist?.toLowerCase() === key || (JSON.parse(t.artists_json) as string[]).some((a) => a.toLowerCase() === key));
    return { name, trackCount: mine.length, albumCount: new Set(mine.flatMap((t) => (t.album ? [t.album.toLowerCase()] : []))).size };
  });
}

function wordsOf(s: string): string[] {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u);
}

/** Every query word is the prefix of some word of `name`. */
function allTokensIn(tokens: string[], name: string): boolean {
  const words = wordsOf(name);
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
}
