import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { describeEachDatabase } from '../test/databases';
import { client, content, sameState, sharedProject, signUp, startSyncServer, synced, waitFor, type Client, type SyncTestServer } from '../test/syncClients';

type Edit =
  | { t: 'map-set'; key: string; value: number | string }
  | { t: 'map-delete'; key: string }
  | { t: 'array-insert'; at: number; values: number[] }
  | { t: 'array-delete'; at: number; len: number }
  | { t: 'text-insert'; at: number; text: string }
  | { t: 'text-delete'; at: number; len: number };

const key = fc.constantFrom('a', 'b', 'c', 'd');
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ t: fc.constant('map-set' as const), key, value: fc.oneof(fc.integer(), fc.string({ maxLength: 6 })) }),
  fc.record({ t: fc.constant('map-delete' as const), key }),
  fc.record({ t: fc.constant('array-insert' as const), at: fc.nat(20), values: fc.array(fc.integer(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ t: fc.constant('array-delete' as const), at: fc.nat(20), len: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ t: fc.constant('text-insert' as const), at: fc.nat(30), text: fc.string({ minLength: 1, maxLength: 5 }) }),
  fc.record({ t: fc.constant('text-delete' as const), at: fc.nat(30), len: fc.integer({ min: 1, max: 4 }) }),
);

/** Applies an edit with positions clamped to the document as this client sees it. */
function apply(doc: Y.Doc, e: Edit): void {
  const map = doc.getMap('m');
  const arr = doc.getArray<number>('a');
  const text = doc.getText('t');
  switch (e.t) {
    case 'map-set':
      map.set(e.key, e.value);
      return;
    case 'map-delete':
      return map.delete(e.key);
    case 'array-insert':
      return arr.insert(Math.min(e.at, arr.length), e.values);
    case 'array-delete': {
      const at = Math.min(e.at, arr.length);
      return arr.delete(at, Math.min(e.len, arr.length - at));
    }
    case 'text-insert':
      return text.insert(Math.min(e.at, text.length), e.text);
    case 'text-delete': {
      const at = Math.min(e.at, text.length);
      return text.delete(at, Math.min(e.len, text.length - at));
    }
  }
}

describeEachDatabase(
  'convergence after divergent offline edits',
  (db) => {
    let server: SyncTestServer;
    beforeAll(async () => {
      server = await startSyncServer(db());
    });
    afterAll(async () => {
      await server.close();
    });

    for (const peers of [2, 3]) {
      it(`${peers} clients converge to the same state, which the server stores (property)`, async () => {
        const owner = await signUp(server.url, 'own');
        const others = await Promise.all(Array.from({ length: peers - 1 }, () => signUp(server.url, 'peer')));
        await fc.assert(
          fc.asyncProperty(fc.array(fc.array(edit, { maxLength: 8 }), { minLength: peers, maxLength: peers }), fc.array(edit, { maxLength: 4 }), async (offline, online) => {
            const docId = await sharedProject(server.url, owner, others.map((o) => [o, 'editor'] as const).map(([o, r]) => [o, r]));
            const tokens = [owner.token, ...others.map((o) => o.token)];
            const clients: Client[] = tokens.map((t) => client(server.wsUrl, docId, t));
            try {
              await Promise.all(clients.map((c) => synced(c)));
              // A shared starting point, then everyone goes offline and edits alone.
              clients[0]?.doc.getText('t').insert(0, 'seed');
              await waitFor(() => clients.every((c) => c.doc.getText('t').toString() === 'seed'));
              for (const c of clients) c.provider.disconnect();
              clients.forEach((c, i) => offline[i]?.forEach((e) => apply(c.doc, e)));
              for (const c of clients) c.provider.connect();
              online.forEach((e) => clients[peers - 1] && apply(clients[peers - 1]!.doc, e));
              await waitFor(() => clients.every((c) => c.provider.synced && sameState(c.doc, clients[0]!.doc)), 10_000, 'convergence');
              await server.sync.flush();
              const late = client(server.wsUrl, docId, owner.token);
              await synced(late);
              expect(content(late.doc)).toEqual(content(clients[0]!.doc));
              expect(sameState(late.doc, clients[0]!.doc)).toBe(true);
              late.destroy();
            } finally {
              for (const c of clients) c.destroy();
            }
          }),
          { numRuns: 12 },
        );
      }, 120_000);
    }
  },
  { truncate: false },
);
