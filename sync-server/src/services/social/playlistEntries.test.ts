import { describe, expect, it } from 'vitest';
import { moveBlock } from './playlistEntries';

describe('moveBlock', () => {
  const list = ['a', 'b', 'c', 'd', 'e'];
  it('moves one entry forward and back', () => {
    expect(moveBlock(list, 0, 2, 1)).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(moveBlock(list, 4, 0, 1)).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(moveBlock(list, 2, 2, 1)).toEqual(list);
  });
  it('moves a block so it starts at `to` afterwards', () => {
    expect(moveBlock(list, 1, 3, 2)).toEqual(['a', 'd', 'e', 'b', 'c']);
    expect(moveBlock(list, 3, 0, 2)).toEqual(['d', 'e', 'a', 'b', 'c']);
  });
  it('refuses a move past the end', () => {
    expect(() => moveBlock(list, 4, 0, 2)).toThrow(/past the end/);
    expect(() => moveBlock(list, 0, 4, 2)).toThrow(/past the end/);
  });
});
