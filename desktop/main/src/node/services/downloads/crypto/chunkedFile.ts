import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * The on-disk format of a downloaded track: AES-256-GCM in fixed-size chunks, each with its own
 * random 96-bit nonce and 128-bit tag, so playback can decrypt any chunk alone (seek) and a
 * changed byte anywhere fails that chunk's tag.
 *
 *   header (16): "ENCD" | version 1 | 3 reserved | chunk size u32 BE | 4 reserved
 *   chunk i at 16 + i * (12 + chunkSize + 16): nonce | ciphertext | tag
 *
 * Each chunk's AAD is the header, the file id, the chunk index and a last-chunk flag: chunks
 * cannot be reordered, moved between files or dropped from the end without detection.
 */
export const HEADER_SIZE = 16;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
const NONCE = 12;
const TAG = 16;
const MAGIC = Buffer.from('ENCD', 'latin1');

export class TamperedFileError extends Error {
  override readonly name = 'TamperedFileError';
}

function header(chunkSize: number): Buffer {
  const h = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(h, 0);
  h[4] = 1;
  h.writeUInt32BE(chunkSize, 8);
  return h;
}

const chunkCount = (plainSize: number, chunkSize: number) => Math.ceil(plainSize / chunkSize);
const sealedChunk = (chunkSize: number) => NONCE + chunkSize + TAG;

/** Bytes on disk for a file of `plainSize` plain bytes. */
export function encryptedSize(plainSize: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  return HEADER_SIZE + chunkCount(plainSize, chunkSize) * (NONCE + TAG) + plainSize;
}

function aad(head: Buffer, fileId: string, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index), 0);
  tail[8] = last ? 1 : 0;
  return Buffer.concat([head, Buffer.from(fileId, 'utf8'), tail]);
}

export function sealChunk(key: Buffer, head: Buffer, fileId: string, index: number, last: boolean, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad(head, fileId, index, last));
  return Buffer.concat([nonce, c.update(plain), c.final(), c.getAuthTag()]);
}

export function openChunk(key: Buffer, head: Buffer, fileId: string, index: number, last: boolean, sealed: Buffer): Buffer {
  try {
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
    d.setAAD(aad(head, fileId, index, last));
    d.setAuthTag(sealed.subarray(sealed.byteLength - TAG));
    return Buffer.concat([d.update(sealed.subarray(NONCE, sealed.byteLength - TAG)), d.final()]);
  } catch {
    throw new TamperedFileError(`Chunk ${index} of the download failed its integrity check`);
  }
}

export interface WriterOptions {
  /** Total plain bytes of the file (known from the licence), to mark the last chunk. */
  totalSize: number;
  /** Whole chunks already on disk from an earlier run; the rest of the file is cut off. */
  resumeChunks?: number;
  chunkSize?: number;
}

/**
 * Encrypts a download as it arrives. Plain bytes are buffered until a chunk is full; only
 * whole chunks reach the disk, so {@link durablePlainBytes} (after {@link sync}) is where a
 * resumed download restarts. Decrypted bytes are never written anywhere.
 *
 * @example
 * const w = EncryptedFileWriter.open(file, key, id, { totalSize, resumeChunks: 3 });
 * w.append(bytes); w.sync(); db.save(w.durablePlainBytes);
 * w.finish(); w.close();
 */
