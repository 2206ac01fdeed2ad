import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { ARTWORK_SIZES, type ArtworkSize } from '@encore/shared/host/library';
import type { ArtworkStore } from './artworkStore';

export interface Thumbnail {
  file: string;
  mime: 'image/webp';
  size: number;
}

/**
 * Square WebP thumbnails of stored covers, made on first request with sharp (libvips) and
 * kept on disk beside the originals (`<artwork>/thumbs/<px>/<aa>/<hash>.webp`). A cover's
 * hash names its content, so a thumbnail never goes stale; concurrent requests for the same
 * one share a single resize.
 *
 * @example
 * const thumbs = new ArtworkThumbnails(artworkStore);
 * const t = await thumbs.get(hash, 256); // { file: '.../thumbs/256/3f/3f2a….webp', mime: 'image/webp', size: 9120 } or null
 */
export class ArtworkThumbnails {
  private readonly inflight = new Map<string, Promise<Thumbnail | null>>();

  constructor(private readonly store: ArtworkStore) {}

  /** Null when there is no such cover, or its bytes are not an image sharp can read. */
  get(hash: string, px: ArtworkSize): Promise<Thumbnail | null> {
    if (!ARTWORK_SIZES.includes(px)) throw new RangeError(`thumbnail size must be one of ${ARTWORK_SIZES.join(', ')}`);
    const file = path.join(this.store.dir, 'thumbs', String(px), hash.slice(0, 2), `${hash}.webp`);
    const key = `${px}:${hash}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const work = this.make(hash, px, file).finally(() => this.inflight.delete(key));
    this.inflight.set(key, work);
    return work;
  }

  private async make(hash: string, px: number, file: string): Promise<Thumbnail | null> {
    const cached = await fs.promises.stat(file).catch(() => null);
    if (cached?.isFile()) return { file, mime: 'image/webp', size: cached.size };
    const original = this.store.get(hash);
    if (!original) return null;
    let bytes: Buffer;
    try {
      // `failOn: 'error'` still decodes slightly damaged JPEGs, as browsers do.
      bytes = await sharp(original.bytes, { failOn: 'error', limitInputPixels: 64_000_000 }).rotate().resize(px, px, { fit: 'cover', withoutEnlargement: false }).webp({ quality: 80 }).toBuffer();
    } catch {
      return null;
    }
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a reader never sees half a thumbnail.
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.promises.writeFile(tmp, bytes);
    await fs.promises.rename(tmp, file);
    return { file, mime: 'image/webp', size: bytes.length };
  }
}
