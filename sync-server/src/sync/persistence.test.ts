import { count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { docSnapshots, docUpdates, studioProjects } from '../db/schema/index';
import { describeEachDatabase } from '../test/databases';
import { DocStore } from './persistence';

const log = pino({ level: 'silent' });

describeEachDatabase('DocStore: group commit, load, compaction', (db) => {
  async function project(): Promise<string> {
    const now = new Date();
    const [row] = await db().db.insert(studioProjects).values({ name: 'p', createdAt: now, updatedAt: now }).returning();
    return row!.id;
  }
  const rows = async (docId: string) => (await db().db.select({ n: count() }).from(docUpdates).where(eq(docUpdates.docId, docId)))[0]?.n ?? 0;

  it('writes updates in batches within the delay and loads them back', async () => {
    const docId = await project();
    const flushed: number[] = [];
    const store = new DocStore({ db: db().db, log, flushDelayMs: 30, flushMaxUpdates: 100, onFlushed: (_d, n) => flushed.push(n) });
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => store.append(docId, u));
    for (let i = 0; i < 250; i++) doc.getArray('a').push([i]);
    await store.flush();
    expect(await rows(docId)).toBe(250);
    // 250 updates in a few batches, not 250 round trips.
    expect(flushed.length).toBeLessThanOrEqual(5);
    const loaded = await store.load(docId);
    expect(loaded.doc.getArray('a').toJSON()).toEqual(doc.getArray('a').toJSON());
    expect(loaded.logRows).toBe(250);
    await store.close();
  });

  it('compaction folds the log into the snapshot from stored rows, and the state is unchanged', async () => {
    const docId = await project();
    const store = new DocStore({ db: db().db, log, flushDelayMs: 5, flushMaxUpdates: 50 });
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => store.append(docId, u));
    for (let i = 0; i < 120; i++) doc.getText('t').insert(0, String(i % 10));
    doc.getText('t').delete(0, 30);
    await store.flush();
    expect(await store.compact(docId)).toBe(121);
    expect(await rows(docId)).toBe(0);
    doc.getMap('m').set('after', 1);
    await store.flush();
    const loaded = await store.load(docId);
    expect(loaded.logRows).toBe(1);
    expect(loaded.doc.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(loaded.doc.getMap('m').get('after')).toBe(1);
    const [snap] = await db().db.select().from(docSnapshots).where(eq(docSnapshots.docId, docId));
    expect(snap?.mergedUpdates).toBe(121);
    await store.close();
  });

  it('drops the updates of a deleted document without holding back the others', async () => {
    const gone = await project();
    const kept = await project();
    const store = new DocStore({ db: db().db, log, flushDelayMs: 1_000, flushMaxUpdates: 100 });
    const a = new Y.Doc();
    a.getText('t').insert(0, 'x');
    const b = new Y.Doc();
    b.getText('t').insert(0, 'y');
    store.append(gone, Y.encodeStateAsUpdate(a));
    store.append(kept, Y.encodeStateAsUpdate(b));
    await db().db.delete(studioProjects).where(eq(studioProjects.id, gone));
    await store.flush();
    expect(await rows(kept)).toBe(1);
    expect(store.pendingCount).toBe(0);
    await store.close();
  });
  it('a compacted big document loads back to the identical state, from one stored snapshot', async () => {
    const docId = await project();
    const store = new DocStore({ db: db().db, log, flushDelayMs: 5, flushMaxUpdates: 50 });
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => store.append(docId, u));
    const item = 'x'.repeat(1024);
    // ~8 MB in 1 MB updates, with deletions and a text, so the delete set matters too.
    for (let i = 0; i < 8; i++) doc.getArray<string>('a').push(Array.from({ length: 1024 }, (_, k) => `${i}:${k}:${item}`));
    doc.getArray('a').delete(100, 500);
    doc.getText('t').insert(0, 'big');
    await store.flush();
    const snap = (d: Y.Doc) => Buffer.from(Y.encodeSnapshot(Y.snapshot(d)));
    const fromLog = await store.load(docId);
    expect(fromLog.logRows).toBe(10);
    expect(fromLog.encoded).toBeUndefined();
    expect(snap(fromLog.doc).equals(snap(doc))).toBe(true);
    fromLog.doc.destroy();

    expect(await store.compact(docId)).toBe(10);
    expect(await rows(docId)).toBe(0);
    const loaded = await store.load(docId);
    expect(loaded.logRows).toBe(0);
    expect(snap(loaded.doc).equals(snap(doc))).toBe(true);
    expect(loaded.doc.getArray('a').length).toBe(8 * 1024 - 500);
    expect(loaded.doc.getArray('a').get(100)).toBe(doc.getArray('a').get(100));
    expect(loaded.doc.getText('t').toString()).toBe('big');
    // The stored snapshot is the whole state encoded: served as is to a client that has nothing.
    expect(loaded.encoded).toBeDefined();
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, loaded.encoded!);
    expect(snap(fresh).equals(snap(doc))).toBe(true);
    expect(loaded.bytes).toBe(loaded.encoded!.byteLength);
    loaded.doc.destroy();
    await store.close();
  }, 60_000);
});
