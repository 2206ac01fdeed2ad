import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EncoreError } from '@encore/shared/errors';
import type { Disposable } from '../../../common/disposable';

const HASH = /^[0-9a-f]{64}$/;

/** Lowercase hex SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Lowercase hex SHA-256 of `bytes`. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Content-addressed blobs (audio assets) under `<root>/<aa>/<sha256>`. A blob is written to a
 * temporary file, flushed, then renamed into place, so a reader never sees half a blob and
 * identical content is stored once. Hashes are checked to be 64 hex characters before they
 * become a path, so no hash can point outside the folder.
 *
 * @example
 * const blobs = new BlobStore({ root: path.join(config.desktopDir, 'blobs') });
 * const hash = await blobs.put(bytes);
 * (await blobs.get(hash)).byteLength === bytes.byteLength; // true
 */
export class BlobStore implements Disposable {
  constructor(private readonly o: { root: string }) {}

  get root(): string {
    return this.o.root;
  }

  /** Stores `bytes` (once per content) and returns their SHA-256. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = sha256(bytes);
    const target = this.pathOf(hash);
    if (await this.has(hash)) return hash;
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(path.dirname(target), `.${hash}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      // rename replaces atomically: a concurrent put of the same content writes the same bytes.
      await fs.rename(temp, target);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw e;
    }
    return hash;
  }

  /**
   * Moves a file (written by this process, e.g. a download) into the store under `hash`, after
   * checking its SHA-256; a mismatch deletes it and throws CHECKSUM_MISMATCH.
   */
  async putFile(file: string, hash: string): Promise<void> {
    const target = this.pathOf(hash);
    try {
      const actual = await sha256File(file);
      if (actual !== hash) throw new EncoreError('CHECKSUM_MISMATCH', 'The file arrived damaged (checksum mismatch)', { expected: hash, actual });
      const handle = await fs.open(file, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      // rename replaces atomically: a concurrent put of the same content holds the same bytes.
      if (!(await this.has(hash))) await fs.rename(file, target);
    } finally {
      await fs.rm(file, { force: true });
    }
  }

  /** Its size in bytes, or null when absent. */
  async size(hash: string): Promise<number | null> {
    try {
      return (await fs.stat(this.pathOf(hash))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async has(hash: string): Promise<boolean> {
    try {
      return (await fs.stat(this.pathOf(hash))).isFile();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  /** The blob's bytes; NOT_FOUND when absent, INTERNAL when the stored bytes no longer match. */
  async get(hash: string): Promise<Uint8Array> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.pathOf(hash));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new EncoreError('NOT_FOUND', `There is no blob ${hash}`, { hash });
      throw e;
    }
    if (sha256(bytes) !== hash) throw new EncoreError('INTERNAL', `Blob ${hash} is damaged on disk`, { hash, reason: 'blob-corrupt' });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The file of a blob. Throws VALIDATION_FAILED for anything but a lowercase hex SHA-256. */
  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new EncoreError('VALIDATION_FAILED', 'A blob hash is 64 lowercase hex characters', { hash: hash.slice(0, 80) });
    return path.join(this.o.root, hash.slice(0, 2), hash);
  }

  dispose(): void {
    // Holds no handles between calls.
  }
}
