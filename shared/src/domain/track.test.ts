import { describe, expect, it } from 'vitest';
import { Isrc, Lyrics, MusicalKey, Track } from './track';

const at = '2024-05-01T12:00:00.000Z';
const sha = 'a'.repeat(64);

const validTrack = {
  id: 't1',
  title: 'Night Drive',
  artistId: 'a1',
  albumId: null,
  durationMs: 215_000,
  isrc: 'US-RC1-76-07839',
  explicit: false,
  genres: ['synthwave'],
  tags: [],
  releaseDate: at,
  audioFiles: {
    normal: { ref: 'blob:sha256-aa', codec: 'opus', bitrateKbps: 160, sha256: sha, sizeBytes: 4_300_000 },
    lossless: { ref: 'https://cdn.example/t1.flac', codec: 'flac', bitrateKbps: null, sha256: sha, sizeBytes: 30_000_000 },
  },
  waveform: [0, 0.5, 1],
  lyrics: { type: 'synchronized', content: [{ timeMs: 0, text: 'Hello' }, { timeMs: 1500, text: 'again' }] },
  audioFeatures: { tempo: 118, key: 'F# minor', energy: 0.7, danceability: 0.6, acousticness: 0.1, valence: 0.4, loudness: -9.5 },
  mood: ['nocturnal'],
  statistics: { playCount: 10, likeCount: 2, saveCount: 1, shareCount: 0, reelUsageCount: 0 },
  pricing: { purchasePrice: 129, currency: 'USD', allowPurchase: true, allowReelUsage: true },
  createdAt: at,
  updatedAt: at,
};

describe('Track', () => {
  it('parses a complete track and normalises the ISRC', () => {
    const t = Track.parse(validTrack);
    expect(t.isrc).toBe('USRC17607839');
    expect(t.pricing.purchasePrice).toBe(129);
  });

  it('refuses fractional prices, dates without a time, and a track with no rendition', () => {
    expect(Track.safeParse({ ...validTrack, pricing: { ...validTrack.pricing, purchasePrice: 1.29 } }).success).toBe(false);
    expect(Track.safeParse({ ...validTrack, createdAt: '2024-05-01' }).success).toBe(false);
    expect(Track.safeParse({ ...validTrack, audioFiles: {} }).success).toBe(false);
  });

  it('requires a price when the track is for sale', () => {
    const free = { ...validTrack.pricing, purchasePrice: 0 };
    expect(Track.safeParse({ ...validTrack, pricing: free }).success).toBe(false);
    expect(Track.safeParse({ ...validTrack, pricing: { ...free, allowPurchase: false } }).success).toBe(true);
  });

  it('requires the lossless rendition to be FLAC', () => {
    const lossless = { ...validTrack.audioFiles.lossless, codec: 'mp3' };
    expect(Track.safeParse({ ...validTrack, audioFiles: { lossless } }).success).toBe(false);
  });
});

describe('Lyrics', () => {
  it('accepts static lyrics without times', () => {
    expect(Lyrics.safeParse({ type: 'static', content: [{ text: 'la la' }] }).success).toBe(true);
  });
  it('requires synchronized lines in time order', () => {
    const content = [{ timeMs: 2000, text: 'b' }, { timeMs: 1000, text: 'a' }];
    expect(Lyrics.safeParse({ type: 'synchronized', content }).success).toBe(false);
  });
});

describe('MusicalKey and Isrc', () => {
  it('accept one spelling only', () => {
    expect(MusicalKey.safeParse('Bb major').success).toBe(true);
    expect(MusicalKey.safeParse('bbm').success).toBe(false);
    expect(Isrc.safeParse('usrc17607839').success).toBe(true);
    expect(Isrc.safeParse('US-RC1-76-0783').success).toBe(false);
  });
});
