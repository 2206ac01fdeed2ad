import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIdGenerator, seededRandomBytes } from '../project/ids';
import { PlaylistDoc, type NewEntry } from './playlistDoc';

const ALICE = { userId: '0b7c8f5e-6a3d-4c1b-9a2e-3f4d5c6b7a89', username: 'alice' };
const BOB = { userId: '1c8d9f6a-7b4e-4d2c-8b3f-405e6d7c8b9a', username: 'bob' };

function entry(n: number, by = ALICE): NewEntry {
  return { track: { kind: 'local', sha256: n.toString(16).padStart(64, '0') }, title: `Song ${n}`, artist: 'Band', addedBy: by, addedAt: new Date(1_700_000_000_000 + n).toISOString() };
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

type Op = { who: 0 | 1; kind: 'add'; at: number } | { who: 0 | 1; kind: 'move'; pick: number; to: number } | { who: 0 | 1; kind: 'remove'; pick: number } | { kind: 'sync' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ who: fc.constantFrom(0 as const, 1 as const), kind: fc.constant('add' as const), at: fc.nat(20) }),
  fc.record({ who: fc.constantFrom(0 as const, 1 as const), kind: fc.constant('move' as const), pick: fc.nat(50), to: fc.nat(20) }),
  fc.record({ who: fc.constantFrom(0 as const, 1 as const), kind: fc.constant('remove' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('sync' as const) }),
);

describe('playlist document', () => {
  it('adds, moves and removes entries, keeping who added what', () => {
    const pl = new PlaylistDoc(new Y.Doc());
    pl.setInfo({ name: 'Road trip', description: 'loud' });
    const a = pl.add(entry(1));
    const b = pl.add(entry(2, BOB));
    const c = pl.add(entry(3), 0);
    expect(pl.view().entries.map((e) => e.id)).toEqual([c, a, b]);
    pl.move(c, 2);
    expect(pl.view().entries.map((e) => e.id)).toEqual([a, b, c]);
    pl.remove(a);
    const v = pl.view();
    expect(v).toMatchObject({ name: 'Road trip', description: 'loud' });
    expect(v.entries.map((e) => [e.title, e.addedBy.username])).toEqual([['Song 2', 'bob'], ['Song 3', 'alice']]);
    expect(() => pl.add({ ...entry(4), track: { kind: 'local', sha256: 'nope' } })).toThrow();
  });

  it('adds and moves between entries that got the same order key concurrently (found by fast-check)', () => {
    const docs = [new Y.Doc(), new Y.Doc()] as const;
    const [a, b] = docs.map((d) => new PlaylistDoc(d));
    const first = b!.add(entry(1, BOB), 0);
    const second = a!.add(entry(2), 0);
    exchange(docs[0], docs[1]);
    const third = a!.add(entry(3), 1);
    a!.move(first, 1);
    exchange(docs[0], docs[1]);
    expect(a!.view().entries).toEqual(b!.view().entries);
    expect(new Set(a!.view().entries.map((e) => e.id))).toEqual(new Set([first, second, third]));
  });

  it('two replicas editing concurrently converge to one list without duplicates', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer(), (ops, seed) => {
        const docs = [new Y.Doc(), new Y.Doc()] as const;
        const pls = [new PlaylistDoc(docs[0], createIdGenerator(seededRandomBytes(seed))), new PlaylistDoc(docs[1], createIdGenerator(seededRandomBytes(seed + 1)))];
        const added = new Set<string>();
        const removed = new Set<string>();
        let n = 0;
        for (const o of ops) {
          if (o.kind === 'sync') {
            exchange(docs[0], docs[1]);
            continue;
          }
          const pl = pls[o.who] as PlaylistDoc;
          const list = pl.view().entries;
          if (o.kind === 'add') added.add(pl.add(entry(n++, o.who === 0 ? ALICE : BOB), o.at));
          else if (list.length === 0) continue;
          else if (o.kind === 'move') pl.move((list[o.pick % list.length] as { id: string }).id, o.to);
          else {
            const id = (list[o.pick % list.length] as { id: string }).id;
            removed.add(id);
            pl.remove(id);
          }
        }
        exchange(docs[0], docs[1]);
        const [va, vb] = pls.map((p) => p.view().entries);
        expect(va).toEqual(vb);
        const ids = (va ?? []).map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...added].filter((id) => !removed.has(id))));
        // The raw array holds no stale copies either: a move never duplicates an entry.
        expect(docs[0].getArray('entries').length).toBe(ids.length);
      }),
      { numRuns: 300 },
    );
  });
});
