import type { CatalogTrack } from '@encore/shared/api/catalog';

let n = 0;
/** A released catalog track for tests; ids are valid, distinct UUIDs. */
export function catalogTrack(over: Partial<CatalogTrack> = {}): CatalogTrack {
  n += 1;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    title: `Track ${n}`,
    artistId: '00000000-0000-4000-8000-aaaaaaaaaaaa',
    artistName: 'Nova',
    albumId: null,
    trackNumber: null,
    durationMs: 180_000,
    genres: ['ambient'],
    tags: [],
    explicit: false,
    isrc: null,
    lyrics: null,
    price: 0,
    currency: 'USD',
    allowPurchase: false,
    allowReelUsage: true,
    status: 'ready',
    moderation: 'approved',
    waveform: [],
    loudness: null,
    renditions: [],
    playCount: 0,
    bpm: null,
    key: null,
    coverId: null,
    moderationReason: null,
    releasedAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}
