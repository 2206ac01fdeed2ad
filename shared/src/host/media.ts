import { z } from 'zod';
import { TrackId } from './library';

/**
 * How the renderer reaches a library track's audio bytes, and the player state the host keeps
 * across restarts. Merged into `hostContract` (contract.ts).
 *
 * URL scheme: `media/library/<trackId>` relative to the renderer's origin.
 * - Browser mode: `GET /media/library/<64 hex>` on the host's HTTP server, with the launch
 *   cookie, Range requests (206/416) and an ETag.
 * - Electron: the app's custom scheme serves the same path through the same handler
 *   (`desktop/main/src/browser-mode/mediaRoute.ts`, `mediaResponse()`), so the renderer
 *   builds the same relative URL in both.
 * The id is resolved through the library database only: the client never names a path.
 */
export const MEDIA_LIBRARY_PREFIX = '/media/library/';

/**
 * @example
 * mediaUrl('ab12…') // 'media/library/ab12…' (relative: works under http:// and the app scheme)
 * mediaUrl('ab12…', 'http://127.0.0.1:8790') // 'http://127.0.0.1:8790/media/library/ab12…'
 */
export function mediaUrl(trackId: TrackId, origin?: string): string {
  const id = TrackId.parse(trackId);
  return origin ? `${origin.replace(/\/+$/, '')}${MEDIA_LIBRARY_PREFIX}${id}` : `${MEDIA_LIBRARY_PREFIX.slice(1)}${id}`;
}

/** Parses the track id out of a media path; null when the path is not a well-formed media URL. */
export function parseMediaPath(pathname: string): TrackId | null {
  if (!pathname.startsWith(MEDIA_LIBRARY_PREFIX)) return null;
  const id = TrackId.safeParse(pathname.slice(MEDIA_LIBRARY_PREFIX.length));
  return id.success ? id.data : null;
}

/**
 * Catalog tracks stream through the host: `media/catalog/<uuid>[?quality=…]` relative to the
 * renderer's origin. The host forwards the request (Range included) to the sync-server's
 * `GET /api/tracks/<id>/stream` with the signed-in user's access token, so the token never
 * appears in a URL the page builds and `<audio>` can seek with ranged reads. Without
 * `quality` the server picks the rendition from the account's quality setting and plan.
 */
export const MEDIA_CATALOG_PREFIX = '/media/catalog/';
const CatalogTrackId = z.uuid();
const StreamQuality = z.enum(['low', 'normal', 'high', 'lossless']);

/**
 * @example
 * catalogMediaUrl('0b6c…-…') // 'media/catalog/0b6c…-…'
 * catalogMediaUrl('0b6c…-…', 'low') // 'media/catalog/0b6c…-…?quality=low'
 */
export function catalogMediaUrl(trackId: string, quality?: z.infer<typeof StreamQuality>): string {
  const id = CatalogTrackId.parse(trackId);
  return `${MEDIA_CATALOG_PREFIX.slice(1)}${id}${quality ? `?quality=${StreamQuality.parse(quality)}` : ''}`;
}

/** Parses `/media/catalog/<uuid>` and its optional `quality` query; null when malformed. */
export function parseCatalogMediaPath(pathname: string, search = ''): { trackId: string; quality: z.infer<typeof StreamQuality> | null } | null {
  if (!pathname.startsWith(MEDIA_CATALOG_PREFIX)) return null;
  const id = CatalogTrackId.safeParse(pathname.slice(MEDIA_CATALOG_PREFIX.length));
  if (!id.success) return null;
  // `shared` has no DOM or Node types (no URLSearchParams): the only parameter is parsed by hand.
  const query = search.replace(/^\?/, '');
  if (query === '') return { trackId: id.data, quality: null };
  const m = /^quality=([a-z]+)$/.exec(query);
  const quality = StreamQuality.safeParse(m?.[1]);
  return quality.success ? { trackId: id.data, quality: quality.data } : null;
}

/** True for a catalog track id (a UUID) as opposed to a library track id (64 hex). */
export const isCatalogTrackId = (id: string): boolean => CatalogTrackId.safeParse(id).success;

export const RepeatMode = z.enum(['off', 'all', 'one']);
export type RepeatMode = z.infer<typeof RepeatMode>;
export const NormalizationMode = z.enum(['off', 'track', 'album']);
export type NormalizationMode = z.infer<typeof NormalizationMode>;

/** Playback preferences, kept with the queue. */
export const PlayerPrefs = z.object({
  volume: z.number().min(0).max(1).default(0.8),
  crossfadeSec: z.number().min(0).max(12).default(0),
  normalization: NormalizationMode.default('track'),
  targetLufs: z.number().min(-30).max(-5).default(-14),
  speed: z.number().min(0.5).max(2).default(1),
});
export type PlayerPrefs = z.infer<typeof PlayerPrefs>;

/** At most this many queued ids are kept (a host frame is at most 1 MiB). */
export const MAX_SAVED_QUEUE = 10_000;

/** The queue as saved: what plays, in order, where we are, and how it repeats and shuffles. */
export const SavedQueue = z.object({
  version: z.literal(1),
  /** Queue order as the user arranged it. */
  items: z.array(TrackId).max(MAX_SAVED_QUEUE),
  /** Index into `items` of the current track; -1 when nothing is current. */
  current: z.number().int().min(-1),
  /** Recently played, newest last. */
  history: z.array(TrackId).max(500),
  repeat: RepeatMode,
  shuffle: z.boolean(),
  shuffleSeed: z.number().int(),
  positionSec: z.number().min(0),
  prefs: PlayerPrefs,
});
export type SavedQueue = z.infer<typeof SavedQueue>;

const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const mediaContract = {
  /** The queue saved by the last session; null on a first run. */
  'player.queue.load': procedure(z.void(), SavedQueue.nullable()),
  'player.queue.save': procedure(SavedQueue, z.object({ savedAt: z.string() })),
} as const;
