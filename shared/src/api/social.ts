import { z } from 'zod';
import { CatalogAlbum, CatalogArtist, CatalogTrack, plainLine } from './catalog';

/**
 * Contracts of the listener's side of the catalog: likes, saves, follows, ratings and
 * server playlists. Every write is idempotent: PUT sets, DELETE clears, repeating either
 * changes nothing.
 */

/** 1 to 5 stars. */
export const Rating = z.int().min(1).max(5);
export type Rating = z.infer<typeof Rating>;

/** Body of PUT /api/me/ratings/{tracks|albums}/:id. */
export const RateRequest = z.object({ rating: Rating });
export type RateRequest = z.infer<typeof RateRequest>;

/** Query of the paged lists (`GET /api/me/likes` ...). */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PageQuery = z.infer<typeof PageQuery>;

const Paged = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.int().nonnegative(), nextOffset: z.int().nonnegative().nullable() });

export const LikedTrack = z.object({ track: CatalogTrack, likedAt: z.string() });
export const LikedTracksPage = Paged(LikedTrack);
export type LikedTracksPage = z.infer<typeof LikedTracksPage>;

export const SavedAlbum = z.object({ album: CatalogAlbum.omit({ tracks: true }), savedAt: z.string() });
export const SavedAlbumsPage = Paged(SavedAlbum);
export type SavedAlbumsPage = z.infer<typeof SavedAlbumsPage>;

export const FollowedArtist = z.object({ artist: CatalogArtist, followedAt: z.string() });
export const FollowedArtistsPage = Paged(FollowedArtist);
export type FollowedArtistsPage = z.infer<typeof FollowedArtistsPage>;

export const RatingKind = z.enum(['track', 'album']);
export type RatingKind = z.infer<typeof RatingKind>;
export const RatingsQuery = PageQuery.extend({ kind: RatingKind.default('track') });
export const RatedItem = z.object({ kind: RatingKind, id: z.uuid(), title: z.string(), artistName: z.string(), rating: Rating, ratedAt: z.string() });
export const RatingsPage = Paged(RatedItem);
export type RatingsPage = z.infer<typeof RatingsPage>;

/** What a write answered: the state now (so a client can reconcile after a retry). */
export const SocialState = z.object({ active: z.boolean() });
export type SocialState = z.infer<typeof SocialState>;
export const RatingState = z.object({ rating: Rating.nullable() });
export type RatingState = z.infer<typeof RatingState>;

/** GET /api/social/{tracks|albums|artists}/:id: counts, and the viewer's own state when signed in. */
export const SocialStats = z.object({
  id: z.uuid(),
  /** Likes of a track, saves of an album, followers of an artist. */
  count: z.int().nonnegative(),
  ratingCount: z.int().nonnegative(),
  /** Mean of the 1-5 ratings; null when nobody rated (artists are never rated). */
  ratingAverage: z.number().nullable(),
  viewer: z.object({ active: z.boolean(), rating: Rating.nullable() }).nullable(),
});
export type SocialStats = z.infer<typeof SocialStats>;

// ---- playlists ----

export const PLAYLIST_MAX_ENTRIES = 10_000;
const PlaylistName = z.string().max(400).transform(plainLine).pipe(z.string().min(1).max(100));
const PlaylistDescription = z.string().max(1200).transform(plainLine).pipe(z.string().max(300));
const TrackIds = z.array(z.uuid()).max(500);

/** Body of POST /api/playlists. */
export const CreatePlaylistRequest = z.object({
  name: PlaylistName,
  description: PlaylistDescription.default(''),
  isPublic: z.boolean().default(false),
  trackIds: TrackIds.default([]),
});
export type CreatePlaylistRequest = z.input<typeof CreatePlaylistRequest>;
export type CreatePlaylist = z.output<typeof CreatePlaylistRequest>;

/** Body of PUT /api/playlists/:id: the fields to change. */
export const UpdatePlaylistRequest = z
  .object({ name: PlaylistName, description: PlaylistDescription, isPublic: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type UpdatePlaylistRequest = z.infer<typeof UpdatePlaylistRequest>;

/** Body of POST /api/playlists/:id/tracks: appended, or inserted before `position`. */
export const AddPlaylistTracksRequest = z.object({ trackIds: TrackIds.min(1), position: z.int().min(0).optional() });
export type AddPlaylistTracksRequest = z.infer<typeof AddPlaylistTracksRequest>;

/** Body of PUT /api/playlists/:id/reorder: moves `count` entries starting at `from` so the block starts at `to` (positions after the move). */
export const ReorderPlaylistRequest = z.object({ from: z.int().min(0), to: z.int().min(0), count: z.int().min(1).max(PLAYLIST_MAX_ENTRIES).default(1) });
export type ReorderPlaylistRequest = z.input<typeof ReorderPlaylistRequest>;

/** Query of DELETE /api/playlists/:id/tracks/:trackId: one entry (`position`) or every entry of the track. */
export const RemovePlaylistTrackQuery = z.object({ position: z.coerce.number().int().min(0).optional() });

export const PlaylistEntry = z.object({
  position: z.int().nonnegative(),
  track: CatalogTrack,
  addedBy: z.uuid().nullable(),
  addedAt: z.string(),
});
export type PlaylistEntry = z.infer<typeof PlaylistEntry>;

export const PlaylistSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  isPublic: z.boolean(),
  trackCount: z.int().nonnegative(),
  durationMs: z.int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlaylistSummary = z.infer<typeof PlaylistSummary>;

/** A playlist with its entries in order. Entries whose track is no longer released are left out. */
export const PlaylistDetail = PlaylistSummary.extend({ entries: z.array(PlaylistEntry) });
export type PlaylistDetail = z.infer<typeof PlaylistDetail>;

export const PlaylistResponse = z.object({ playlist: PlaylistDetail });
export type PlaylistResponse = z.infer<typeof PlaylistResponse>;
export const PlaylistListResponse = z.object({ playlists: z.array(PlaylistSummary) });
export type PlaylistListResponse = z.infer<typeof PlaylistListResponse>;
