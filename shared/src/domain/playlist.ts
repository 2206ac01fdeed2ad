import { z } from 'zod';
import { Count, DurationMs, Id, IsoDateTime, isUnique, MediaRef } from './primitives';

/** One entry of a playlist. The same track may be added twice; entries differ by position. */
export const PlaylistTrack = z.object({
  trackId: Id,
  addedBy: Id,
  addedAt: IsoDateTime,
  position: z.int().nonnegative(),
});
export type PlaylistTrack = z.infer<typeof PlaylistTrack>;

export const Playlist = z
  .object({
    id: Id,
    title: z.string().trim().min(1).max(100),
    description: z.string().max(300),
    ownerId: Id,
    isPublic: z.boolean(),
    isCollaborative: z.boolean(),
    collaboratorIds: z.array(Id).max(100).refine(isUnique, 'a collaborator appears once'),
    coverImage: MediaRef.nullable(),
    tracks: z
      .array(PlaylistTrack)
      .max(10_000)
      // Position is redundant with array order on the wire; requiring them to agree catches a
      // client that reordered one without the other before it corrupts a shared playlist.
      .refine((tracks) => tracks.every((t, i) => t.position === i), 'positions are 0..n-1 in array order'),
    totalDurationMs: DurationMs,
    statistics: z.object({ followerCount: Count, playCount: Count }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .refine((p) => !p.collaboratorIds.includes(p.ownerId), { message: 'the owner is not also a collaborator', path: ['collaboratorIds'] });
export type Playlist = z.infer<typeof Playlist>;
