import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';
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

interface Upload {
  sha256: string;
  byteLength: number;
  temp: string;
  received: number;
  hash: ReturnType<typeof createHash>;
  touchedAt: number;
  /** Chunks are written one after another even when calls overlap. */
  queue: Promise<unknown>;
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
  const uploads = new Map<string, Upload>();
  const tempDir = path.join(o.blobs.root, '.uploads');

  const drop = async (id: string, u: Upload) => {
    uploads.delete(id);
    await fs.rm(u.temp, { force: true });
  };
  const sweep = async () => {
    for (const [id, u] of uploads) if (o.now() - u.touchedAt >= o.idleMs) await drop(id, u);
  };
  const find = (uploadId: string): Upload => {
    const u = uploads.get(uploadId);
    if (!u) throw new EncoreError('NOT_FOUND', 'This blob upload has ended or never began', { uploadId });
    u.touchedAt = o.now();
    return u;
  };

  return {
    'projects.blobs.begin': async ({ byteLength, sha256 }) => {
      if (byteLength > o.maxBytes) throw new EncoreError('VALIDATION_FAILED', 'The file is too large to import', { byteLength, maxBytes: o.maxBytes });
      await sweep();
      if (await o.blobs.has(sha256)) return { uploadId: null };
      await fs.mkdir(tempDir, { recursive: true });
      const uploadId = randomBytes(16).toString('base64url').slice(0, 21);
      const temp = path.join(tempDir, `${uploadId}.tmp`);
      await fs.writeFile(temp, new Uint8Array(0), { flag: 'wx' });
      uploads.set(uploadId, { sha256, byteLength, temp, received: 0, hash: createHash('sha256'), touchedAt: o.now(), queue: Promise.resolve() });
      return { uploadId };
    },
    'projects.blobs.chunk': async ({ uploadId, offset, data }) => {
      const u = find(uploadId);
      const write = async () => {
        if (offset !== u.received) throw new EncoreError('CONFLICT', `Expected the chunk at byte ${u.received}, got ${offset}`, { uploadId, offset, expected: u.received });
        const bytes = Buffer.from(data, 'base64');
        if (u.received + bytes.byteLength > u.byteLength) {
          await drop(uploadId, u);
          throw new EncoreError('VALIDATION_FAILED', 'More bytes arrived than the upload announced', { uploadId, byteLength: u.byteLength });
        }
        await fs.appendFile(u.temp, bytes);
        u.hash.update(bytes);
        u.received += bytes.byteLength;
        return { received: u.received };
      };
      const next = u.queue.then(write, write);
      u.queue = next.catch(() => undefined);
      return next;
    },
    'projects.blobs.finish': async ({ uploadId }) => {
      const u = find(uploadId);
      await u.queue;
      uploads.delete(uploadId);
      try {
        const actual = u.hash.digest('hex');
        if (u.received !== u.byteLength || actual !== u.sha256) {
          throw new EncoreError('VALIDATION_FAILED', 'The file arrived damaged (length or checksum mismatch)', { expected: u.sha256, actual, received: u.received, byteLength: u.byteLength });
        }
        if (!(await o.blobs.has(u.sha256))) {
          const handle = await fs.open(u.temp, 'r+');
          try {
            await handle.sync();
          } finally {
            await handle.close();
          }
          const target = o.blobs.pathOf(u.sha256);
          await fs.mkdir(path.dirname(target), { recursive: true });
          // rename replaces atomically: a concurrent upload of the same content holds the same bytes.
          await fs.rename(u.temp, target);
        }
        return { sha256: u.sha256, byteLength: u.byteLength };
      } finally {
        await fs.rm(u.temp, { force: true });
      }
    },
  };
}
