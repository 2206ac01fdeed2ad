import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../test/databases';
import { client, sharedProject, signUp, startSyncServer, synced, waitFor, type SyncTestServer } from '../test/syncClients';

/** The value of one series (name with its labels, as printed) in a Prometheus text page. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}

describeEachDatabase('sync metrics on /metrics', (db) => {
  let server: SyncTestServer;
  beforeAll(async () => {
    server = await startSyncServer(db(), { sync: { compactAfterUpdates: 5 } });
    // The stock client warns about the permission-denied message the viewer gets.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts documents, sockets, applied, relayed and dropped updates, flushes and compactions', async () => {
    const metrics = async () => (await fetch(`${server.url}/metrics`)).text();
    const before = await metrics();
    const alice = await signUp(server.url, 'met');
    const bob = await signUp(server.url, 'mev');
    const docId = await sharedProject(server.url, alice, [[bob, 'viewer']]);
    const writer = client(server.wsUrl, docId, alice.token);
    const viewer = client(server.wsUrl, docId, bob.token);
    try {
      await Promise.all([synced(writer), synced(viewer)]);
      const open = await metrics();
      expect(value(open, 'sync_documents_open')).toBe(1);
      expect(value(open, 'sync_sockets_open')).toBe(2);
      for (let i = 0; i < 12; i++) writer.doc.getArray('a').push([i]);
      await waitFor(() => viewer.doc.getArray('a').length === 12, 5_000, 'fan-out to the viewer');
      viewer.doc.getMap('m').set('nope', true);
      await waitFor(async () => value(await metrics(), 'sync_updates_dropped_total{reason="viewer"}') >= 1, 5_000, 'viewer drop counted');
      await server.sync.flush();
      await waitFor(async () => value(await metrics(), 'sync_compactions_total{outcome="ok"}') >= 1, 5_000, 'a compaction');
      const after = await metrics();
      expect(value(after, 'sync_updates_applied_total') - (value(before, 'sync_updates_applied_total') || 0)).toBeGreaterThanOrEqual(12);
      // Each of alice's 12 updates went to bob's socket.
      expect(value(after, 'sync_updates_relayed_total{to="sockets"}')).toBeGreaterThanOrEqual(12);
      expect(value(after, 'sync_flush_duration_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(value(after, 'sync_updates_pending')).toBe(0);
      expect(value(after, 'sync_log_rows')).toBeLessThan(12);
      expect(after).toContain('# TYPE sync_flush_duration_seconds histogram');
    } finally {
      writer.destroy();
      viewer.destroy();
    }
    await waitFor(async () => value(await metrics(), 'sync_sockets_open') === 0, 5_000, 'sockets gone');
  }, 30_000);
});
