import { z } from 'zod';
import { AlbumType } from '../domain/album';
import { Isrc, Lyrics } from '../domain/track';
import { AudioQuality } from '../domain/user';

/**
 * Contracts of the catalog: resumable uploads, publishing, catalog reads, search, streaming
 * and play events. Text from artists is plain text: markup is stripped here, at the boundary,
 * and clients render every field as text, never as HTML.
 */

/** Control, zero-width and bidi-override characters never belong in catalog text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g;
/** Anything that looks like a tag: `<b>`, `</script>`, `<!-- -->`, `<?php`. A lone `<` (as in "a < b") stays. */
const TAG = /<\/?[a-z!?][^>]*>?/gi;

/**
 * Plain text for a one-line field: NFC, no control characters, no markup, single spaces.
 *
 * @example
 * plainLine(' <b>Hi</b>\tthere ') // 'Hi there'
 */
export function plainLine(s: string): string {
  return s.normalize('NFC').replace(CONTROL, ' ').replace(/[\t\r\n]/g, ' ').replace(TAG, '').replace(/\s+/g, ' ').trim();
}

/** A one-line catalog text field of at most `max` characters after cleaning. */
export const PlainLine = (max: number) => z.string().max(max * 4).transform(plainLine).pipe(z.string().min(1).max(max));

/**
 * The name a client gave its file, as metadata only: the last path segment, cleaned. The
 * server never builds a path from it (blobs are stored under their SHA-256).
 */
export const UploadFilename = z
  .string()
  .max(1024)
  .transform((s) => plainLine(s.split(/[\\/]/).pop() ?? '').replace(/^\.+/, '').slice(0, 255))
  .pipe(z.string().min(1, 'a file name'));

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

export const UPLOAD_LIMITS = {
  maxBytes: 1024 * 1024 * 1024,
  minChunkBytes: 64 * 1024,
  defaultChunkBytes: 512 * 1024,
} as const;

/** Audio types accepted for a master; the content is probed anyway, the type is only a hint. */
export const AudioContentType = z.enum(['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/flac', 'audio/x-flac', 'audio/mpeg', 'audio/ogg', 'audio/aiff', 'audio/x-aiff', 'audio/mp4', 'application/octet-stream']);

/** Body of POST /api/uploads. */
export const CreateUploadRequest = z.object({
  size: z.int().min(1).max(UPLOAD_LIMITS.maxBytes),
  sha256: Sha256Hex,
  contentType: AudioContentType,
  filename: UploadFilename,
  /** Proposed chunk size; the server may lower it to its body limit. */
  chunkSize: z.int().min(UPLOAD_LIMITS.minChunkBytes).optional(),
});
export type CreateUploadRequest = z.infer<typeof CreateUploadRequest>;

export const UploadState = z.enum(['open', 'complete', 'failed', 'consumed']);
export type UploadState = z.infer<typeof UploadState>;

/** What the server probed in a completed upload. */
export const AudioProbe = z.object({
  format: z.string(),
  codec: z.string(),
  durationMs: z.int().nonnegative(),
  sampleRate: z.int().positive(),
  channels: z.int().positive(),
});
export type AudioProbe = z.infer<typeof AudioProbe>;

/** An upload as GET /api/uploads/:id reports it: enough for a client to resume. */
export const UploadStatus = z.object({
  id: z.uuid(),
  state: UploadState,
  size: z.int(),
  chunkSize: z.int(),
  chunkCount: z.int(),
  receivedBytes: z.int(),
  /** Byte ranges already stored, as [start, end) pairs, merged. */
  receivedRanges: z.array(z.tuple([z.int(), z.int()])),
  missingChunks: z.array(z.int()),
  filename: z.string(),
  probe: AudioProbe.nullable(),
});
export type UploadStatus = z.infer<typeof UploadStatus>;

/** Lyrics as an artist supplies them: plain text, or LRC (`[mm:ss.xx] line`) for karaoke timing. */
export const LyricsInput = z.union([z.object({ text: z.string().max(100_000) }), z.object({ lrc: z.string().max(200_000) })]);
export type LyricsInput = z.infer<typeof LyricsInput>;

const LRC_LINE = /^((?:\[\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?\])+)(.*)$/;

