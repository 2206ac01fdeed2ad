import { z } from 'zod';
import { Count, DurationMs, Id, IsoDateTime, MediaRef, Money } from './primitives';

export const StreamStatus = z.enum(['scheduled', 'live', 'ended']);
export type StreamStatus = z.infer<typeof StreamStatus>;

export const StreamResolution = z.enum(['360p', '720p', '1080p', '4K']);
export type StreamResolution = z.infer<typeof StreamResolution>;

export const StreamStatistics = z.object({
  peakViewers: Count,
  totalViews: Count,
  averageWatchTimeMs: DurationMs,
  chatMessages: Count,
  giftsReceived: Count,
  /** Gross gift and subscription revenue of this stream, before splits. */
  revenue: Money,
});

/**
 * A live stream. The seed's `streamKey`, `rtmpUrl` and `hlsUrl` are absent: Encore ingests
 * with WHIP and plays with WHEP on the media-server, authorised by short-lived tokens from the
 * sync-server, so no long-lived secret belongs in a record that viewers can read.
 */
export const Stream = z
  .object({
    id: Id,
    streamerId: Id,
    title: z.string().trim().min(1).max(140),
    description: z.string().max(2000),
    category: z.string().trim().min(1).max(64),
    thumbnailUrl: MediaRef.nullable(),
    status: StreamStatus,
    startTime: IsoDateTime.nullable(),
    endTime: IsoDateTime.nullable(),
    resolution: StreamResolution,
    statistics: StreamStatistics,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .superRefine((s, ctx) => {
    // The status and the two times must tell the same story, or viewer counts and watch time lie.
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (s.status === 'live' && s.startTime === null) bad('startTime', 'a live stream has started');
    if (s.status !== 'ended' && s.endTime !== null) bad('endTime', 'only an ended stream has an end time');
    if (s.status === 'ended' && (s.startTime === null || s.endTime === null)) bad('endTime', 'an ended stream has a start and an end');
    if (s.startTime !== null && s.endTime !== null && Date.parse(s.endTime) < Date.parse(s.startTime)) bad('endTime', 'ends after it starts');
  });
export type Stream = z.infer<typeof Stream>;
