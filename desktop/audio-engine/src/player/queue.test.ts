import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToQueue, advance, clear, currentEntry, emptyQueue, jump, move, playNext, playNow, previous, remove, setQueue, setRepeat, setShuffle, upNext, type Queue } from './queue';

const ids = (q: Queue) => q.entries.map((e) => e.trackId);
const cur = (q: Queue | null) => (q ? currentEntry(q)?.trackId : undefined);
const tracks = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

/** Plays `n` tracks by auto-advance from the current one; the ids in the order heard. */
function play(q: Queue, n: number, reason: 'auto' | 'skip' = 'auto'): string[] {
  const heard = [cur(q)!];
  let s: Queue | null = q;
  for (let i = 1; i < n && s; i++) {
    s = advance(s, reason).queue;
    if (s) heard.push(cur(s)!);
  }
  return heard;
}

describe('queue', () => {
  it('plays in order and stops at the end with repeat off', () => {
    const q = setQueue(emptyQueue(1), ['a', 'b', 'c'], 1);
    expect(cur(q)).toBe('b');
    const b = advance(q, 'auto').queue!;
    expect(cur(b)).toBe('c');
    expect(advance(b, 'auto').queue).toBeNull();
    expect(b.history).toEqual(['b']);
  });

  it('repeat one replays at the end of a track, while Next moves on', () => {
    const q = setRepeat(setQueue(emptyQueue(1), ['a', 'b']), 'one');
    expect(play(q, 4)).toEqual(['a', 'a', 'a', 'a']);
    expect(play(q, 4, 'skip')).toEqual(['a', 'b', 'a', 'b']);
  });

  it('repeat all wraps to the start; Previous wraps backwards', () => {
    const q = setRepeat(setQueue(emptyQueue(1), ['a', 'b', 'c']), 'all');
    expect(play(q, 7)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    expect(cur(previous(q))).toBe('c');
    expect(previous(setRepeat(q, 'off'))).toBeNull();
  });

  it('play next, add, play now, jump', () => {
    let q = setQueue(emptyQueue(1), ['a', 'b', 'c']);
    q = playNext(q, ['x', 'y']);
    expect(ids(q)).toEqual(['a', 'x', 'y', 'b', 'c']);
    q = addToQueue(q, ['z']);
    expect(ids(q)).toEqual(['a', 'x', 'y', 'b', 'c', 'z']);
    q = playNow(q, 'n');
    expect(cur(q)).toBe('n');
    expect(upNext(q).map((e) => e.trackId)).toEqual(['x', 'y', 'b', 'c', 'z']);
    expect(q.history).toEqual(['a']);
    q = jump(q, 5);
    expect(cur(q)).toBe('c');
  });

  it('reorders and removes around the current entry', () => {
    let q = setQueue(emptyQueue(1), ['a', 'b', 'c', 'd'], 1);
    q = move(q, 3, 0);
    expect(ids(q)).toEqual(['d', 'a', 'b', 'c']);
    expect(cur(q)).toBe('b');
    q = remove(q, [0, 2]);
    expect(ids(q)).toEqual(['a', 'c']);
    expect(cur(q)).toBe('c');
    q = clear(q);
    expect(ids(q)).toEqual(['c']);
    expect(cur(q)).toBe('c');
    expect(cur(addToQueue(emptyQueue(), ['a']))).toBe('a');
  });

  it('a shuffled queue can be unshuffled back to its order, with entries added meanwhile', () => {
    let q = setShuffle(setQueue(emptyQueue(5), tracks(10), 3), true);
    expect(cur(q)).toBe('t3');
    q = addToQueue(q, ['new']);
    q = setShuffle(q, false);
    expect(ids(q)).toEqual([...tracks(10), 'new']);
    expect(cur(q)).toBe('t3');
  });
});

describe('shuffle (properties)', () => {
  const size = fc.integer({ min: 1, max: 40 });
  const seed = fc.integer();

  it('plays every entry exactly once before the queue ends', () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const q = setShuffle(setQueue(emptyQueue(s), tracks(n)), true);
        const heard = play(q, n + 5);
        expect(heard).toHaveLength(n);
        expect(new Set(heard).size).toBe(n);
      }),
    );
  });

  it('with repeat all, every round of n plays is a permutation and rounds do not start with the track just heard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 25 }), seed, fc.integer({ min: 2, max: 4 }), (n, s, rounds) => {
        const q = setRepeat(setShuffle(setQueue(emptyQueue(s), tracks(n)), true), 'all');
        const heard = play(q, n * rounds);
        for (let r = 0; r < rounds; r++) expect(new Set(heard.slice(r * n, (r + 1) * n)).size).toBe(n);
        for (let r = 1; r < rounds; r++) expect(heard[r * n]).not.toBe(heard[r * n - 1]);
      }),
    );
  });

  it('is deterministic for a seed and keeps the current track current', () => {
    fc.assert(
      fc.property(size, seed, (n, s) => {
        const start = Math.floor(n / 2);
        const a = setShuffle(setQueue(emptyQueue(s), tracks(n), start), true);
        const b = setShuffle(setQueue(emptyQueue(s), tracks(n), start), true);
        expect(ids(a)).toEqual(ids(b));
        expect(cur(a)).toBe(`t${start}`);
      }),
    );
  });

  it('edits keep the queue a consistent multiset with a valid current entry', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('next' as const), n: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ k: fc.constant('add' as const), n: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ k: fc.constant('move' as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ k: fc.constant('remove' as const), a: fc.nat() }),
      fc.record({ k: fc.constant('shuffle' as const), on: fc.boolean() }),
      fc.record({ k: fc.constant('skip' as const) }),
    );
    fc.assert(
      fc.property(size, seed, fc.array(op, { maxLength: 30 }), (n, s, ops) => {
        let q = setQueue(emptyQueue(s), tracks(n));
        let added = 0;
        for (const o of ops) {
          const len = q.entries.length;
          if (o.k === 'next') q = playNext(q, Array.from({ length: o.n }, () => `x${added++}`));
          else if (o.k === 'add') q = addToQueue(q, Array.from({ length: o.n }, () => `x${added++}`));
          else if (o.k === 'move' && len) q = move(q, o.a % len, o.b % len);
          else if (o.k === 'remove' && len) q = remove(q, [o.a % len]);
          else if (o.k === 'shuffle') q = setShuffle(q, o.on);
          else if (o.k === 'skip') q = advance(q, 'skip').queue ?? q;
          const keys = q.entries.map((e) => e.key);
          expect(new Set(keys).size).toBe(keys.length);
          expect(q.pos).toBeLessThan(Math.max(q.entries.length, 1));
          expect(q.pos === -1).toBe(q.entries.length === 0);
          if (q.unshuffled) expect([...q.unshuffled].sort((x, y) => x - y)).toEqual([...keys].sort((x, y) => x - y));
        }
      }),
    );
  });
});
