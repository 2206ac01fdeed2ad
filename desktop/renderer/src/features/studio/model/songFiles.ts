import { toBase64 } from 'lib0/buffer';
import { EncoreError } from '@encore/shared/errors';
import type { HostClient } from '@encore/shared/host/client';
import { codeOf, studioMessage } from './studioErrors';
import { EXPORT_CHUNK_BYTES, MAX_SONG_FILE_BYTES, SongFileName, type ProjectSummary, type SongFormat } from '@encore/shared/host/projects';

/** What the import file picker offers. */
export const SONG_FILE_ACCEPT = '.encore,.mid,.midi,.dawproject';

export interface ImportedSong {
  readonly project: ProjectSummary;
  readonly format: SongFormat;
  readonly warnings: readonly string[];
}

/** A file's bytes and SHA-256, as the renderer reads a picked or dropped file. */
async function readFile(file: Blob): Promise<{ bytes: Uint8Array; sha256: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return { bytes, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
}

/**
 * Checks a picked file before reading it: a song file by its name, not empty, not too large.
 * Throws EncoreError with a message for the user.
 */
export function checkSongFile(file: { name: string; size: number }): void {
  if (!SongFileName.safeParse(file.name).success) throw new EncoreError('BAD_REQUEST', `“${file.name}” is not a project, MIDI or DAWproject file (.encore, .mid, .dawproject)`);
  if (file.size === 0) throw new EncoreError('BAD_REQUEST', `“${file.name}” is empty`);
  if (file.size > MAX_SONG_FILE_BYTES) throw new EncoreError('VALIDATION_FAILED', `“${file.name}” is larger than 1 GiB, the most Encore imports`);
}

/**
 * Sends a song file to the host in chunks and imports it as a new project: the host converts and
 * checks it whole before the project appears (a bad file leaves nothing behind).
 * `onProgress` gets 0…1 while the bytes travel; the conversion follows.
 *
 * @example
 * const { project, warnings } = await importSongFile(host, file, { onProgress: setProgress });
 */
export async function importSongFile(host: Pick<HostClient, 'call'>, file: File, o: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {}): Promise<ImportedSong> {
  checkSongFile(file);
  const { bytes, sha256 } = await readFile(file);
  const { uploadId } = await host.call('projects.importFile.begin', { fileName: file.name, byteLength: bytes.byteLength });
  for (let offset = 0; offset < bytes.byteLength; offset += EXPORT_CHUNK_BYTES) {
    if (o.signal?.aborted) throw new DOMException('The import was cancelled', 'AbortError');
    await host.call('projects.importFile.chunk', { uploadId, offset, data: toBase64(bytes.subarray(offset, offset + EXPORT_CHUNK_BYTES)) });
    o.onProgress?.(Math.min(1, (offset + EXPORT_CHUNK_BYTES) / bytes.byteLength));
  }
  return host.call('projects.importFile.finish', { uploadId, sha256 });
}

/** The label of each export format in menus. */
export const SONG_FORMAT_LABELS: Readonly<Record<SongFormat, string>> = {
  encore: 'Encore project (.encore)',
  midi: 'Standard MIDI File (.mid)',
  dawproject: 'DAWproject (.dawproject)',
};

/**
 * What to tell the user about a refused song file: the host's and importers' messages name
 * what is wrong with the file (damaged, truncated, newer, too large), so they are shown as is.
 */
export function songFileMessage(e: unknown): string {
  const code = codeOf(e);
  if (code === 'VALIDATION_FAILED' || code === 'UNSUPPORTED_MEDIA_TYPE' || code === 'PAYLOAD_TOO_LARGE' || code === 'BAD_REQUEST' || code === 'CONFLICT' || code === 'NOT_FOUND') {
    return (e as Error).message;
  }
  return studioMessage(e);
}
