import { EncoreError } from '@encore/shared/errors';
import { fileOf, type DownloadsContext } from './context';
import { DEFAULT_CHUNK_SIZE, EncryptedFileWriter } from './crypto/chunkedFile';
import type { DownloadRow } from './downloadRows';
import type { ServerAuth } from './licenceApi';

export interface TransferOptions {
  /** Progress is made durable (fdatasync + SQLite) at least this often, in plain bytes. */
  checkpointBytes: number;
  /** Called after each checkpoint with the durable byte count. */
  onProgress(receivedBytes: number): void;
}

/**
 * Downloads one licensed file into its encrypted file, continuing from the whole chunks already
 * on disk with an HTTP Range request. Progress is checkpointed (data synced first, then
 * `received_bytes`), so a crash or restart loses at most one checkpoint. Aborting `signal`
 * stops at once and leaves a resumable file. The plain bytes only ever live in memory.
 */
export async function transfer(ctx: DownloadsContext, a: ServerAuth, row: DownloadRow, signal: AbortSignal, o: TransferOptions): Promise<void> {
  if (!row.licence_id || !row.wrapped_key || row.size_bytes === null) throw new EncoreError('LICENCE_NOT_FOUND', 'This download has no licence; remove it and download again');
  const key = ctx.master.unwrap(row.wrapped_key, row.id);
  // Always fetch at least the last chunk again: a crash between the last write and 'done' must
  // not leave a Range that starts at the end of the file (416).
  const resumeChunks = Math.min(Math.floor(row.received_bytes / DEFAULT_CHUNK_SIZE), Math.max(0, Math.ceil(row.size_bytes / DEFAULT_CHUNK_SIZE) - 1));
  let from = resumeChunks * DEFAULT_CHUNK_SIZE;
  const file = await ctx.api.file(a, row.licence_id, from, row.etag, signal);
  // The server ignored the range (or the file changed under If-Range): start over.
  if (from > 0 && !file.partial) from = 0;
  if (file.etag !== row.etag) ctx.sql.write((w) => w.run('UPDATE downloads SET etag = ? WHERE id = ?', [file.etag, row.id]));
  const writer = EncryptedFileWriter.open(fileOf(ctx, row.id), key, row.id, { totalSize: row.size_bytes, resumeChunks: from / DEFAULT_CHUNK_SIZE });
  key.fill(0);
  const reader = file.body.getReader();
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  let lastCheckpoint = writer.durablePlainBytes;
  const checkpoint = () => {
    writer.sync();
    lastCheckpoint = writer.durablePlainBytes;
    o.onProgress(lastCheckpoint);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) break;
      if (done) break;
      writer.append(value);
      if (writer.durablePlainBytes - lastCheckpoint >= o.checkpointBytes) checkpoint();
    }
    if (signal.aborted) {
      checkpoint();
      throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
    }
    writer.finish();
    o.onProgress(writer.durablePlainBytes);
  } catch (e) {
    if (!signal.aborted) {
      // Keep what arrived whole for the retry; a network error is not a reason to lose it.
      try {
        checkpoint();
      } catch (inner) {
        ctx.log.warn({ err: inner, downloadId: row.id }, 'could not checkpoint a failed download');
      }
    }
    if (e instanceof EncoreError || signal.aborted) throw e;
    throw new EncoreError('OFFLINE', 'The download was interrupted', { cause: e instanceof Error ? e.message : String(e) });
  } finally {
    signal.removeEventListener('abort', onAbort);
    writer.close();
  }
}
