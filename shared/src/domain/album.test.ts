import { describe, expect, it } from 'vitest';
import { Album } from './album';

const at = '2024-05-01T12:00:00Z';
const album = {
  id: 'al1',
  title: 'Afterglow',
  artistId: 'a1',
  releaseDate: at,
  albumType: 'ep',
  genres: ['house'],
  coverArt: { small: 'blob:sha256-s', medium: 'blob:sha256-m', large: 'blob:sha256-l' },
  trackIds: ['t1', 't2', 't3'],
  totalDurationMs: 700_000,
  label: 'Self-released',
  copyright: '℗ 2024 Someone',
  statistics: { playCount: 0, saveCount: 0 },
  createdAt: at,
  updatedAt: at,
};

describe('Album', () => {
  it('keeps the running order', () => {
    expect(Album.parse(album).trackIds).toEqual(['t1', 't2', 't3']);
  });
  it('refuses a repeated track, an unknown album type and a negative duration', () => {
    expect(Album.safeParse({ ...album, trackIds: ['t1', 't1'] }).success).toBe(false);
    expect(Album.safeParse({ ...album, albumType: 'mixtape' }).success).toBe(false);
    expect(Album.safeParse({ ...album, totalDurationMs: -1 }).success).toBe(false);
  });
  it('allows missing cover art', () => {
    expect(Album.safeParse({ ...album, coverArt: null }).success).toBe(true);
  });
});