export class EncryptedFileWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index: number;
  private written: number;
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly key: Buffer,
    private readonly fileId: string,
    private readonly head: Buffer,
    private readonly chunkSize: number,
    private readonly totalSize: number,
    resumeChunks: number,
  ) {
    this.index = resumeChunks;
    this.written = resumeChunks * chunkSize;
  }

  static open(file: string, key: Buffer, fileId: string, o: WriterOptions): EncryptedFileWriter {
    const chunkSize = o.chunkSize ?? DEFAULT_CHUNK_SIZE;
    const resume = o.resumeChunks ?? 0;
    const head = header(chunkSize);
    const exists = resume > 0 && fs.existsSync(file);
    const fd = fs.openSync(file, exists ? 'r+' : 'w', 0o600);
    try {
      if (exists && resume * chunkSize > o.totalSize) throw new Error('Cannot resume past the end of the file');
    if (exists) {
        const onDisk = Buffer.alloc(HEADER_SIZE);
        fs.readSync(fd, onDisk, 0, HEADER_SIZE, 0);
        if (!onDisk.equals(head)) throw new TamperedFileError('The partial download has a different format; start again');
        fs.ftruncateSync(fd, HEADER_SIZE + resume * sealedChunk(chunkSize));
      } else {
        fs.writeSync(fd, head, 0, HEADER_SIZE, 0);
      }
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
    // Its own copy of the key: the caller may wipe theirs, and close() wipes this one.
    return new EncryptedFileWriter(fd, Buffer.from(key), fileId, head, chunkSize, o.totalSize, exists ? resume : 0);
  }

  /** Plain bytes in whole chunks written so far (durable after {@link sync}). */
  get durablePlainBytes(): number {
    return this.written;
  }

  append(plain: Uint8Array): void {
    this.pending.push(Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength));
    this.pendingBytes += plain.byteLength;
    while (this.pendingBytes >= this.chunkSize) {
      const all = Buffer.concat(this.pending, this.pendingBytes);
      this.writeChunk(all.subarray(0, this.chunkSize));
      const rest = all.subarray(this.chunkSize);
      this.pending = rest.byteLength ? [Buffer.from(rest)] : [];
      this.pendingBytes = rest.byteLength;
    }
  }

  sync(): void {
    fs.fdatasyncSync(this.fd);
  }

  /** Writes the short last chunk and checks that exactly `totalSize` plain bytes arrived. */
  finish(): void {
    if (this.pendingBytes > 0) this.writeChunk(Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
    if (this.durablePlainBytes !== this.totalSize || this.index !== chunkCount(this.totalSize, this.chunkSize)) {
      throw new Error(`The download ended at ${this.durablePlainBytes} of ${this.totalSize} bytes`);
    }
    this.sync();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.key.fill(0);
    fs.closeSync(this.fd);
  }

  private writeChunk(plain: Buffer): void {
    const count = chunkCount(this.totalSize, this.chunkSize);
    if (this.index >= count) throw new Error('The download is longer than its licence says');
    const last = this.index === count - 1;
    if (!last && plain.byteLength !== this.chunkSize) throw new Error('Only the last chunk may be short');
    const sealed = sealChunk(this.key, this.head, this.fileId, this.index, last, plain);
    fs.writeSync(this.fd, sealed, 0, sealed.byteLength, HEADER_SIZE + this.index * sealedChunk(this.chunkSize));
    this.index++;
    this.written += plain.byteLength;
  }
}

/**
 * Decrypts plain bytes `start..end` (inclusive) of a finished download, chunk by chunk, reading
 * only the chunks the range touches. Throws {@link TamperedFileError} when the file's size or
 * any chunk does not check out, before yielding that chunk's bytes.
 *
 * @example
 * for await (const part of readPlainRange(file, key, id, size, 1_000_000, 1_065_535)) res.write(part);
 */
export async function* readPlainRange(file: string, key: Buffer, fileId: string, plainSize: number, start: number, end: number): AsyncGenerator<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(HEADER_SIZE);
    await fh.read(head, 0, HEADER_SIZE, 0);
    if (!head.subarray(0, 5).equals(Buffer.concat([MAGIC, Buffer.from([1])]))) throw new TamperedFileError('Not an Encore download file');
    const chunkSize = head.readUInt32BE(8);
    if (chunkSize < 1024 || chunkSize > 16 * 1024 * 1024 || !head.equals(header(chunkSize))) throw new TamperedFileError('The download header is damaged');
    const { size } = await fh.stat();
    if (size !== encryptedSize(plainSize, chunkSize)) throw new TamperedFileError('The download file has the wrong size');
    if (plainSize === 0 || start > end) return;
    const count = chunkCount(plainSize, chunkSize);
    const buf = Buffer.alloc(sealedChunk(chunkSize));
    for (let i = Math.floor(start / chunkSize); i <= Math.floor(end / chunkSize); i++) {
      const plainLen = Math.min(chunkSize, plainSize - i * chunkSize);
      const len = NONCE + plainLen + TAG;
      const { bytesRead } = await fh.read(buf, 0, len, HEADER_SIZE + i * sealedChunk(chunkSize));
      if (bytesRead !== len) throw new TamperedFileError(`Chunk ${i} of the download is truncated`);
      const plain = openChunk(key, head, fileId, i, i === count - 1, buf.subarray(0, len));
      const from = i * chunkSize;
      yield plain.subarray(Math.max(0, start - from), Math.min(plainLen, end - from + 1));
    }
  } finally {
    await fh.close();
  }
}
