import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, type BlobStore, type ByteRange } from './blobStore';

/**
 * Content-addressed files under one folder (`<root>/ab/abcdef...`): the default
 * {@link BlobStore}. `pathOf` is for code that needs a real file (ffmpeg reads renditions).
 *
 * @example
 * const store = new LocalBlobStore('/data/server/blobs');
 * const { key } = await store.putFile('/tmp/encoded.ogg');
 * fs.createReadStream(store.pathOf(key));
 */
export class LocalBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  get description(): string {
    return `local ${this.root}`;
  }

  /** The file of a key; throws on anything that is not a lowercase hex SHA-256. */
  pathOf(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async has(key: string): Promise<boolean> {
    return fs.promises.access(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  /** Size in bytes; throws when absent (callers that may miss it use `stat`). */
  async size(key: string): Promise<number> {
    return (await fs.promises.stat(this.pathOf(key))).size;
  }

  async stat(key: string): Promise<{ sizeBytes: number } | null> {
    try {
      return { sizeBytes: (await fs.promises.stat(this.pathOf(key))).size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async putFile(file: string, knownKey?: string): Promise<{ key: string; sizeBytes: number }> {
    const key = knownKey ?? (await sha256File(file));
    const dest = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    const { size } = await fs.promises.stat(file);
    // Same content, same key: replacing an existing blob changes no byte, but makes it new (its
    // modification time is the file's), so the garbage collector cannot delete it under a writer
    // that just relied on it. Readers of the old file keep their open handle.
    await fs.promises.rename(file, dest);
    return { key, sizeBytes: size };
  }

  async delete(key: string, o: { notModifiedSince: Date }): Promise<boolean> {
    const file = this.pathOf(key);
    // Moved aside first (atomic), so a putFile of the same bytes racing with this lands a new file
    // that is not touched; the moved one is checked and put back if it was written meanwhile.
    const aside = `${file}.gc-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await fs.promises.rename(file, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    const { mtimeMs } = await fs.promises.stat(aside);
    if (mtimeMs >= o.notModifiedSince.getTime()) {
      await fs.promises.link(aside, file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
      await fs.promises.rm(aside, { force: true });
      return false;
    }
    await fs.promises.rm(aside, { force: true });
    return true;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    await fs.promises.access(file);
    return fs.createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }
}

/** The lowercase hex SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}
