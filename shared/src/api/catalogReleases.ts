import { z } from 'zod';
import { AlbumType } from '../domain/album';
import { Isrc } from '../domain/track';
import { CatalogAlbum, CatalogArtist, CatalogTrack, LyricsInput, PlainLine, plainLine, Sha256Hex } from './catalog';

/**
 * Contracts of the artist side of the catalog: editing and unpublishing releases, albums and
 * their running order, cover art, moderation, and the browse endpoints. Text is plain text,
 * cleaned here as in `catalog.ts`.
 */

const Label = z.string().max(256).transform(plainLine).pipe(z.string().min(1).max(64));
const Labels = z.array(Label).max(32);

/** Body of PATCH /api/tracks/:id: only the fields sent change; `null` clears an optional one. */
export const UpdateTrackRequest = z
  .object({
    title: PlainLine(200),
    genres: Labels,
    tags: Labels,
    explicit: z.boolean(),
    isrc: Isrc.nullable(),
    lyrics: LyricsInput.nullable(),
    price: z.int().min(0).max(100_000_00),
    currency: z.string().regex(/^[A-Z]{3}$/),
    allowPurchase: z.boolean(),
    allowReelUsage: z.boolean(),
    coverId: Sha256Hex.nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });
export type UpdateTrackRequest = z.input<typeof UpdateTrackRequest>;
export type UpdateTrack = z.output<typeof UpdateTrackRequest>;

/** Body of PATCH /api/albums/:id. */
export const UpdateAlbumRequest = z
  .object({ title: PlainLine(200), albumType: AlbumType.exclude(['compilation']), genres: Labels, coverId: Sha256Hex.nullable() })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });
export type UpdateAlbumRequest = z.input<typeof UpdateAlbumRequest>;

/** Body of PUT /api/albums/:id/tracks: the whole running order; tracks left out leave the album. */
export const AlbumOrderRequest = z.object({
  trackIds: z
    .array(z.uuid())
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'a track appears once'),
});
export type AlbumOrderRequest = z.infer<typeof AlbumOrderRequest>;

/** Body of POST /api/albums/:id/tracks: adds one of the artist's tracks, at the end by default (1-based position). */
export const AddAlbumTrackRequest = z.object({ trackId: z.uuid(), position: z.int().min(1).max(500).optional() });
export type AddAlbumTrackRequest = z.infer<typeof AddAlbumTrackRequest>;

/** Cover art limits: the bytes, and the edges checked from the header before anything is decoded. */
export const COVER_LIMITS = { maxBytes: 10 * 1024 * 1024, maxEdgePx: 6000, minEdgePx: 64 } as const;
/** Image types accepted for covers (the content is decoded anyway; the type is only a hint). */
export const CoverContentType = z.enum(['image/jpeg', 'image/png', 'image/webp']);
/** Square JPEG thumbnail edges served by GET /api/covers/:id?size=, or the original. */
export const CoverSize = z.enum(['300', '600', 'original']);
export type CoverSize = z.infer<typeof CoverSize>;
export const CoverQuery = z.object({ size: CoverSize.default('600') });

export const CoverInfo = z.object({ id: Sha256Hex, contentType: z.string(), width: z.int(), height: z.int(), sizeBytes: z.int() });
export type CoverInfo = z.infer<typeof CoverInfo>;
/** POST /api/covers (raw image body): the stored cover; attach it with PATCH on a track or album. */
export const CoverResponse = z.object({ cover: CoverInfo });
export type CoverResponse = z.infer<typeof CoverResponse>;

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** GET /api/genres: genres of released tracks, most tracks first. */
export const GenreListResponse = z.object({ genres: z.array(z.object({ name: z.string(), trackCount: z.int(), albumCount: z.int() })) });
export type GenreListResponse = z.infer<typeof GenreListResponse>;
export const GenreParam = z.object({ genre: z.string().max(256).transform(plainLine).pipe(z.string().min(1).max(64)) });

export const AlbumSummary = CatalogAlbum.omit({ tracks: true });
export type AlbumSummary = z.infer<typeof AlbumSummary>;
/** GET /api/genres/:genre/albums and GET /api/albums/new. */
export const AlbumListResponse = z.object({ albums: z.array(AlbumSummary) });
export type AlbumListResponse = z.infer<typeof AlbumListResponse>;

/** GET /api/artists: artists with at least one released track, by name. */
export const ArtistListResponse = z.object({ artists: z.array(CatalogArtist.extend({ trackCount: z.int() })) });
export type ArtistListResponse = z.infer<typeof ArtistListResponse>;

/** GET /api/admin/moderation?state=: tracks by moderation state, oldest first. */
export const ModerationQuery = Paging.extend({ state: z.enum(['pending', 'approved', 'rejected']).default('pending') });
export const ModerationListResponse = z.object({ tracks: z.array(CatalogTrack) });
export type ModerationListResponse = z.infer<typeof ModerationListResponse>;
/** Body of POST /api/admin/moderation/tracks/:id/reject. */
export const RejectRequest = z.object({ reason: z.string().max(4000).transform(plainLine).pipe(z.string().min(3).max(1000)) });
export type RejectRequest = z.input<typeof RejectRequest>;
