import { z } from 'zod';
import { Count, Id, IsoDateTime, MediaRef, Percent } from './primitives';

/**
 * One recorded karaoke take, scored against the track's synchronized lyrics and melody.
 * All scores are 0-100 so leaderboards compare takes of different tracks on one scale.
 */
export const KaraokePerformance = z.object({
  id: Id,
  userId: Id,
  trackId: Id,
  recordingUrl: MediaRef,
  score: Percent,
  pitchAccuracy: Percent,
  timingAccuracy: Percent,
  isPublic: z.boolean(),
  statistics: z.object({ playCount: Count, likeCount: Count }),
  createdAt: IsoDateTime,
});
export type KaraokePerformance = z.infer<typeof KaraokePerformance>;
