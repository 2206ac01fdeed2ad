import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { docSnapshots, docUpdates, studioProjects } from '../../db/schema/index';
import { describeEachDatabase } from '../../test/databases';
import { DocLoadError, DocStore } from '../persistence';
import { foldSnapshot } from './fold';
import { CompactionPool, inProcessCompactor } from './pool';

const crashing = new URL('./testing/crashingWorker.fixture.ts', import.meta.url);

/** A logger whose error and info lines the test can read. */
function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { level: number; msg: string });
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

describeEachDatabase('DocStore compaction in a worker thread', (db) => {
  async function project(): Promise<string> {
    const now = new Date();
    const [row] = await db().db.insert(studioProjects).values({ name: 'p', createdAt: now, updatedAt: now }).returning();
    return row!.id;
  }
  const rows = async (docId: string) => (await db().db.select({ n: count() }).from(docUpdates).where(eq(docUpdates.docId, docId)))[0]?.n ?? 0;
  const snapshotRow = async (docId: string) => (await db().db.select().from(docSnapshots).where(eq(docSnapshots.docId, docId)))[0];
  const state = (d: Y.Doc) => Buffer.from(Y.encodeSnapshot(Y.snapshot(d)));

  /** Writes a document with a history through a store and returns the writer's replica. */
  async function written(store: DocStore, docId: string, n: number): Promise<Y.Doc> {
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => store.append(docId, u));
    for (let i = 0; i < n; i++) doc.getArray<string>('a').push([`${i}:${'z'.repeat(200)}`]);
    doc.getArray('a').delete(0, Math.floor(n / 4));
    doc.getText('t').insert(0, 'hello');
    await store.flush();
    return doc;
  }

  it('stores exactly the snapshot the in-process fold makes', async () => {
    const [a, b] = [await project(), await project()];
    const { log } = capturedLog();
    const inWorker = new DocStore({ db: db().db, log, flushDelayMs: 5, flushMaxUpdates: 50 });
    const inProcess = new DocStore({ db: db().db, log, flushDelayMs: 5, flushMaxUpdates: 50, compactor: inProcessCompactor });
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => {
      inWorker.append(a, u);
      inProcess.append(b, u);
    });
    for (let i = 0; i < 300; i++) doc.getArray<string>('a').push([`${i}`]);
    await Promise.all([inWorker.flush(), inProcess.flush()]);
    expect(await inWorker.compact(a)).toBe(300);
    expect(await inProcess.compact(b)).toBe(300);
    doc.getArray('a').delete(0, 100);
    await Promise.all([inWorker.flush(), inProcess.flush()]);
    expect(await inWorker.compact(a)).toBe(1);
    expect(await inProcess.compact(b)).toBe(1);
    const [sa, sb] = [await snapshotRow(a), await snapshotRow(b)];
    expect(Buffer.from(sa!.state).equals(Buffer.from(sb!.state))).toBe(true);
    expect(sa!.sizeBytes).toBe(sb!.sizeBytes);
    expect(sa!.mergedUpdates).toBe(301);
    const loaded = await inWorker.load(a);
    expect(state(loaded.doc).equals(state(doc))).toBe(true);
    await Promise.all([inWorker.close(), inProcess.close()]);
  }, 60_000);

  it('a worker that dies during a compaction loses nothing: the log and snapshot stay, the document loads, and the retry folds it', async () => {
    const docId = await project();
    const flag = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'encore-crash-')), 'crash-once');
    const { log, lines } = capturedLog();
    // A worker copies the environment when it starts: set before the pool spawns one.
    process.env.ENCORE_TEST_CRASH_ONCE = flag;
    const pool = new CompactionPool({ entry: crashing });
    const store = new DocStore({ db: db().db, log, flushDelayMs: 5, flushMaxUpdates: 50, compactor: pool, compactRetryMs: [200] });
    const doc = await written(store, docId, 120);
    expect(await store.compact(docId)).toBe(122);
    const before = await snapshotRow(docId);
    doc.getText('t').insert(5, ' world');
    await store.flush();
    try {
      fs.writeFileSync(flag, '');
      await expect(store.compact(docId)).rejects.toThrow(/worker stopped \(exit code 3\)/);
      // Nothing written: the same snapshot row, the log row still there, the whole state loads.
      expect(await rows(docId)).toBe(1);
      const after = await snapshotRow(docId);
      expect(Buffer.from(after!.state).equals(Buffer.from(before!.state))).toBe(true);
      expect(after!.mergedUpdates).toBe(before!.mergedUpdates);
      const loaded = await store.load(docId);
      expect(state(loaded.doc).equals(state(doc))).toBe(true);
      loaded.doc.destroy();
      // Retried later by the store itself, on a new thread.
      await expect.poll(() => rows(docId), { timeout: 20_000 }).toBe(0);
      await expect.poll(() => lines.some((l) => l.msg === 'sync: compaction retried and done'), { timeout: 5_000 }).toBe(true);
      const reloaded = await store.load(docId);
      expect(reloaded.logRows).toBe(0);
      expect(state(reloaded.doc).equals(state(doc))).toBe(true);
    } finally {
      delete process.env.ENCORE_TEST_CRASH_ONCE;
      await store.close();
      await pool.close();
    }
  }, 60_000);

  it('a corrupt row fails its compaction (logged by the retry) without touching the stored state or other documents', async () => {
    const [bad, good] = [await project(), await project()];
    const { log, lines } = capturedLog();
    const store = new DocStore({ db: db().db, log, flushDelayMs: 5, flushMaxUpdates: 50, compactRetryMs: [100] });
    await written(store, bad, 50);
    const goodDoc = await written(store, good, 50);
    await db().db.insert(docUpdates).values({ docId: bad, update: Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f) });
    const logged = await rows(bad);
    await expect(store.compact(bad)).rejects.toThrow(/fold failed/);
    expect(await rows(bad)).toBe(logged);
    expect(await snapshotRow(bad)).toBeUndefined();
    await expect.poll(() => lines.some((l) => l.level >= 50 && l.msg.startsWith('sync: compaction retry failed')), { timeout: 10_000 }).toBe(true);
    expect(await rows(bad)).toBe(logged);
    // As before the pool: a document whose stored state does not apply is refused, not served half.
    await expect(store.load(bad)).rejects.toBeInstanceOf(DocLoadError);
    // The same store (and its worker) still folds the others.
    expect(await store.compact(good)).toBe(52);
    const loaded = await store.load(good);
    expect(state(loaded.doc).equals(state(goodDoc))).toBe(true);
    await store.close();
  }, 60_000);

  it('writes nothing when the document was deleted while its log was being folded', async () => {
    const docId = await project();
    const { log } = capturedLog();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const started = new Promise<void>((r) => (entered = r));
    // Holds the fold until the rows are gone, as a slow worker would.
    const slow = { concurrency: 1, close: () => Promise.resolve(), fold: async (input: Parameters<typeof foldSnapshot>[0]) => (entered(), await gate, foldSnapshot(input)) };
    const store = new DocStore({ db: db().db, log, flushDelayMs: 5, flushMaxUpdates: 50, compactor: slow, compactRetryMs: [] });
    await written(store, docId, 20);
    const compaction = store.compact(docId);
    await started;
    await db().db.delete(docUpdates).where(eq(docUpdates.docId, docId));
    release();
    // The second transaction sees rows gone, writes nothing, reads again and finds no log.
    expect(await compaction).toBe(0);
    expect(await snapshotRow(docId)).toBeUndefined();
    await store.close();
  }, 60_000);

  it('folds one document at a time per worker slot, and refuses compactions beyond the queue (their logs intact)', async () => {
    const docs = [await project(), await project(), await project(), await project(), await project()];
    const { log } = capturedLog();
    let running = 0;
    let most = 0;
    const counting = {
      concurrency: 1,
      close: () => Promise.resolve(),
      fold: async (input: Parameters<typeof foldSnapshot>[0]) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        return foldSnapshot(input);
      },
    };
    const store = new DocStore({ db: db().db, log, flushDelayMs: 5, flushMaxUpdates: 50, compactor: counting, maxQueuedCompactions: 2, compactRetryMs: [] });
    for (const d of docs) await written(store, d, 10);
    const outcomes = await Promise.allSettled(docs.map((d) => store.compact(d)));
    expect(most).toBe(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<number>).value)).toEqual([12, 12, 12]);
    const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [docs[i]!] : []));
    expect(refused).toHaveLength(2);
    for (const d of refused) expect(await rows(d)).toBe(12);
    await store.close();
  }, 60_000);
});
