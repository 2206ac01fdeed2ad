import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HostEventBus } from '../../../common/hostEventBus';
import { silentLogger } from '../../logger';
import { ConnectivityService } from './ConnectivityService';

async function healthServer(): Promise<{ url: string; up: boolean; close(): Promise<void> }> {
  const state = { up: true };
  const server = http.createServer((_req, res) => {
    res.writeHead(state.up ? 200 : 503).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, { url, close: () => new Promise<void>((r) => server.close(() => r())) });
}

describe('ConnectivityService', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('reports transitions once each and polls back to online', async () => {
    const srv = await healthServer();
    cleanup.push(srv.close);
    const events = new HostEventBus();
    const seen: string[] = [];
    events.on('connectivity.changed', (c) => seen.push(c.syncServer));
    const svc = new ConnectivityService({ syncServerUrl: () => srv.url, events, log: silentLogger(), onlineIntervalMs: 20, minBackoffMs: 20, maxBackoffMs: 40 });
    cleanup.push(() => svc.dispose());

    expect((await svc.check()).syncServer).toBe('online');
    await svc.check();
    srv.up = false;
    expect((await svc.check()).syncServer).toBe('offline');
    srv.up = true;
    await expect.poll(() => svc.current().syncServer, { timeout: 2000 }).toBe('online');
    expect(seen).toEqual(['online', 'offline', 'online']);
  });

  it('is offline when nothing listens, with a short timeout', async () => {
    const events = new HostEventBus();
    const svc = new ConnectivityService({ syncServerUrl: () => 'http://127.0.0.1:9', events, log: silentLogger(), timeoutMs: 500 });
    cleanup.push(() => svc.dispose());
    const started = Date.now();
    expect((await svc.check()).syncServer).toBe('offline');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('backs off while offline', async () => {
    let calls = 0;
    const failingFetch = (() => {
      calls++;
      return Promise.reject(new TypeError('fetch failed'));
    }) as typeof fetch;
    const svc = new ConnectivityService({ syncServerUrl: () => 'http://x', events: new HostEventBus(), log: silentLogger(), fetch: failingFetch, minBackoffMs: 30, maxBackoffMs: 1000 });
    cleanup.push(() => svc.dispose());
    svc.start();
    // Delays 30, 60, 120, 240...: in 400 ms at most 5 attempts, where a fixed 30 ms poll would make ~13.
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(5);
  });

  it('stops polling on dispose', async () => {
    let calls = 0;
    const f = (() => {
      calls++;
      return Promise.reject(new TypeError('down'));
    }) as typeof fetch;
    const svc = new ConnectivityService({ syncServerUrl: () => 'http://x', events: new HostEventBus(), log: silentLogger(), fetch: f, minBackoffMs: 10 });
    await svc.check();
    svc.dispose();
    const after = calls;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(after);
  });
});
