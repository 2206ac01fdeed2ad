import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docSnapshots, docUpdates } from '../db/schema/index';
import { describeEachDatabase } from '../test/databases';
import { unpackSnapshot } from './snapshotCodec';
import { client, sharedProject, signUp, startSyncServer, synced, waitFor, type SyncTestServer } from '../test/syncClients';

describeEachDatabase(
  'compaction keeps the log bounded and the load one read',
  (db) => {
    let server: SyncTestServer;
    beforeAll(async () => {
      server = await startSyncServer(db(), { sync: { idleUnloadMs: 200 } });
    });
    afterAll(async () => {
      await server.close();
    });
    const logRows = async (id: string) => (await db().db.select({ n: count() }).from(docUpdates).where(eq(docUpdates.docId, id)))[0]?.n ?? 0;

    it('compacts a log that outweighs its snapshot, folds the rest when the document goes idle, and reloads identical', async () => {
      const alice = await signUp(server.url, 'alice');
      const id = await sharedProject(server.url, alice);
      const a = client(server.wsUrl, id, alice.token);
      const item = 'y'.repeat(1024);
      try {
        await synced(a);
        // 6 updates of ~1 MB: well under 500 rows, but more log bytes than snapshot bytes.
        for (let i = 0; i < 6; i++) {
          a.doc.getArray<string>('a').push(Array.from({ length: 1024 }, () => item));
          await waitFor(() => (a.provider.ws?.bufferedAmount ?? 0) === 0, 10_000, 'sent');
        }
        await server.sync.flush();
        await waitFor(async () => (await db().db.select({ n: count() }).from(docSnapshots).where(eq(docSnapshots.docId, id)))[0]!.n === 1, 20_000, 'a compaction by size');
      } finally {
        a.destroy();
      }
      // Idle: unloaded, then the log is folded into the snapshot.
      await waitFor(async () => server.sync.stats().documents === 0 && (await logRows(id)) === 0, 30_000, 'the log folded after unload');
      const b = client(server.wsUrl, id, alice.token);
      try {
        await synced(b);
        await waitFor(() => b.doc.getArray('a').length === 6 * 1024, 20_000, 'the reloaded document');
        expect(b.doc.getArray('a').get(6 * 1024 - 1)).toBe(item);
        const [snap] = await db().db.select({ state: docSnapshots.state }).from(docSnapshots).where(eq(docSnapshots.docId, id));
        const stored = new Y.Doc();
        Y.applyUpdate(stored, unpackSnapshot(snap!.state));
        // Stored compressed: a fraction of the document's size.
        expect(snap!.state.byteLength).toBeLessThan(Y.encodeStateAsUpdate(stored).byteLength / 4);
        expect(Buffer.from(Y.encodeStateVector(stored)).equals(Buffer.from(Y.encodeStateVector(b.doc)))).toBe(true);
      } finally {
        b.destroy();
      }
    }, 90_000);
  },
  { truncate: false },
);
