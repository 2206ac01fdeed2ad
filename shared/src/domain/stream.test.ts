import { describe, expect, it } from 'vitest';
import { Stream } from './stream';

const stream = {
  id: 's1',
  streamerId: 'u1',
  title: 'Late set',
  description: '',
  category: 'DJ',
  thumbnailUrl: null,
  status: 'ended',
  startTime: '2024-05-01T20:00:00Z',
  endTime: '2024-05-01T22:00:00Z',
  resolution: '1080p',
  statistics: { peakViewers: 40, totalViews: 300, averageWatchTimeMs: 600_000, chatMessages: 900, giftsReceived: 12, revenue: 4_200 },
  createdAt: '2024-05-01T19:00:00Z',
  updatedAt: '2024-05-01T22:00:00Z',
};

describe('Stream', () => {
  it('parses an ended stream', () => {
    expect(Stream.parse(stream).status).toBe('ended');
  });
  it('keeps status and times consistent', () => {
    expect(Stream.safeParse({ ...stream, status: 'live' }).success).toBe(false);
    expect(Stream.safeParse({ ...stream, status: 'live', endTime: null }).success).toBe(true);
    expect(Stream.safeParse({ ...stream, status: 'live', startTime: null, endTime: null }).success).toBe(false);
    expect(Stream.safeParse({ ...stream, status: 'scheduled', startTime: null, endTime: null }).success).toBe(true);
    expect(Stream.safeParse({ ...stream, endTime: '2024-05-01T19:59:59Z' }).success).toBe(false);
  });
  it('has no stream key on the record', () => {
    expect(Object.keys(Stream.parse({ ...stream, streamKey: 'secret' }))).not.toContain('streamKey');
  });
});
