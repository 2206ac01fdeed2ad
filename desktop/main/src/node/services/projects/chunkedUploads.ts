import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';

export interface ChunkedUploadsOptions {
  /** Folder of the temp files (on the same file system as their final place, so rename/link is atomic). */
  tempDir: string;
  /** Temp file name of an upload. */
  tempName: (uploadId: string) => string;
  /** Largest upload accepted (bytes). */
  maxBytes: number;
  /** An upload not touched for this long is dropped with its temp file. */
  idleMs: number;
  now: () => number;
  /** What is being uploaded, for messages ("blob upload", "export upload"). */
  what: string;
}

interface Upload<M> {
  meta: M;
  /** Bytes announced by `begin`, when known. */
  byteLength: number | undefined;
  temp: string;
  received: number;
  hash: ReturnType<typeof createHash>;
  touchedAt: number;
  /** Chunks are written one after another even when calls overlap. */
  queue: Promise<unknown>;
}

/** A finished upload: its bytes are in `temp`, which the caller moves into place or removes. */
export interface ReceivedUpload<M> {
  meta: M;
  temp: string;
  received: number;
  sha256: string;
}

/**
 * Files that arrive from the renderer in ordered base64 chunks (host frames are capped at
 * 1 MiB): each goes into a hidden temp file, hashed as it arrives, and only the caller decides
 * where it lands once complete. Abandoned uploads are swept after `idleMs`.
 *
 * @example
 * const uploads = new ChunkedUploads<{ fileName: string }>({ tempDir, tempName: (id) => `${id}.tmp`, maxBytes, idleMs, now: Date.now, what: 'export upload' });
 * const id = await uploads.begin({ fileName });
 * await uploads.append(id, 0, base64);
 * const done = await uploads.take(id);
 */
export class ChunkedUploads<M> {
  private readonly uploads = new Map<string, Upload<M>>();

  constructor(private readonly o: ChunkedUploadsOptions) {}

  async begin(meta: M, byteLength?: number): Promise<string> {
    if (byteLength !== undefined && byteLength > this.o.maxBytes) {
      throw new EncoreError('VALIDATION_FAILED', 'The file is too large', { byteLength, maxBytes: this.o.maxBytes });
    }
    await this.sweep();
    await fs.mkdir(this.o.tempDir, { recursive: true });
    const uploadId = randomBytes(16).toString('base64url').slice(0, 21);
    const temp = path.join(this.o.tempDir, this.o.tempName(uploadId));
    await fs.writeFile(temp, new Uint8Array(0), { flag: 'wx' });
    this.uploads.set(uploadId, { meta, byteLength, temp, received: 0, hash: createHash('sha256'), touchedAt: this.o.now(), queue: Promise.resolve() });
    return uploadId;
  }

  /** Appends the chunk that starts at `offset` (the bytes received so far, nothing else). */
  async append(uploadId: string, offset: number, base64: string): Promise<{ received: number }> {
    const u = this.find(uploadId);
    const write = async () => {
      if (offset !== u.received) throw new EncoreError('CONFLICT', `Expected the chunk at byte ${u.received}, got ${offset}`, { uploadId, offset, expected: u.received });
      const bytes = Buffer.from(base64, 'base64');
      const limit = u.byteLength ?? this.o.maxBytes;
      if (u.received + bytes.byteLength > limit) {
        await this.drop(uploadId, u);
        throw new EncoreError('VALIDATION_FAILED', u.byteLength === undefined ? 'The file is too large' : 'More bytes arrived than the upload announced', { uploadId, limit });
      }
      await fs.appendFile(u.temp, bytes);
      u.hash.update(bytes);
      u.received += bytes.byteLength;
      return { received: u.received };
    };
    const next = u.queue.then(write, write);
    u.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the upload once its pending chunks are written; the temp file is the caller's now. */
  async take(uploadId: string): Promise<ReceivedUpload<M>> {
    const u = this.find(uploadId);
    await u.queue;
    this.uploads.delete(uploadId);
    return { meta: u.meta, temp: u.temp, received: u.received, sha256: u.hash.digest('hex') };
  }

  private find(uploadId: string): Upload<M> {
    const u = this.uploads.get(uploadId);
    if (!u) throw new EncoreError('NOT_FOUND', `This ${this.o.what} has ended or never began`, { uploadId });
    u.touchedAt = this.o.now();
    return u;
  }

  private async drop(id: string, u: Upload<M>): Promise<void> {
    this.uploads.delete(id);
    await fs.rm(u.temp, { force: true });
  }

  private async sweep(): Promise<void> {
    for (const [id, u] of this.uploads) if (this.o.now() - u.touchedAt >= this.o.idleMs) await this.drop(id, u);
  }
}
