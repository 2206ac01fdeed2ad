import { describe, expect, it } from 'vitest';
import { KaraokePerformance } from './karaoke';

const take = {
  id: 'k1',
  userId: 'u1',
  trackId: 't1',
  recordingUrl: 'blob:sha256-k',
  score: 87.5,
  pitchAccuracy: 90,
  timingAccuracy: 80,
  isPublic: true,
  statistics: { playCount: 0, likeCount: 0 },
  createdAt: '2024-05-01T12:00:00Z',
};

describe('KaraokePerformance', () => {
  it('parses a take', () => {
    expect(KaraokePerformance.parse(take).score).toBe(87.5);
  });
  it.each(['score', 'pitchAccuracy', 'timingAccuracy'])('keeps %s within 0-100', (field) => {
    expect(KaraokePerformance.safeParse({ ...take, [field]: 0 }).success).toBe(true);
    expect(KaraokePerformance.safeParse({ ...take, [field]: 100 }).success).toBe(true);
    expect(KaraokePerformance.safeParse({ ...take, [field]: -0.1 }).success).toBe(false);
    expect(KaraokePerformance.safeParse({ ...take, [field]: 100.1 }).success).toBe(false);
  });
});
