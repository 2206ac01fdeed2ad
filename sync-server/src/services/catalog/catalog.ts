import path from 'node:path';
import type { JobQueue, RetryPolicy } from '../../jobs/queue';
import { BlobStore } from './blobStore';
import type { DurationLimits } from './ffmpeg';

const HOUR_MS = 3_600_000;

export interface CatalogOptions {
  /** Accepted length of a master. */
  duration: DurationLimits;
  /** Retries of the processing job after its first attempt, and the pause between them. */
  processing: RetryPolicy;
  /** New releases skip the moderation queue (CATALOG_AUTO_APPROVE). */
  autoApprove: boolean;
}

export const DEFAULT_CATALOG_OPTIONS: CatalogOptions = {
  duration: { minMs: 1000, maxMs: 2 * HOUR_MS },
  processing: { retryLimit: 2, retryDelayMs: 5000 },
  autoApprove: true,
};

/** What the catalog services share: where media lives, the job queue and the limits. */
export interface Catalog {
  blobs: BlobStore;
  /** Chunks of open uploads: `<uploadsDir>/<upload uuid>/<chunk index>`. */
  uploadsDir: string;
  /** Scratch files of assembly and transcoding, removed when done. */
  workDir: string;
  jobs: JobQueue;
  options: CatalogOptions;
}

/**
 * The catalog's folders under the server's data folder: `<dataDir>/server/media/{blobs,uploads,work}`.
 *
 * @example
 * const catalog = createCatalog(config.dataDir, jobs);
 */
export function createCatalog(dataDir: string, jobs: JobQueue, options: Partial<CatalogOptions> = {}): Catalog {
  const root = path.join(dataDir, 'server', 'media');
  return {
    blobs: new BlobStore(path.join(root, 'blobs')),
    uploadsDir: path.join(root, 'uploads'),
    workDir: path.join(root, 'work'),
    jobs,
    options: { ...DEFAULT_CATALOG_OPTIONS, ...options },
  };
}
