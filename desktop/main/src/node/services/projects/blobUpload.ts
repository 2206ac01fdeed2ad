import fs from 'node:fs/promises';
import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import { ChunkedUploads } from './chunkedUploads';
import { MAX_BLOB_BYTES, type projectContract } from '@encore/shared/host/projects';
import type { HostProcedures } from '../../host/router';
import type { BlobStore } from './BlobStore';

type BlobUploadMethod = 'projects.blobs.begin' | 'projects.blobs.chunk' | 'projects.blobs.finish';
export type BlobUploadProcedures = Pick<HostProcedures, BlobUploadMethod & keyof typeof projectContract>;

export interface BlobUploadOptions {
  blobs: BlobStore;
  /** Largest blob accepted (bytes). */
  maxBytes: number;
  /** An upload not touched for this long is dropped with its temp file. */
  idleMs: number;
  now: () => number;
}

/**
 * The host side of `projects.blobs.*`: an asset arrives in ordered chunks into a hidden temp
 * file beside the blobs, and is renamed to `<root>/<aa>/<sha256>` only once its length and
 * SHA-256 match what `begin` announced — a reader never sees half a blob, and content the store
 * already holds is not sent again (`begin` answers `uploadId: null`).
 *
 * @example
 * return { ...createBlobUploadProcedures({ blobs: projects.blobs }) };
 */
export function createBlobUploadProcedures(options: Partial<BlobUploadOptions> & Pick<BlobUploadOptions, 'blobs'>): BlobUploadProcedures {
  const o: BlobUploadOptions = { maxBytes: MAX_BLOB_BYTES, idleMs: 10 * 60_000, now: Date.now, ...options };
  const uploads = new ChunkedUploads<{ sha256: string; byteLength: number }>({
    tempDir: path.join(o.blobs.root, '.uploads'),
    tempName: (id) => `${id}.tmp`,
    maxBytes: o.maxBytes,
    idleMs: o.idleMs,
    now: o.now,
    what: 'blob upload',
  });

  return {
    'projects.blobs.begin': async ({ byteLength, sha256 }) => {
      if (byteLength > o.maxBytes) throw new EncoreError('VALIDATION_FAILED', 'The file is too large to import', { byteLength, maxBytes: o.maxBytes });
      if (await o.blobs.has(sha256)) return { uploadId: null };
      return { uploadId: await uploads.begin({ sha256, byteLength }, byteLength) };
    },
    'projects.blobs.chunk': ({ uploadId, offset, data }) => uploads.append(uploadId, offset, data),
    'projects.blobs.finish': async ({ uploadId }) => {
      const { meta, temp, received, sha256: actual } = await uploads.take(uploadId);
      try {
        if (received !== meta.byteLength || actual !== meta.sha256) {
          throw new EncoreError('VALIDATION_FAILED', 'The file arrived damaged (length or checksum mismatch)', { expected: meta.sha256, actual, received, byteLength: meta.byteLength });
        }
        if (!(await o.blobs.has(meta.sha256))) {
          const handle = await fs.open(temp, 'r+');
          try {
            await handle.sync();
          } finally {
            await handle.close();
          }
          const target = o.blobs.pathOf(meta.sha256);
          await fs.mkdir(path.dirname(target), { recursive: true });
          // rename replaces atomically: a concurrent upload of the same content holds the same bytes.
          await fs.rename(temp, target);
        }
        return { sha256: meta.sha256, byteLength: meta.byteLength };
      } finally {
        await fs.rm(temp, { force: true });
      }
    },
  };
}
