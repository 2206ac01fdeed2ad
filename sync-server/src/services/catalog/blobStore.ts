import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const KEY = /^[0-9a-f]{64}$/;

/**
 * Content-addressed files under one folder: a blob's key is the SHA-256 of its bytes, so no
 * name from a client ever becomes part of a path (`<root>/ab/abcdef...`).
 *
 * @example
 * const store = new BlobStore('/data/server/blobs');
 * const { key } = await store.putFile('/tmp/encoded.ogg');
 * fs.createReadStream(store.pathOf(key));
 */
export class BlobStore {
  constructor(readonly root: string) {}

  /** The file of a key; throws on anything that is not a lowercase hex SHA-256. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a blob key: ${JSON.stringify(key.slice(0, 80))}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async has(key: string): Promise<boolean> {
    return fs.promises.access(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async size(key: string): Promise<number> {
    return (await fs.promises.stat(this.pathOf(key))).size;
  }

  /** Moves a file into the store under its hash (computed here) and returns key and size. */
  async putFile(file: string): Promise<{ key: string; sizeBytes: number }> {
    const key = await sha256File(file);
    const dest = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    const { size } = await fs.promises.stat(file);
    // Same content, same key: an existing blob is already right.
    if (await this.has(key)) await fs.promises.rm(file, { force: true });
    else await fs.promises.rename(file, dest);
    return { key, sizeBytes: size };
  }
}

/** The lowercase hex SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}
