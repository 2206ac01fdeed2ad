import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AudioFormat } from '@encore/shared/host/library';
import type { LibrarySql, SqlReader, SqlWriter } from '../library/librarySql';
import type { DownloadRow } from './downloadRows';

/** What the library shows of a catalog track beyond the `downloads` columns, captured when it was queued. */
export const CatalogMeta = z.object({
  albumId: z.string().nullable().default(null),
  albumArtist: z.string().nullable().default(null),
  trackNumber: z.int().nullable().default(null),
  genres: z.array(z.string()).default([]),
  isrc: z.string().nullable().default(null),
  year: z.int().nullable().default(null),
});
export type CatalogMeta = z.infer<typeof CatalogMeta>;

/**
 * The library id of a catalog track: stable per server and catalog track (not per download or
 * quality), so likes, plays and playlist entries made while it was downloaded come back when it
 * is downloaded again after a removal or a revocation.
 *
 * @example
 * catalogTrackHash('https://encore.example', '5b4f…') // 64 hex digits
 */
export function catalogTrackHash(serverUrl: string, trackId: string): string {
  return createHash('sha256').update(`encore-catalog\u0000${serverUrl}\u0000${trackId}`).digest('hex');
}

const FORMATS: Record<string, AudioFormat> = { opus: 'opus', flac: 'flac', mp3: 'mp3', aac: 'aac', vorbis: 'ogg' };

/**
 * Makes the library's catalog rows match the downloads, in one transaction: a catalog track is
 * in the library exactly while its download is done and its licence still plays offline (like
 * Spotify, an expired or revoked download leaves the offline library; its plays, likes and
 * playlist entries stay keyed by {@link catalogTrackHash}). Idempotent; cheap enough to run
 * after every download change. Returns what changed and when the next licence runs out.
 */
export function syncCatalogTracks(sql: LibrarySql, now: number): { added: number; removed: number; nextExpiry: number | null } {
  return sql.write((w) => {
    const removed = w.run(
      `DELETE FROM tracks WHERE source = 'catalog' AND download_id IN (SELECT id FROM downloads WHERE NOT (state = 'done' AND coalesce(offline_until, 0) > ?))`,
      [now],
    ).changes;
    const missing = w.all<DownloadRow>(
      `SELECT * FROM downloads d WHERE d.state = 'done' AND d.offline_until > ? AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.download_id = d.id)`,
      [now],
    );
    for (const d of missing) insertCatalogTrack(w, d, now);
    const next = w.get<{ at: number | null }>(`SELECT min(offline_until) AS at FROM downloads WHERE state = 'done' AND offline_until > ?`, [now])?.at ?? null;
    return { added: missing.length, removed, nextExpiry: next };
  });
}

function insertCatalogTrack(w: SqlWriter, d: DownloadRow, now: number): void {
  const parsed = CatalogMeta.safeParse(JSON.parse(d.meta_json));
  const meta = parsed.success ? parsed.data : CatalogMeta.parse({});
  const albumArtist = meta.albumArtist ?? (d.album ? d.artist : null);
  const addedAt = d.completed_at ?? now;
  w.run(
    `INSERT INTO tracks (hash, source, download_id, size, mtime_ms, format, codec, duration_sec, title, artists, artists_json, album_artist, album,
       track_no, year, genre, genres_json, isrc, artwork_hash, added_at, updated_at)
     VALUES (?, 'catalog', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      catalogTrackHash(d.server_url, d.track_id), d.id, d.size_bytes ?? 0, addedAt, FORMATS[d.codec ?? ''] ?? 'opus', d.codec, d.duration_ms === null ? null : d.duration_ms / 1000,
      d.title, d.artist, JSON.stringify([d.artist]), albumArtist, d.album, meta.trackNumber, meta.year, meta.genres.join('; '), JSON.stringify(meta.genres), meta.isrc,
      d.artwork_hash, addedAt, now,
    ],
  );
}

/**
 * One listen of a downloaded catalog track, written in one transaction: the library's history
 * and play count, and the offline play queued for the server (sent once, by its event id).
 * Both play paths (the library player and the Downloads view) come here, each once per listen.
 */
export function recordCatalogPlay(w: SqlWriter, d: Pick<DownloadRow, 'server_url' | 'user_id' | 'track_id'>, ms: number, at: number): string {
  const hash = catalogTrackHash(d.server_url, d.track_id);
  const eventId = `offline-${randomUUID()}`;
  w.run('INSERT INTO offline_plays (client_event_id, server_url, user_id, track_id, ms, played_at) VALUES (?, ?, ?, ?, ?, ?)', [eventId, d.server_url, d.user_id, d.track_id, ms, at]);
  w.run('INSERT INTO plays (hash, played_at, ms_played) VALUES (?, ?, ?)', [hash, at, ms]);
  w.run(
    'INSERT INTO track_stats (hash, play_count, last_played_at) VALUES (?, 1, ?) ON CONFLICT (hash) DO UPDATE SET play_count = play_count + 1, last_played_at = max(coalesce(last_played_at, 0), excluded.last_played_at)',
    [hash, at],
  );
  return eventId;
}

/** The download behind a library track id, when it is a catalog track in the library now. */
export function downloadOfTrack(r: SqlReader, hash: string): Pick<DownloadRow, 'id' | 'server_url' | 'user_id' | 'track_id' | 'duration_ms'> | undefined {
  return r.get<Pick<DownloadRow, 'id' | 'server_url' | 'user_id' | 'track_id' | 'duration_ms'>>(
    `SELECT d.id, d.server_url, d.user_id, d.track_id, d.duration_ms FROM tracks t JOIN downloads d ON d.id = t.download_id WHERE t.hash = ? AND t.source = 'catalog' ORDER BY t.id LIMIT 1`,
    [hash],
  );
}
