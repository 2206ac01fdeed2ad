import { z } from 'zod';
import { Count, DurationMs, Id, IsoDateTime, Labels, MediaRef, Money } from './primitives';

/** Reels are short by definition: three minutes is the upper bound of the format. */
export const MAX_REEL_DURATION_MS = 180_000;

export const Reel = z.object({
  id: Id,
  creatorId: Id,
  caption: z.string().max(2200),
  videoUrl: MediaRef,
  thumbnailUrl: MediaRef.nullable(),
  /** The catalog track used as the soundtrack; null for original audio. */
  audioTrackId: Id.nullable(),
  durationMs: DurationMs.refine((d) => d > 0 && d <= MAX_REEL_DURATION_MS, 'between 0 and 3 minutes'),
  hashtags: Labels,
  /** User ids, not handles: a handle can change after the reel is posted. */
  mentions: z.array(Id).max(32),
  statistics: z.object({
    viewCount: Count,
    likeCount: Count,
    commentCount: Count,
    shareCount: Count,
    watchTimeMs: DurationMs,
  }),
  monetization: z.object({
    isMonetized: z.boolean(),
    /** The creator's share so far, after the reels-ads split. */
    estimatedEarnings: Money,
    adImpressions: Count,
  }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Reel = z.infer<typeof Reel>;
