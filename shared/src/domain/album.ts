import { z } from 'zod';
import { Count, DurationMs, Id, IsoDateTime, isUnique, Labels, MediaRef } from './primitives';

export const AlbumType = z.enum(['single', 'ep', 'album', 'compilation']);
export type AlbumType = z.infer<typeof AlbumType>;

/** Square cover-art edge in pixels per size: list rows, album page, full-screen player. */
export const COVER_ART_PX = { small: 64, medium: 300, large: 640 } as const;

export const CoverArt = z.object({ small: MediaRef, medium: MediaRef, large: MediaRef });
export type CoverArt = z.infer<typeof CoverArt>;

export const Album = z.object({
  id: Id,
  title: z.string().trim().min(1).max(200),
  artistId: Id,
  releaseDate: IsoDateTime.nullable(),
  albumType: AlbumType,
  genres: Labels,
  /** Null until the artist uploads art; players then draw a placeholder. */
  coverArt: CoverArt.nullable(),
  /** Running order: the array order is the track order. A track appears once. */
  trackIds: z.array(Id).max(500).refine(isUnique, 'a track appears once'),
  totalDurationMs: DurationMs,
  label: z.string().max(200),
  copyright: z.string().max(500),
  statistics: z.object({ playCount: Count, saveCount: Count }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Album = z.infer<typeof Album>;
