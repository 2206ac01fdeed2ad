import { describe, expect, it } from 'vitest';
import { docKey, parseDocId } from './docIds';

const ID = '0b7c8f5e-6a3d-4c1b-9a2e-3f4d5c6b7a89';

describe('document ids', () => {
  it('parses every kind and keeps bare project ids', () => {
    expect(parseDocId(ID)).toEqual({ kind: 'project', id: ID });
    expect(parseDocId(`project:${ID}`)).toEqual({ kind: 'project', id: ID });
    expect(parseDocId(`playlist:${ID.toUpperCase()}`)).toEqual({ kind: 'playlist', id: ID });
    expect(parseDocId(`user:${ID}:library`)).toEqual({ kind: 'user-library', userId: ID });
  });

  it('refuses what names no document', () => {
    for (const bad of ['', 'x', `album:${ID}`, `user:${ID}`, `user:${ID}:likes`, `playlist:${ID}:x`, 'playlist:not-a-uuid', `project:${ID}x`]) {
      expect(parseDocId(bad), bad).toBeUndefined();
    }
  });

  it('has one key per document: a project under both spellings shares it', () => {
    expect(docKey(parseDocId(`project:${ID}`)!)).toBe(ID);
    expect(docKey(parseDocId(ID)!)).toBe(ID);
    expect(docKey(parseDocId(`playlist:${ID}`)!)).toBe(`playlist:${ID}`);
    expect(docKey(parseDocId(`user:${ID}:library`)!)).toBe(`user:${ID}:library`);
  });
});
