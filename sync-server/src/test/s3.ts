import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { BlobStorageConfig } from '../config';

export interface TestS3 {
  storage: Extract<BlobStorageConfig, { kind: 's3' }>;
  close(): Promise<void>;
}

/** A real S3-compatible server (s3rver, from npm) on a loopback port, with one empty bucket. */
export async function startTestS3(): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'encore-test' }] });
  const { port } = await server.run();
  return {
    // s3rver accepts exactly these credentials and checks the SigV4 signature with them.
    storage: { kind: 's3', endpoint: `http://127.0.0.1:${port}`, bucket: 'encore-test', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: 'test/', forcePathStyle: true },
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
