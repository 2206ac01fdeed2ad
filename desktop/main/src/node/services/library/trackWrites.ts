import fs from 'node:fs';
import path from 'node:path';
import type { SqlWriter } from './librarySql';
import type { StoredTrack } from './readProtocol';

/** A read file, ready to store: its folder and its artwork hash are resolved. */
export interface TrackWrite {
  folderId: number;
  folderPath: string;
  record: StoredTrack;
  artworkHash: string | null;
}

export interface BadWrite {
  folderId: number | null;
  path: string;
  size: number;
  mtimeMs: number;
  reason: string;
}

export type WriteOutcome = 'added' | 'updated' | 'moved';

const COLUMNS = `hash, path, folder_id, dir, size, mtime_ms, format, codec, duration_sec, sample_rate, channels, bitrate,
  title, artists, artists_json, album_artist, album, track_no, track_of, disc_no, disc_of, year, genre, genres_json,
  composers_json, isrc, musicbrainz_json, replaygain_json, artwork_hash, lyrics, lyrics_lrc`;
const SETS = COLUMNS.split(',')
  .map((c) => c.trim())
  .map((c) => `${c} = ?`)
  .join(', ');

function values(t: TrackWrite): unknown[] {
  const r = t.record;
  const dir = path.relative(t.folderPath, path.dirname(r.path)).split(path.sep).join('/');
  return [
    r.hash, r.path, t.folderId, dir, r.size, r.mtimeMs, r.format, r.codec, r.durationSec, r.sampleRate, r.channels, r.bitrate,
    r.title, r.artists.join('; '), JSON.stringify(r.artists), r.albumArtist, r.album, r.trackNo, r.trackOf, r.discNo, r.discOf, r.year,
    r.genres.join('; '), JSON.stringify(r.genres), JSON.stringify(r.composers), r.isrc, JSON.stringify(r.musicBrainz), JSON.stringify(r.replayGain),
    t.artworkHash, r.lyrics, r.lyricsLrc,
  ];
}

/**
 * Stores one read file, keeping identity by content:
 * - same path, new content (tags edited): the row is updated and, if no other copy keeps the
 *   old hash, likes, plays and playlist entries follow the file to its new hash;
 * - new path whose content is already in the library at a path that no longer exists: a
 *   move: the row keeps its id and added date, only its place changes;
 * - otherwise a new row (a copy of a known file gets the original's added date).
 * Must run inside a write transaction.
 */
export function upsertTrack(w: SqlWriter, t: TrackWrite, now: number): WriteOutcome {
  const r = t.record;
  w.run('DELETE FROM bad_files WHERE path = ?', [r.path]);
  const existing = w.get<{ id: number; hash: string }>('SELECT id, hash FROM tracks WHERE path = ?', [r.path]);
  if (existing) {
    w.run(`UPDATE tracks SET ${SETS}, updated_at = ? WHERE id = ?`, [...values(t), now, existing.id]);
    if (existing.hash !== r.hash) rekey(w, existing.hash, r.hash);
    return 'updated';
  }
  const sameContent = w.all<{ id: number; path: string }>('SELECT id, path FROM tracks WHERE hash = ?', [r.hash]);
  const gone = sameContent.find((row) => !fs.existsSync(row.path));
  if (gone) {
    w.run(`UPDATE tracks SET ${SETS}, updated_at = ? WHERE id = ?`, [...values(t), now, gone.id]);
    return 'moved';
  }
  const placeholders = COLUMNS.split(',').map(() => '?').join(', ');
  w.run(`INSERT INTO tracks (${COLUMNS}, added_at, updated_at) VALUES (${placeholders}, coalesce((SELECT min(added_at) FROM tracks WHERE hash = ?), ?), ?)`, [...values(t), r.hash, now, now]);
  return 'added';
}

/** Records a file that could not be imported; a track that was there before is removed. */
export function recordBad(w: SqlWriter, b: BadWrite, now: number): boolean {
  w.run('INSERT OR REPLACE INTO bad_files (path, folder_id, size, mtime_ms, reason, seen_at) VALUES (?, ?, ?, ?, ?, ?)', [b.path, b.folderId, b.size, b.mtimeMs, b.reason, now]);
  return w.run('DELETE FROM tracks WHERE path = ?', [b.path]).changes > 0;
}

/** Removes the rows of paths that are gone. Stats stay with the hash, ready for its return. */
export function removePaths(w: SqlWriter, paths: readonly string[]): number {
  let n = 0;
  for (const p of paths) {
    n += w.run('DELETE FROM tracks WHERE path = ?', [p]).changes;
    w.run('DELETE FROM bad_files WHERE path = ?', [p]);
  }
  return n;
}

function rekey(w: SqlWriter, from: string, to: string): void {
  const stillThere = w.get('SELECT 1 AS x FROM tracks WHERE hash = ? LIMIT 1', [from]);
  if (stillThere) return;
  // If the new content already has stats (it was in the library elsewhere), those win.
  w.run('UPDATE OR IGNORE track_stats SET hash = ? WHERE hash = ?', [to, from]);
  w.run('UPDATE plays SET hash = ? WHERE hash = ?', [to, from]);
  w.run('UPDATE playlist_entries SET hash = ? WHERE hash = ?', [to, from]);
}
