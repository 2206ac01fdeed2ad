import type { Download, DownloadState } from '@encore/shared/host/downloads';
import type { AudioQuality } from '@encore/shared/domain/user';
import { encryptedSize } from './crypto/chunkedFile';

/** A `downloads` row as SQLite returns it. */
export interface DownloadRow {
  id: string;
  server_url: string;
  user_id: string;
  track_id: string;
  quality: AudioQuality;
  title: string;
  artist: string;
  album: string | null;
  duration_ms: number | null;
  group_kind: 'album' | 'playlist' | null;
  group_id: string | null;
  group_title: string | null;
  state: DownloadState;
  licence_id: string | null;
  offline_until: number | null;
  wrapped_key: Buffer | null;
  codec: string | null;
  size_bytes: number | null;
  received_bytes: number;
  etag: string | null;
  attempts: number;
  next_attempt_at: number | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  /** Catalog metadata for the library (`CatalogMeta` in catalogLibrary.ts), and the cover in the artwork store. */
  meta_json: string;
  artwork_hash: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The renderer's view of a row: no key, no path, no licence id. */
export function toDownload(r: DownloadRow, now: number): Download {
  return {
    id: r.id,
    trackId: r.track_id,
    quality: r.quality,
    title: r.title,
    artist: r.artist,
    album: r.album,
    durationMs: r.duration_ms,
    group: r.group_kind && r.group_id ? { kind: r.group_kind, id: r.group_id, title: r.group_title ?? '' } : null,
    state: r.state,
    receivedBytes: r.received_bytes,
    totalBytes: r.size_bytes,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'queued' ? iso(r.next_attempt_at) : null,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    offlineUntil: iso(r.offline_until),
    playable: r.state === 'done' && r.offline_until !== null && r.offline_until > now,
    createdAt: new Date(r.created_at).toISOString(),
    completedAt: iso(r.completed_at),
  };
}

/** Bytes the row's file takes on disk (whole encrypted chunks). */
export const bytesOnDisk = (r: Pick<DownloadRow, 'received_bytes' | 'state'>) => (r.state === 'revoked' ? 0 : encryptedSize(r.received_bytes));
