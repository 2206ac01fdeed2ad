import fs from 'node:fs';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { sha256File } from './localBlobStore';
import { assertBlobKey, type BlobStore, type ByteRange } from './blobStore';

export interface S3BlobStoreOptions {
  /** e.g. http://127.0.0.1:9000 (MinIO, Ceph, R2, s3rver) or https://s3.eu-west-1.amazonaws.com */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Object keys start with this (e.g. `encore/`); default none. */
  prefix?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most self-hosted S3 servers need. */
  forcePathStyle?: boolean;
}

/**
 * Blobs in an S3-compatible bucket, one object per SHA-256 (`<prefix>blobs/ab/<sha256>`),
 * through the AWS SDK v3. Objects are written once under their hash; a blob already present
 * is not written again.
 *
 * @example
 * const store = new S3BlobStore({ endpoint: 'http://127.0.0.1:9000', bucket: 'encore', region: 'us-east-1', accessKeyId, secretAccessKey, forcePathStyle: true });
 * const { key } = await store.putFile('/tmp/upload.part');
 * (await store.read(key)).pipe(res);
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly o: S3BlobStoreOptions) {
    this.client = new S3Client({
      endpoint: o.endpoint,
      region: o.region,
      credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
      forcePathStyle: o.forcePathStyle ?? true,
      // Blobs are verified by their SHA-256 on the way in; the SDK's own checksums add a
      // header some S3-compatible servers reject.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get description(): string {
    return `s3 ${this.o.endpoint} ${this.o.bucket}/${this.o.prefix ?? ''}`;
  }

  private objectKey(key: string): string {
    assertBlobKey(key);
    return `${this.o.prefix ?? ''}blobs/${key.slice(0, 2)}/${key}`;
  }

  async stat(key: string): Promise<{ sizeBytes: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.objectKey(key) }));
      return { sizeBytes: head.ContentLength ?? 0 };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async putFile(file: string, knownKey?: string): Promise<{ key: string; sizeBytes: number }> {
    const key = knownKey ?? (await sha256File(file));
    const { size } = await fs.promises.stat(file);
    try {
      if (!(await this.has(key))) {
        await this.client.send(new PutObjectCommand({ Bucket: this.o.bucket, Key: this.objectKey(key), Body: fs.createReadStream(file), ContentLength: size, ContentType: 'application/octet-stream' }));
      }
    } finally {
      await fs.promises.rm(file, { force: true });
    }
    return { key, sizeBytes: size };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: this.objectKey(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
    if (!(out.Body instanceof Readable)) throw new Error('the S3 client returned no readable body');
    return out.Body;
  }

  async delete(key: string, o: { notModifiedSince: Date }): Promise<boolean> {
    let modified: Date | undefined;
    try {
      modified = (await this.client.send(new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.objectKey(key) }))).LastModified;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
    // Only studio blobs live in the bucket, and their writers hold the blob's lock while relying
    // on an existing object, so no upload can race between this check and the delete.
    if (!modified || modified.getTime() >= o.notModifiedSince.getTime()) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.objectKey(key) }));
    return true;
  }

  dispose(): void {
    this.client.destroy();
  }
}

function isNotFound(e: unknown): boolean {
  if (e instanceof NotFound) return true;
  return e instanceof S3ServiceException && (e.$metadata.httpStatusCode === 404 || e.name === 'NoSuchKey' || e.name === 'NotFound');
}
