import { toBase64 } from 'lib0/buffer';
import type { HostClient } from '@encore/shared/host/client';
import { EXPORT_CHUNK_BYTES } from '@encore/shared/host/projects';

/** Lowercase hex SHA-256 of `bytes` (Web Crypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stores bytes in the host's blob store under their hash; resolves once the host holds them. */
export type BlobUploader = (bytes: Uint8Array, sha256: string, o?: { signal?: AbortSignal | null; onProgress?: (fraction: number) => void }) => Promise<void>;

/**
 * The host's `projects.blobs.*` procedures as a {@link BlobUploader}: nothing is sent when the
 * host already holds the content, else chunks small enough for one host frame each; the host
 * checks length and SHA-256 before the blob appears.
 *
 * @example
 * await blobUploader(host)(bytes, await sha256Hex(bytes), { onProgress: (f) => bar(f) });
 */
export function blobUploader(host: Pick<HostClient, 'call'>): BlobUploader {
  return async (bytes, sha256, o = {}) => {
    const { uploadId } = await host.call('projects.blobs.begin', { byteLength: bytes.byteLength, sha256 });
    if (uploadId === null) {
      o.onProgress?.(1);
      return;
    }
    for (let offset = 0; offset < bytes.byteLength; offset += EXPORT_CHUNK_BYTES) {
      if (o.signal?.aborted) throw new DOMException('The import was cancelled', 'AbortError');
      await host.call('projects.blobs.chunk', { uploadId, offset, data: toBase64(bytes.subarray(offset, offset + EXPORT_CHUNK_BYTES)) });
      o.onProgress?.(Math.min(1, (offset + EXPORT_CHUNK_BYTES) / bytes.byteLength));
    }
    await host.call('projects.blobs.finish', { uploadId });
  };
}
