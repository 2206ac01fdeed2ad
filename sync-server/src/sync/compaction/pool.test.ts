import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { unpackSnapshot } from '../snapshotCodec';
import { foldSnapshot } from './fold';
import { CompactionError, CompactionPool } from './pool';

const crashing = new URL('./testing/crashingWorker.fixture.ts', import.meta.url);

/** A document with inserts, deletions and a text, written as many updates. */
function history(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 200; i++) doc.getArray<string>('a').push([`${i}:${'x'.repeat(100)}`]);
  doc.getArray('a').delete(10, 50);
  for (let i = 0; i < 100; i++) doc.getText('t').insert(0, String(i % 10));
  doc.getMap('m').set('k', { deep: [1, 2, 3] });
  return { doc, updates };
}

describe('CompactionPool', () => {
  const pools: CompactionPool[] = [];
  const pool = (o: ConstructorParameters<typeof CompactionPool>[0] = {}) => {
    const p = new CompactionPool(o);
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('folds in a worker thread to exactly the bytes of the in-process fold, with or without a snapshot', async () => {
    const { doc, updates } = history();
    const p = pool();
    const base = foldSnapshot({ snapshot: undefined, updates: updates.slice(0, 150) });
    const expected = foldSnapshot({ snapshot: base.packed, updates: updates.slice(150) });
    const fromWorker = await p.fold({ snapshot: base.packed.slice(), updates: updates.slice(150).map((u) => u.slice()) });
    expect(fromWorker.sizeBytes).toBe(expected.sizeBytes);
    expect(Buffer.from(fromWorker.packed).equals(Buffer.from(expected.packed))).toBe(true);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, unpackSnapshot(fromWorker.packed));
    expect(loaded.getArray('a').toJSON()).toEqual(doc.getArray('a').toJSON());
    expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
  }, 60_000);

  it('hands whole input buffers over to the worker (transferred, not copied) and copies views into shared ones', async () => {
    const { updates } = history();
    const owned = updates.map((u) => u.slice());
    const shared = new Uint8Array(updates.reduce((n, u) => n + u.byteLength, 0));
    const views: Uint8Array[] = [];
    let at = 0;
    for (const u of updates) {
      shared.set(u, at);
      views.push(shared.subarray(at, at + u.byteLength));
      at += u.byteLength;
    }
    const p = pool();
    const a = await p.fold({ snapshot: undefined, updates: owned });
    expect(owned.every((u) => u.byteLength === 0)).toBe(true); // detached: moved to the worker
    const b = await p.fold({ snapshot: undefined, updates: views });
    expect(shared.byteLength).toBeGreaterThan(0); // the shared buffer is intact
    expect(Buffer.from(b.packed).equals(Buffer.from(a.packed))).toBe(true);
  }, 60_000);

  it('fails the fold of a corrupt update and keeps serving the next one', async () => {
    const p = pool();
    await expect(p.fold({ snapshot: undefined, updates: [Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)] })).rejects.toBeInstanceOf(CompactionError);
    const { updates } = history();
    expect((await p.fold({ snapshot: undefined, updates })).sizeBytes).toBeGreaterThan(0);
    expect(p.threads).toBe(1);
  }, 60_000);

  it('a worker that dies fails only its own fold; the next fold gets a new thread', async () => {
    const p = pool({ entry: crashing });
    const { updates } = history();
    const [dies, next] = await Promise.allSettled([p.fold({ snapshot: undefined, updates: [Uint8Array.of(0xff)] }), p.fold({ snapshot: undefined, updates })]);
    expect(dies.status).toBe('rejected');
    expect(String((dies as PromiseRejectedResult).reason)).toMatch(/worker stopped \(exit code 3\)/);
    expect(next.status).toBe('fulfilled');
  }, 60_000);

  it('refuses folds beyond its queue at once, and every fold once closed', async () => {
    const p = pool({ maxQueue: 2 });
    const { updates } = history();
    // Called in one go: all three wait (none is dispatched before the next tick).
    const first = p.fold({ snapshot: undefined, updates: updates.map((u) => u.slice()) });
    const second = p.fold({ snapshot: undefined, updates: updates.map((u) => u.slice()) });
    await expect(p.fold({ snapshot: undefined, updates })).rejects.toThrow(/queue is full/);
    await Promise.all([first, second]);
    await p.close();
    await expect(p.fold({ snapshot: undefined, updates })).rejects.toThrow(/closed/);
  }, 60_000);
});
