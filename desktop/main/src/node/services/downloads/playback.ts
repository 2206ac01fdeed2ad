import { EncoreError } from '@encore/shared/errors';
import { fileOf, type DownloadsContext } from './context';
import { readPlainRange } from './crypto/chunkedFile';
import type { DownloadRow } from './downloadRows';

export const CONTENT_TYPES: Record<string, string> = { opus: 'audio/ogg; codecs=opus', flac: 'audio/flac' };

export interface PlayableDownload {
  size: number;
  contentType: string;
  etag: string;
  /** Decrypted bytes start..end (inclusive), chunk by chunk, in memory only. */
  read(start: number, end: number): AsyncGenerator<Buffer>;
}

/**
 * Opens a finished download for playback: refuses one whose licence needs its online check
 * (LICENCE_EXPIRED, with the date) or was revoked, and unwraps the file key for this read only.
 */
export function openDownload(ctx: DownloadsContext, id: string): PlayableDownload {
  const row = ctx.sql.read((r) => r.get<DownloadRow>('SELECT * FROM downloads WHERE id = ?', [id]));
  if (!row) throw new EncoreError('DOWNLOAD_NOT_FOUND', 'No such download', { id });
  if (row.state === 'revoked') throw new EncoreError('LICENCE_REVOKED', row.error_message ?? 'The licence of this download was revoked', { id });
  if (row.state !== 'done' || !row.wrapped_key || row.size_bytes === null) throw new EncoreError('DOWNLOAD_NOT_FOUND', 'This track has not finished downloading', { id, state: row.state });
  if (row.offline_until === null || row.offline_until <= ctx.now()) {
    throw new EncoreError('LICENCE_EXPIRED', 'This download has been offline for more than 30 days: connect to the internet once to keep playing it', { id, offlineUntil: row.offline_until ? new Date(row.offline_until).toISOString() : null });
  }
  const wrapped = row.wrapped_key;
  const size = row.size_bytes;
  return {
    size,
    contentType: CONTENT_TYPES[row.codec ?? ''] ?? 'application/octet-stream',
    etag: `"${row.id.slice(0, 8)}-${(row.licence_id ?? '').slice(0, 8)}-${size.toString(16)}"`,
    async *read(start, end) {
      const key = ctx.master.unwrap(wrapped, row.id);
      try {
        yield* readPlainRange(fileOf(ctx, row.id), key, row.id, size, start, end);
      } finally {
        key.fill(0);
      }
    },
  };
}
