import type { BlobStorageConfig } from '../../config';
import type { BlobStore } from './blobStore';
import { LocalBlobStore } from './localBlobStore';
import { S3BlobStore } from './s3BlobStore';

/** The configured backend: a local folder by default, S3-compatible when configured. */
export function createBlobStore(c: BlobStorageConfig): BlobStore {
  if (c.kind === 'local') return new LocalBlobStore(c.dir);
  return new S3BlobStore({ endpoint: c.endpoint, bucket: c.bucket, region: c.region, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, prefix: c.prefix, forcePathStyle: c.forcePathStyle });
}
