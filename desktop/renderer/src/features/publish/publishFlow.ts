import type { ProcessingStatus } from '@encore/shared/api/catalog';
import type { CatalogApi } from '../../model/catalog/catalogApi';
import { localUploadMemory, publishTrack, uploadCover, uploadMaster, waitForProcessing, type UploadProgress } from '../../model/catalog/publishUpload';
import type { PublishMetadata } from './PublishForm';

/** A master ready to upload: bounced from a project or picked from disk. */
export interface Master {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

export type PublishStep =
  | { step: 'render'; fraction: number; label: string }
  | { step: 'upload'; progress: UploadProgress }
  | { step: 'publish' }
  | { step: 'processing'; status: ProcessingStatus | null; trackId: string }
  | { step: 'ready'; trackId: string; title: string }
  | { step: 'failed'; reason: string; trackId: string | null };

/** The content type the server accepts for a master file name (the server probes the bytes anyway). */
export function masterContentType(fileName: string, mimeType: string): string {
  const ext = fileName.split('.').pop()?.toLowerCase();
  const byExt: Record<string, string> = { wav: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg', ogg: 'audio/ogg', opus: 'audio/ogg', aif: 'audio/aiff', aiff: 'audio/aiff', m4a: 'audio/mp4' };
  return byExt[ext ?? ''] ?? (mimeType.split(';')[0] || 'application/octet-stream');
}

/**
 * Publishing end to end: make the master (bounce), upload it (chunked, resumable, SHA-256),
 * upload the cover, create the track, then follow its processing until ready or failed.
 * Each step is reported; a failure of processing is a result (with the server's reason),
 * anything else throws.
 */
export async function runPublish(
  api: CatalogApi,
  master: (report: (fraction: number) => void, signal: AbortSignal) => Promise<Master>,
  meta: PublishMetadata,
  report: (s: PublishStep) => void,
  signal: AbortSignal,
): Promise<PublishStep> {
  report({ step: 'render', fraction: 0, label: 'Preparing the master' });
  const file = await master((fraction) => report({ step: 'render', fraction, label: 'Preparing the master' }), signal);
  const upload = await uploadMaster(api, file.bytes, file.fileName, masterContentType(file.fileName, file.mimeType), localUploadMemory(), (progress) => report({ step: 'upload', progress }), signal);
  report({ step: 'publish' });
  const cover = meta.cover ? await uploadCover(api, meta.cover) : null;
  const track = await publishTrack(api, { request: { ...meta.request, uploadId: upload.id }, albumTitle: meta.albumTitle ?? undefined, coverId: cover?.id });
  report({ step: 'processing', status: null, trackId: track.id });
  const done = await waitForProcessing(api, track.id, (status) => report({ step: 'processing', status, trackId: track.id }), { signal });
  const end: PublishStep = done.status === 'ready' ? { step: 'ready', trackId: track.id, title: track.title } : { step: 'failed', reason: done.error ?? 'Processing failed', trackId: track.id };
  report(end);
  return end;
}
