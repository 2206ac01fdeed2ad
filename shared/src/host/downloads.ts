import { z } from 'zod';
import { AudioQuality } from '../domain/user';

/**
 * The host API of offline downloads of catalog tracks. Merged into `hostContract` (contract.ts).
 * The host downloads under an offline licence from the sync-server (`@encore/shared/api/licences`),
 * keeps the file encrypted at rest and serves it decrypted on the fly at
 * `media/download/<downloadId>` (same launch-cookie rules as `media/library/…`).
 */
const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const DownloadId = z.uuid();
export type DownloadId = z.infer<typeof DownloadId>;

export const DownloadState = z.enum(['queued', 'downloading', 'paused', 'failed', 'done', 'revoked']);
export type DownloadState = z.infer<typeof DownloadState>;

export const DownloadGroup = z.object({ kind: z.enum(['album', 'playlist']), id: z.string().max(200), title: z.string().max(500) });
export type DownloadGroup = z.infer<typeof DownloadGroup>;

export const Download = z.object({
  id: DownloadId,
  trackId: z.uuid(),
  quality: AudioQuality,
  title: z.string(),
  artist: z.string(),
  album: z.string().nullable(),
  durationMs: z.int().nullable(),
  group: DownloadGroup.nullable(),
  state: DownloadState,
  /** Plain bytes stored (encrypted) so far, and of the whole file (null until the licence is granted). */
  receivedBytes: z.int().nonnegative(),
  totalBytes: z.int().nonnegative().nullable(),
  /** Failed attempts in a row; the next one is due at `nextAttemptAt` while queued. */
  attempts: z.int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  /** Why it failed or was revoked (an error code and a sentence). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Playable offline until then; after it, one online check is needed. */
  offlineUntil: z.string().nullable(),
  /** True when done and still within `offlineUntil`. */
  playable: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Download = z.infer<typeof Download>;

export const DownloadStorage = z.object({
  /** Bytes on disk (encrypted files, including partial ones). */
  usedBytes: z.int().nonnegative(),
  limitBytes: z.int().positive(),
});
export type DownloadStorage = z.infer<typeof DownloadStorage>;

export const DownloadsOverview = z.object({ items: z.array(Download), storage: DownloadStorage });
export type DownloadsOverview = z.infer<typeof DownloadsOverview>;

/** What to download: one catalog track, a catalog album (all its released tracks), or a playlist (a named list of tracks). */
export const DownloadRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('track'), trackId: z.uuid(), quality: AudioQuality }),
  z.object({ kind: z.literal('album'), albumId: z.uuid(), quality: AudioQuality }),
  z.object({ kind: z.literal('playlist'), playlistId: z.string().min(1).max(200), title: z.string().trim().min(1).max(500), trackIds: z.array(z.uuid()).min(1).max(1000), quality: AudioQuality }),
]);
export type DownloadRequest = z.infer<typeof DownloadRequest>;

const MIB = 1024 * 1024;
export const MIN_STORAGE_LIMIT = 64 * MIB;
export const MAX_STORAGE_LIMIT = 16 * 1024 * 1024 * MIB;

const Ids = z.object({ ids: z.array(DownloadId).min(1).max(1000) });

export const downloadsContract = {
  'downloads.list': procedure(z.void(), DownloadsOverview),
  /** Queues the tracks (skipping ones already downloaded or queued); returns the items concerned. */
  'downloads.add': procedure(DownloadRequest, z.array(Download)),
  'downloads.pause': procedure(Ids, z.array(Download)),
  'downloads.resume': procedure(Ids, z.array(Download)),
  /** Tries a failed item again at once (attempts reset). */
  'downloads.retry': procedure(Ids, z.array(Download)),
  /** Deletes the files and keys and releases the licences (when online). */
  'downloads.remove': procedure(Ids, z.object({ removed: z.int() })),
  'downloads.setLimit': procedure(z.object({ limitBytes: z.int().min(MIN_STORAGE_LIMIT).max(MAX_STORAGE_LIMIT) }), DownloadStorage),
  /** Runs the online licence check now (renews, or deletes revoked downloads). */
  'downloads.checkLicences': procedure(z.void(), z.object({ renewed: z.int(), revoked: z.int() })),
  /** Queues a play of a downloaded track for the server (reported once, when online). */
  'downloads.recordPlay': procedure(z.object({ id: DownloadId, ms: z.int().min(0).max(24 * 3_600_000) }), z.object({ queued: z.boolean() })),
  /** This install's own id, the `clientId` it registers under (`/api/devices`): how the device list marks "this device". */
  'downloads.thisDevice': procedure(z.void(), z.object({ clientId: z.string() })),
} as const;

export const downloadsEvents = {
  /** An item changed (progress is throttled to a few per second per item). */
  'downloads.changed': z.object({ items: z.array(Download), storage: DownloadStorage }),
} as const;

export const MEDIA_DOWNLOAD_PREFIX = '/media/download/';

/**
 * @example
 * downloadMediaUrl('0f8f…') // 'media/download/0f8f…'
 */
export function downloadMediaUrl(id: DownloadId, origin?: string): string {
  const safe = DownloadId.parse(id);
  return origin ? `${origin.replace(/\/+$/, '')}${MEDIA_DOWNLOAD_PREFIX}${safe}` : `${MEDIA_DOWNLOAD_PREFIX.slice(1)}${safe}`;
}

/** The download id in a media path; null when it is not one. */
export function parseDownloadMediaPath(pathname: string): DownloadId | null {
  if (!pathname.startsWith(MEDIA_DOWNLOAD_PREFIX)) return null;
  const id = DownloadId.safeParse(pathname.slice(MEDIA_DOWNLOAD_PREFIX.length));
  return id.success ? id.data : null;
}
