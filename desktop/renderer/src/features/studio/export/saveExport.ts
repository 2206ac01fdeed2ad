import { toBase64 } from 'lib0/buffer';
import type { HostClient } from '@encore/shared/host/client';
import { EXPORT_CHUNK_BYTES } from '@encore/shared/host/projects';

/** What the host reports for a saved export. */
export interface SavedExport {
  readonly fileName: string;
  readonly byteLength: number;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Saves a bounced file into the host's exports folder, in chunks small enough for one host
 * frame each; the host checks the SHA-256 before the file appears under its (possibly
 * de-duplicated) name.
 *
 * @example
 * const { fileName } = await saveExport(host, 'My song.wav', bytes, { signal, onProgress: (f) => ... });
 */
export async function saveExport(
  host: Pick<HostClient, 'call'>,
  fileName: string,
  bytes: Uint8Array,
  o: { signal?: AbortSignal | null; onProgress?: (fraction: number) => void } = {},
): Promise<SavedExport> {
  const { uploadId } = await host.call('projects.exportAudio.begin', { fileName });
  for (let offset = 0; offset < bytes.byteLength; offset += EXPORT_CHUNK_BYTES) {
    if (o.signal?.aborted) throw new DOMException('The export was cancelled', 'AbortError');
    const data = toBase64(bytes.subarray(offset, offset + EXPORT_CHUNK_BYTES));
    await host.call('projects.exportAudio.chunk', { uploadId, offset, data });
    o.onProgress?.(Math.min(1, (offset + EXPORT_CHUNK_BYTES) / bytes.byteLength));
  }
  const saved = await host.call('projects.exportAudio', { uploadId, sha256: await sha256Hex(bytes) });
  return { fileName: saved.fileName, byteLength: saved.byteLength };
}

/** Offers bytes as a browser download (an object URL the caller revokes when done). */
export function downloadUrl(bytes: Uint8Array, mimeType: string): string {
  return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
}
