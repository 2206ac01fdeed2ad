import { describe, expect, it } from 'vitest';
import { MAX_REEL_DURATION_MS, Reel } from './reel';

const at = '2024-05-01T12:00:00Z';
const reel = {
  id: 'r1',
  creatorId: 'u1',
  caption: 'new drop #synth',
  videoUrl: 'blob:sha256-v',
  thumbnailUrl: null,
  audioTrackId: 't1',
  durationMs: 30_000,
  hashtags: ['synth'],
  mentions: ['u2'],
  statistics: { viewCount: 100, likeCount: 10, commentCount: 1, shareCount: 0, watchTimeMs: 2_000_000 },
  monetization: { isMonetized: true, estimatedEarnings: 55, adImpressions: 1_000 },
  createdAt: at,
  updatedAt: at,
};

describe('Reel', () => {
  it('parses a reel', () => {
    expect(Reel.parse(reel).durationMs).toBe(30_000);
  });
  it('keeps reels short and non-empty', () => {
    expect(Reel.safeParse({ ...reel, durationMs: MAX_REEL_DURATION_MS }).success).toBe(true);
    expect(Reel.safeParse({ ...reel, durationMs: MAX_REEL_DURATION_MS + 1 }).success).toBe(false);
    expect(Reel.safeParse({ ...reel, durationMs: 0 }).success).toBe(false);
  });
});
