import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { packSnapshot, unpackSnapshot } from './snapshotCodec';

describe('snapshotCodec: compressed snapshots, bare ones still read', () => {
  const doc = new Y.Doc();
  doc.getArray<string>('a').push(Array.from({ length: 2000 }, (_, i) => `clip ${i % 50} ${'x'.repeat(100)}`));
  doc.getMap('m').set('title', 'Night drive');
  const update = Y.encodeStateAsUpdate(doc);

  it('packs smaller and unpacks to the same bytes', () => {
    const packed = packSnapshot(update);
    expect(packed.byteLength).toBeLessThan(update.byteLength / 5);
    expect(Buffer.from(unpackSnapshot(packed)).equals(Buffer.from(update))).toBe(true);
  });

  it('reads a snapshot stored before compression as it is', () => {
    expect(unpackSnapshot(update)).toBe(update);
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(unpackSnapshot(empty)).toBe(empty);
  });

  it('refuses a marked snapshot whose body is damaged, rather than loading garbage', () => {
    const packed = packSnapshot(update);
    expect(() => unpackSnapshot(packed.subarray(0, packed.byteLength >> 1))).toThrow();
  });
});