/**
 * Parses lyrics input to the domain {@link Lyrics}: LRC becomes synchronized lines in time
 * order (metadata tags such as `[ar:...]` are ignored), text becomes static lines.
 *
 * @example
 * toLyrics({ lrc: '[00:01.50]Hello' }) // { type: 'synchronized', content: [{ timeMs: 1500, text: 'Hello' }] }
 */
export function toLyrics(input: LyricsInput): Lyrics {
  if ('text' in input) return { type: 'static', content: input.text.split(/\r?\n/).map((l) => ({ text: plainLine(l) })) };
  const lines: { timeMs: number; text: string }[] = [];
  for (const raw of input.lrc.split(/\r?\n/)) {
    const m = LRC_LINE.exec(raw.trim());
    if (!m) continue;
    const text = plainLine(m[2] ?? '');
    for (const stamp of (m[1] ?? '').matchAll(/\[(\d{1,3}):(\d{1,2})(?:[.:](\d{1,3}))?\]/g)) {
      const frac = stamp[3] ?? '0';
      const ms = Number(stamp[1]) * 60_000 + Number(stamp[2]) * 1000 + Math.round(Number(`0.${frac}`) * 1000);
      lines.push({ timeMs: ms, text });
    }
  }
  lines.sort((a, b) => a.timeMs - b.timeMs);
  return Lyrics.parse({ type: 'synchronized', content: lines });
}

const Label = z.string().max(256).transform(plainLine).pipe(z.string().min(1).max(64));
const Labels = z.array(Label).max(32).default([]);

/** Body of POST /api/tracks: publishes a completed upload as a track. */
export const PublishTrackRequest = z
  .object({
    uploadId: z.uuid(),
    title: PlainLine(200),
    albumId: z.uuid().optional(),
    genres: Labels,
    tags: Labels,
    explicit: z.boolean().default(false),
    isrc: Isrc.optional(),
    lyrics: LyricsInput.optional(),
    /** Integer minor units of `currency`. */
    price: z.int().min(0).max(100_000_00).default(0),
    currency: z.string().regex(/^[A-Z]{3}$/).default('USD'),
    allowPurchase: z.boolean().default(false),
    allowReelUsage: z.boolean().default(true),
  })
  .refine((t) => !t.allowPurchase || t.price > 0, { message: 'a purchasable track has a price', path: ['price'] });
export type PublishTrackRequest = z.input<typeof PublishTrackRequest>;
/** A parsed {@link PublishTrackRequest}, defaults applied. */
export type PublishTrack = z.output<typeof PublishTrackRequest>;

/** Body of POST /api/albums. */
export const CreateAlbumRequest = z.object({
  title: PlainLine(200),
  albumType: AlbumType.exclude(['compilation']),
  genres: Labels,
});
export type CreateAlbumRequest = z.input<typeof CreateAlbumRequest>;
export type CreateAlbum = z.output<typeof CreateAlbumRequest>;

export const TrackStatus = z.enum(['draft', 'processing', 'ready', 'failed', 'unpublished']);
export type TrackStatus = z.infer<typeof TrackStatus>;

export const ModerationState = z.enum(['pending', 'approved', 'rejected']);
export type ModerationState = z.infer<typeof ModerationState>;

export const RenditionInfo = z.object({ quality: AudioQuality, codec: z.string(), bitrateKbps: z.int().nullable(), sizeBytes: z.int() });

