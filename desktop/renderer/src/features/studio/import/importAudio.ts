import { EncoreError } from '@encore/shared/errors';
import type { Asset } from '@encore/shared/project/schema/asset';
import type { ProjectSession } from '../model/projectSession';
import { studioMessage } from '../model/studioErrors';
import { AUDIO_MIME_TYPES, checkDecoded, checkSize, readHeader } from './audioFile';
import { decodeAudio } from './decodeAudio';
import { putPeaksOf } from './peaksStore';
import { placeAudio, type PlacedAudio } from './placeAudio';
import { sha256Hex, type BlobUploader } from './uploadBlob';

export type ImportPhase = 'reading' | 'decoding' | 'uploading' | 'saving';

export interface ImportOptions {
  readonly session: ProjectSession;
  readonly upload: BlobUploader;
  /** Decodes the file (the editor's real-time context, or an offline one). */
  readonly context: BaseAudioContext;
  /** An audio track to put the clip on, or null for a new track named after the file. */
  readonly trackId: string | null;
  /** Timeline tick of the clip's start. */
  readonly start: number;
  readonly signal?: AbortSignal | null;
  readonly onProgress?: (phase: ImportPhase, fraction: number) => void;
}

export interface ImportedAudio extends PlacedAudio {
  readonly asset: Asset;
}

/** The user's words for a failed import: the importer's own refusals are sentences already. */
export function importMessage(e: unknown): string {
  if (e instanceof EncoreError && (e.code === 'PAYLOAD_TOO_LARGE' || e.code === 'UNSUPPORTED_MEDIA_TYPE' || (e.code === 'BAD_REQUEST' && typeof e.details?.reason === 'string'))) return e.message;
  if (e instanceof EncoreError && e.code === 'VALIDATION_FAILED') return 'The file could not be stored: the host refused it.';
  return studioMessage(e);
}

/**
 * Imports one audio file into the project: refuses it by size before reading, checks its
 * header (container from the bytes, WAV/AIFF truncation), decodes it (ffmpeg.wasm for what
 * Chromium cannot), stores the original bytes in the host's blob store under their SHA-256,
 * computes its waveform peaks, and only then writes the asset and its clip in one transaction.
 * Any failure before that write leaves the project as it was.
 *
 * @example
 * const { clipId } = await importAudio(file, { session, upload: blobUploader(host), context, trackId: null, start: 0 });
 */
export async function importAudio(file: File, o: ImportOptions): Promise<ImportedAudio> {
  const name = file.name.trim().slice(0, 255) || 'Audio';
  checkSize(name, file.size);
  o.onProgress?.('reading', 0);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const header = readHeader(bytes, name);
  o.onProgress?.('decoding', 0);
  const buffer = await decodeAudio(bytes, header, name, o.context, o.signal ?? null);
  checkDecoded(name, { duration: buffer.duration, sampleRate: header.sampleRate ?? buffer.sampleRate, numberOfChannels: header.channels ?? buffer.numberOfChannels });
  const hash = await sha256Hex(bytes);
  o.onProgress?.('uploading', 0);
  await o.upload(bytes, hash, { signal: o.signal ?? null, onProgress: (f) => o.onProgress?.('uploading', f) });
  o.onProgress?.('saving', 1);
  putPeaksOf(hash, buffer);
  const asset: Asset = {
    hash,
    name,
    mimeType: AUDIO_MIME_TYPES[header.format],
    byteLength: bytes.byteLength,
    durationSeconds: buffer.duration,
    sampleRate: header.sampleRate ?? buffer.sampleRate,
    channels: header.channels ?? buffer.numberOfChannels,
  };
  const placed = placeAudio(o.session, { asset, trackId: o.trackId, trackName: name.replace(/\.[^.]+$/, ''), start: o.start });
  return { ...placed, asset };
}
