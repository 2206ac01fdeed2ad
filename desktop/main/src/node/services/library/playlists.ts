import { EncoreError } from '@encore/shared/errors';
import type { LibraryTrack, Playlist } from '@encore/shared/host/library';
import { tracksByHash } from './browse';
import type { SqlReader, SqlWriter } from './librarySql';

interface PlaylistRow {
  id: number;
  name: string;
  created_at: number;
  updated_at: number;
  n: number;
}

const SELECT = `SELECT p.id, p.name, p.created_at, p.updated_at, (SELECT count(*) FROM playlist_entries e WHERE e.playlist_id = p.id) AS n FROM playlists p`;

const toPlaylist = (p: PlaylistRow): Playlist => ({ id: p.id, name: p.name, entryCount: p.n, createdAt: new Date(p.created_at).toISOString(), updatedAt: new Date(p.updated_at).toISOString() });

export function listPlaylists(r: SqlReader): Playlist[] {
  return r.all<PlaylistRow>(`${SELECT} ORDER BY p.name COLLATE NOCASE, p.id`).map(toPlaylist);
}

export function getPlaylist(r: SqlReader, id: number): Playlist {
  const row = r.get<PlaylistRow>(`${SELECT} WHERE p.id = ?`, [id]);
  if (!row) throw new EncoreError('NOT_FOUND', 'No such playlist');
  return toPlaylist(row);
}

export function createPlaylist(w: SqlWriter, name: string, now: number): Playlist {
  const id = Number(w.run('INSERT INTO playlists (name, created_at, updated_at) VALUES (?, ?, ?)', [name, now, now]).lastInsertRowid);
  return getPlaylist(w, id);
}

export function renamePlaylist(w: SqlWriter, id: number, name: string, now: number): Playlist {
  if (w.run('UPDATE playlists SET name = ?, updated_at = ? WHERE id = ?', [name, now, id]).changes === 0) throw new EncoreError('NOT_FOUND', 'No such playlist');
  return getPlaylist(w, id);
}

export function deletePlaylist(w: SqlWriter, id: number): boolean {
  return w.run('DELETE FROM playlists WHERE id = ?', [id]).changes > 0;
}

/** Entries in order; `track` is null for a file no longer in the library (it stays listed). */
export function playlistEntries(r: SqlReader, id: number): { position: number; trackId: string; track: LibraryTrack | null }[] {
  getPlaylist(r, id);
  const rows = r.all<{ position: number; hash: string }>('SELECT position, hash FROM playlist_entries WHERE playlist_id = ? ORDER BY position', [id]);
  const tracks = tracksByHash(r, rows.map((e) => e.hash));
  return rows.map((e) => ({ position: e.position, trackId: e.hash, track: tracks.get(e.hash) ?? null }));
}

function hashes(w: SqlWriter, id: number): string[] {
  return w.pluck<string>('SELECT hash FROM playlist_entries WHERE playlist_id = ? ORDER BY position', [id]);
}

/** Rewrites the whole order (positions 0..n-1); playlists are small enough for this to be simple and exact. */
function rewrite(w: SqlWriter, id: number, list: readonly string[], now: number): Playlist {
  w.run('DELETE FROM playlist_entries WHERE playlist_id = ?', [id]);
  list.forEach((hash, position) => w.run('INSERT INTO playlist_entries (playlist_id, position, hash) VALUES (?, ?, ?)', [id, position, hash]));
  w.run('UPDATE playlists SET updated_at = ? WHERE id = ?', [now, id]);
  return getPlaylist(w, id);
}

export function addToPlaylist(w: SqlWriter, id: number, trackIds: readonly string[], position: number | undefined, now: number): Playlist {
  getPlaylist(w, id);
  const list = hashes(w, id);
  const at = Math.min(position ?? list.length, list.length);
  list.splice(at, 0, ...trackIds);
  return rewrite(w, id, list, now);
}

export function removeFromPlaylist(w: SqlWriter, id: number, positions: readonly number[], now: number): Playlist {
  getPlaylist(w, id);
  const drop = new Set(positions);
  return rewrite(w, id, hashes(w, id).filter((_, i) => !drop.has(i)), now);
}

export function moveInPlaylist(w: SqlWriter, id: number, from: number, to: number, now: number): Playlist {
  getPlaylist(w, id);
  const list = hashes(w, id);
  if (from >= list.length) throw new EncoreError('BAD_REQUEST', 'No entry at this position', { from, entries: list.length });
  const [moved] = list.splice(from, 1);
  list.splice(Math.min(to, list.length), 0, moved!);
  return rewrite(w, id, list, now);
}
