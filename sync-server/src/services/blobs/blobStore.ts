import type { Readable } from 'node:stream';

/** A lowercase hex SHA-256: the only thing that ever names a blob. */
export const BLOB_KEY = /^[0-9a-f]{64}$/;

/** An inclusive byte range, as HTTP Range gives it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Content-addressed storage of the server's blobs (audio assets, catalog renditions): a blob's
 * key is the SHA-256 of its bytes, so identical content is stored once and no client-chosen
 * name ever becomes a path or an object key. Backends: {@link LocalBlobStore} (a folder, the
 * default) and {@link S3BlobStore} (any S3-compatible service).
 */
export interface BlobStore {
  /** Where it stores, for logs ("local /data/server/blobs", "s3 bucket/prefix"). */
  readonly description: string;
  has(key: string): Promise<boolean>;
  /** Its size, or null when absent. */
  stat(key: string): Promise<{ sizeBytes: number } | null>;
  /**
   * Moves a local file into the store under its SHA-256 (computed here unless `key` is given
   * by a caller that has just verified it) and deletes the file.
   */
  putFile(file: string, key?: string): Promise<{ key: string; sizeBytes: number }>;
  /** The blob's bytes (or a range of them); throws when absent. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /**
   * Deletes a blob unless it was written at or after `notModifiedSince` (a `putFile` of the same
   * bytes meanwhile makes it new again). Whether it deleted it; absent is false. Only the blob
   * garbage collector calls this, after checking that nothing refers to the blob.
   */
  delete(key: string, o: { notModifiedSince: Date }): Promise<boolean>;
}

export function assertBlobKey(key: string): void {
  if (!BLOB_KEY.test(key)) throw new Error(`not a blob key: ${JSON.stringify(key.slice(0, 80))}`);
}
