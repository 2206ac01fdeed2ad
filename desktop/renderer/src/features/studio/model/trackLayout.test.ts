import { describe, expect, it } from 'vitest';
import { dropIndex, dropLineY, layoutTracks } from './trackLayout';

describe('track layout', () => {
  const tracks = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('stacks each track with its shown automation lanes under it', () => {
    const { bands, height } = layoutTracks(tracks, { a: ['volume', 'pan'], c: ['volume'] }, 68, 56);
    expect(bands.map((b) => [b.id, b.top, b.height])).toEqual([
      ['a', 0, 180],
      ['b', 180, 68],
      ['c', 248, 124],
    ]);
    expect(bands[0]?.lanes).toEqual([
      { key: 'volume', top: 68, height: 56 },
      { key: 'pan', top: 124, height: 56 },
    ]);
    expect(height).toBe(372);
  });

  it('drops a dragged track at the gap nearest the pointer, counted among the other tracks', () => {
    const { bands } = layoutTracks(tracks, {}, 68, 56);
    expect(dropIndex(bands, 10, 'c')).toBe(0);
    expect(dropIndex(bands, 100, 'a')).toBe(0);
    expect(dropIndex(bands, 110, 'a')).toBe(1);
    expect(dropIndex(bands, 500, 'a')).toBe(2);
    expect(dropLineY(bands, 1, 'a')).toBe(136);
    expect(dropLineY(bands, 2, 'a')).toBe(204);
  });
});