/** A track as the catalog shows it. */
export const CatalogTrack = z.object({
  id: z.uuid(),
  title: z.string(),
  artistId: z.uuid(),
  artistName: z.string(),
  albumId: z.uuid().nullable(),
  trackNumber: z.int().nullable(),
  durationMs: z.int(),
  genres: z.array(z.string()),
  tags: z.array(z.string()),
  explicit: z.boolean(),
  isrc: z.string().nullable(),
  lyrics: Lyrics.nullable(),
  price: z.int(),
  currency: z.string(),
  allowPurchase: z.boolean(),
  allowReelUsage: z.boolean(),
  status: TrackStatus,
  moderation: ModerationState,
  waveform: z.array(z.number()),
  loudness: z.object({ integratedLufs: z.number(), truePeakDbtp: z.number() }).nullable(),
  renditions: z.array(RenditionInfo),
  playCount: z.int(),
  /** Tempo and key measured by the processing job; null when the audio has no clear beat or key. */
  bpm: z.number().nullable(),
  key: z.string().nullable(),
  /** Cover art (`GET /api/covers/:id?size=`): the track's own, else its album's. */
  coverId: Sha256Hex.nullable(),
  /** Why moderation rejected it (only its artist and admins see rejected tracks). */
  moderationReason: z.string().nullable(),
  releasedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CatalogTrack = z.infer<typeof CatalogTrack>;

export const TrackResponse = z.object({ track: CatalogTrack });
export type TrackResponse = z.infer<typeof TrackResponse>;
export const TrackListResponse = z.object({ tracks: z.array(CatalogTrack) });
export type TrackListResponse = z.infer<typeof TrackListResponse>;

export const ProcessingStage = z.enum(['queued', 'renditions', 'waveform', 'analysis', 'loudness', 'done', 'failed']);

/** GET /api/tracks/:id/processing: progress of the background job, visible to the artist. */
export const ProcessingStatus = z.object({
  trackId: z.uuid(),
  status: TrackStatus,
  stage: ProcessingStage,
  /** 0..100 */
  progress: z.int().min(0).max(100),
  attempts: z.int(),
  maxAttempts: z.int(),
  /** Why the last attempt failed; with status `failed`, the dead-letter reason. */
  error: z.string().nullable(),
});
export type ProcessingStatus = z.infer<typeof ProcessingStatus>;

export const CatalogAlbum = z.object({
  id: z.uuid(),
  title: z.string(),
  albumType: AlbumType,
  artistId: z.uuid(),
  artistName: z.string(),
  genres: z.array(z.string()),
  coverId: Sha256Hex.nullable(),
  /** Released tracks in running order (its artist also sees the unreleased ones). */
  tracks: z.array(CatalogTrack),
  createdAt: z.string(),
});
export type CatalogAlbum = z.infer<typeof CatalogAlbum>;
export const AlbumResponse = z.object({ album: CatalogAlbum });
export type AlbumResponse = z.infer<typeof AlbumResponse>;

export const CatalogArtist = z.object({ id: z.uuid(), name: z.string(), bio: z.string(), userId: z.uuid() });
export type CatalogArtist = z.infer<typeof CatalogArtist>;

/** GET /api/artists/:id: the artist page. */
export const ArtistPageResponse = z.object({
  artist: CatalogArtist,
  albums: z.array(CatalogAlbum.omit({ tracks: true })),
  topTracks: z.array(CatalogTrack),
});
export type ArtistPageResponse = z.infer<typeof ArtistPageResponse>;

export const SearchQuery = z.object({
  q: z.string().transform(plainLine).pipe(z.string().min(1).max(200)),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** GET /api/search: tracks ranked by relevance, then popularity; artists by name. */
export const SearchResponse = z.object({ tracks: z.array(CatalogTrack), artists: z.array(CatalogArtist) });
export type SearchResponse = z.infer<typeof SearchResponse>;

/** GET /api/search/autocomplete: prefix suggestions. */
export const AutocompleteResponse = z.object({
  suggestions: z.array(z.object({ kind: z.enum(['track', 'artist']), id: z.uuid(), text: z.string() })),
});
export type AutocompleteResponse = z.infer<typeof AutocompleteResponse>;

/** Body of POST /api/analytics/events: one play, idempotent by the client's event id. */
export const PlayEventRequest = z.object({
  clientEventId: z.string().regex(/^[\w.:-]{8,128}$/, '8-128 letters, digits or _ . : -'),
  trackId: z.uuid(),
  /** How long it played, in milliseconds. */
  ms: z.int().min(0).max(24 * 3_600_000),
});
export type PlayEventRequest = z.infer<typeof PlayEventRequest>;

/** `recorded` is false for a replay of an event already stored; `counted` when it counts as a play. */
export const PlayEventResponse = z.object({ recorded: z.boolean(), counted: z.boolean() });
export type PlayEventResponse = z.infer<typeof PlayEventResponse>;

export const StreamQuery = z.object({ quality: AudioQuality.optional() });
