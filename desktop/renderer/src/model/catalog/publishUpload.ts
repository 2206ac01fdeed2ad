import { CoverResponse, type CoverInfo } from '@encore/shared/api/catalogReleases';
import {
  AlbumResponse,
  ProcessingStatus,
  TrackResponse,
  UploadStatus,
  type CatalogTrack,
  type PublishTrackRequest,
} from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import type { CatalogApi } from './catalogApi';

/** Hex SHA-256 of the bytes (Web Crypto: the browser's native digest, no library needed). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Where an upload's id is remembered per file checksum, so a retry (even after a restart) resumes it. */
export interface UploadMemory {
  get(sha256: string): string | null;
  set(sha256: string, uploadId: string): void;
  delete(sha256: string): void;
}

export function localUploadMemory(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage): UploadMemory {
  const key = (sha: string) => `encore.upload.${sha}`;
  return { get: (s) => storage.getItem(key(s)), set: (s, id) => storage.setItem(key(s), id), delete: (s) => storage.removeItem(key(s)) };
}

export interface UploadProgress {
  phase: 'checksum' | 'upload' | 'verify';
  sentBytes: number;
  totalBytes: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * Uploads a master in chunks (`shared/src/api/catalog.ts`): creates the upload (or picks up
 * the one remembered for this checksum), sends only the chunks the server is missing, then
 * completes it; the server verifies the SHA-256 and probes the audio. Interrupted, it throws;
 * calling it again with the same bytes resumes where the server stopped receiving.
 *
 * @example
 * const status = await uploadMaster(api, bytes, 'song.wav', 'audio/wav', localUploadMemory(), (p) => show(p));
 */
export async function uploadMaster(
  api: CatalogApi,
  bytes: Uint8Array,
  filename: string,
  contentType: string,
  memory: UploadMemory,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<UploadStatus> {
  const total = bytes.byteLength;
  onProgress({ phase: 'checksum', sentBytes: 0, totalBytes: total });
  const sha256 = await sha256Hex(bytes);
  let status: UploadStatus | null = null;
  const known = memory.get(sha256);
  if (known) {
    status = await api.json(UploadStatus, `/api/uploads/${encodeURIComponent(known)}`, {}, 'required').catch(() => null);
    if (status && status.state !== 'open' && status.state !== 'complete') status = null;
  }
  if (!status) {
    status = await api.json(UploadStatus, '/api/uploads', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ size: total, sha256, contentType, filename }) }, 'required');
    memory.set(sha256, status.id);
  }
  if (status.state === 'open') {
    let sent = status.receivedBytes;
    onProgress({ phase: 'upload', sentBytes: sent, totalBytes: total });
    for (const index of status.missingChunks) {
      if (signal?.aborted) throw new DOMException('The upload was cancelled', 'AbortError');
      const chunk = bytes.subarray(index * status.chunkSize, Math.min(total, (index + 1) * status.chunkSize));
      await api.json(UploadStatus, `/api/uploads/${status.id}/chunks/${index}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: chunk as BodyInit, signal }, 'required');
      sent += chunk.byteLength;
      onProgress({ phase: 'upload', sentBytes: sent, totalBytes: total });
    }
    onProgress({ phase: 'verify', sentBytes: total, totalBytes: total });
    status = await api.json(UploadStatus, `/api/uploads/${status.id}/complete`, { method: 'POST' }, 'required');
  }
  if (status.state !== 'complete') throw new EncoreError('UPLOAD_INCOMPLETE', 'The server did not accept the upload');
  return status;
}

/** Stores cover art; attach the returned id to the track with {@link publishTrack}. */
export async function uploadCover(api: CatalogApi, file: Blob): Promise<CoverInfo> {
  const res = await api.json(CoverResponse, '/api/covers', { method: 'POST', headers: { 'content-type': file.type }, body: file }, 'required');
  return res.cover;
}

export interface PublishInput {
  request: PublishTrackRequest;
  /** Creates a single-track release of this title when set (the track lands in it). */
  albumTitle?: string;
  coverId?: string;
}

/** Publishes a completed upload as a track (in a new album when asked) and attaches its cover; processing starts on the server. */
export async function publishTrack(api: CatalogApi, input: PublishInput): Promise<CatalogTrack> {
  let albumId = input.request.albumId;
  if (input.albumTitle) {
    const { album } = await api.json(AlbumResponse, '/api/albums', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ title: input.albumTitle, albumType: 'single', genres: input.request.genres ?? [] }) }, 'required');
    albumId = album.id;
  }
  const { track } = await api.json(TrackResponse, '/api/tracks', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ ...input.request, albumId }) }, 'required');
  if (input.coverId) {
    const patched = await api.json(TrackResponse, `/api/tracks/${track.id}`, { method: 'PATCH', headers: JSON_HEADERS, body: JSON.stringify({ coverId: input.coverId }) }, 'required');
    return patched.track;
  }
  return track;
}

/** Polls the processing job until the track is ready or failed, reporting each status. */
export async function waitForProcessing(api: CatalogApi, trackId: string, onStatus: (s: ProcessingStatus) => void, o: { intervalMs?: number; signal?: AbortSignal } = {}): Promise<ProcessingStatus> {
  for (;;) {
    const s = await api.json(ProcessingStatus, `/api/tracks/${encodeURIComponent(trackId)}/processing`, {}, 'required');
    onStatus(s);
    if (s.status === 'ready' || s.status === 'failed' || s.stage === 'failed') return s;
    if (o.signal?.aborted) throw new DOMException('Stopped watching', 'AbortError');
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 1000));
  }
}
