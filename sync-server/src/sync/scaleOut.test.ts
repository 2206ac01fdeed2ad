import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncCloseCode } from '@encore/shared/api/studio';
import { testServices } from '../../../scripts/test-env';
import { databaseKinds, scratchDatabase, type ScratchDatabase } from '../test/databases';
import { api, client, sameState, sharedProject, signUp, startSyncServer, synced, waitFor, type SyncTestServer } from '../test/syncClients';

const redisUrl = testServices().redisUrl;

function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}

// Two instances over one database and one Redis: PostgreSQL when available, like production.
if (redisUrl) {
  describe('two server instances relaying through real Redis', () => {
    const redisKeyPrefix = `encore:test:${randomBytes(6).toString('hex')}:`;
    let scratch: ScratchDatabase;
    let a: SyncTestServer;
    let b: SyncTestServer;
    beforeAll(async () => {
      scratch = await scratchDatabase(databaseKinds().includes('postgres') ? 'postgres' : 'pglite');
      const config = { redisUrl, redisKeyPrefix, jwtSecret: new TextEncoder().encode(randomBytes(32).toString('hex')) };
      a = await startSyncServer(scratch.handle, { config, sync: { reconcileIntervalMs: 300 } });
      b = await startSyncServer(scratch.handle, { config, sync: { reconcileIntervalMs: 300 } });
    });
    afterAll(async () => {
      await a.close();
      await b.close();
      await scratch.dispose();
    });

    it("A's client sees B's client's edits and awareness, and B's sees A's", async () => {
      const alice = await signUp(a.url, 'ra');
      const bob = await signUp(a.url, 'rb');
      const docId = await sharedProject(a.url, alice, [[bob, 'editor']]);
      const onA = client(a.wsUrl, docId, alice.token);
      const onB = client(b.wsUrl, docId, bob.token);
      try {
        await Promise.all([synced(onA), synced(onB)]);
        onA.doc.getText('t').insert(0, 'from A ');
        onB.doc.getMap('m').set('from', 'B');
        onB.provider.awareness.setLocalStateField('user', 'bob@B');
        onA.provider.awareness.setLocalStateField('user', 'alice@A');
        await waitFor(() => sameState(onA.doc, onB.doc) && onA.doc.getMap('m').get('from') === 'B' && onB.doc.getText('t').toString() === 'from A ', 5_000, 'cross-instance edits');
        const sees = (c: typeof onA, who: string) => [...c.provider.awareness.getStates().values()].some((s) => (s as { user?: string }).user === who);
        await waitFor(() => sees(onA, 'bob@B') && sees(onB, 'alice@A'), 5_000, 'cross-instance awareness');
      } finally {
        onA.destroy();
        onB.destroy();
      }
    });

    it('recovers messages lost while the subscriber was cut off, from PostgreSQL', async () => {
      const alice = await signUp(a.url, 'ha');
      const docId = await sharedProject(a.url, alice);
      const onA = client(a.wsUrl, docId, alice.token);
      const onB = client(b.wsUrl, docId, alice.token);
      const redis = new Redis(redisUrl);
      try {
        await Promise.all([synced(onA), synced(onB)]);
        onA.doc.getArray('a').push(['before']);
        await waitFor(() => onB.doc.getArray('a').length === 1);
        const name = b.sync.relayInfo?.subscriberName;
        const list = (await redis.client('LIST')) as string;
        const id = list
          .split('\n')
          .find((l) => l.includes(`name=${name} `))
          ?.match(/id=(\d+)/)?.[1];
        expect(id).toBeDefined();
        await redis.client('KILL', 'ID', id!);
        for (let i = 0; i < 50; i++) onA.doc.getArray('a').push([`during-${i}`]);
        await waitFor(() => onB.doc.getArray('a').length === 51 && sameState(onA.doc, onB.doc), 15_000, 'recovery after the Redis hiccup');
        // The hiccup and the recovery show on B's /metrics (the relayed updates can converge B
        // before the reconciliation they triggered has finished, so wait for it).
        const metricsOfB = async () => (await fetch(`${b.url}/metrics`)).text();
        await waitFor(async () => metricValue(await metricsOfB(), 'sync_reconciles_total{outcome="ok"}') > 0, 15_000, 'a reconciliation on B');
        expect(metricValue(await metricsOfB(), 'sync_relay_gaps_total')).toBeGreaterThan(0);
      } finally {
        await redis.quit();
        onA.destroy();
        onB.destroy();
      }
    });

    it('a removal made on A closes the member’s socket on B at once', async () => {
      const alice = await signUp(a.url, 'ma');
      const bob = await signUp(a.url, 'mb');
      const docId = await sharedProject(a.url, alice, [[bob, 'editor']]);
      const onB = client(b.wsUrl, docId, bob.token);
      try {
        await synced(onB);
        const res = await api(a.url, 'DELETE', `/api/studio/projects/${docId}/collaborators/${bob.userId}`, { token: alice.token });
        expect(res.status).toBe(204);
        await waitFor(() => onB.closes.some((c) => c.code === SyncCloseCode.FORBIDDEN), 3_000, 'removal close on B');
      } finally {
        onB.destroy();
      }
    });

    it('a collaborative playlist relays across instances, and a removal made on A closes the member’s socket on B', async () => {
      const alice = await signUp(a.url, 'pa');
      const bob = await signUp(a.url, 'pb');
      const created = await api<{ playlist: { id: string } }>(a.url, 'POST', '/api/playlists/collab', { token: alice.token, json: { name: 'Relay' } });
      const id = created.body.playlist.id;
      expect((await api(a.url, 'POST', `/api/playlists/collab/${id}/collaborators`, { token: alice.token, json: { username: bob.username, role: 'editor' } })).status).toBe(201);
      const onA = client(a.wsUrl, `playlist:${id}`, alice.token);
      const onB = client(b.wsUrl, `playlist:${id}`, bob.token);
      try {
        await Promise.all([synced(onA), synced(onB)]);
        onA.doc.getArray('a').push(['from A']);
        await waitFor(() => onB.doc.getArray('a').length === 1, 5_000, 'cross-instance playlist edit');
        expect((await api(a.url, 'DELETE', `/api/playlists/collab/${id}/collaborators/${bob.userId}`, { token: alice.token })).status).toBe(204);
        await waitFor(() => onB.closes.some((c) => c.code === SyncCloseCode.FORBIDDEN), 3_000, 'removal close on B');
      } finally {
        onA.destroy();
        onB.destroy();
      }
    });
  });
}
