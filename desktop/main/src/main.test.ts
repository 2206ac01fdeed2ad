import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from './node/db/testing';
import { silentLogger } from './node/logger';
import { runHost } from './main';

describe('runHost', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('starts browser mode with a fixed token, prints the URL, and releases everything on close', async () => {
    const dist = path.join(tmp.dir, 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
    const token = 'e2e-known-token-0123456789';
    const lines: string[] = [];
    const host = await runHost({
      env: { ENCORE_DATA_DIR: path.join(tmp.dir, 'data'), ENCORE_HOST_PORT: '0', ENCORE_HOST_TOKEN: token, ENCORE_RENDERER_DIST: dist, ENCORE_SYNC_URL: 'http://127.0.0.1:9' },
      transport: 'browser',
      logger: silentLogger(),
      print: (l) => lines.push(l),
    });
    expect(host.transport).toBe('browser');
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`));
    expect(lines).toEqual([`Encore is running in browser mode. Open ${host.url}`]);
    expect(fs.existsSync(path.join(tmp.dir, 'data', 'desktop', 'encore.db'))).toBe(true);

    const origin = new URL(host.url ?? '').origin;
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/host`, { headers: { origin, cookie: `encore_host_${new URL(origin).port}=${token}` } });
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    const closed = new Promise((r) => ws.once('close', r));

    await host.close();
    await closed;
    expect(host.services.db.sqlite.open).toBe(false);
    expect(host.services.events.listenerCount).toBe(0);
    await expect(fetch(origin)).rejects.toThrow();
    await host.close(); // idempotent
  });

  it('refuses a database from a newer Encore with a clear error and leaves nothing open', async () => {
    const data = path.join(tmp.dir, 'newer');
    fs.mkdirSync(path.join(data, 'desktop'), { recursive: true });
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(path.join(data, 'desktop', 'encore.db'));
    raw.pragma('user_version = 999');
    raw.close();
    await expect(runHost({ env: { ENCORE_DATA_DIR: data, ENCORE_HOST_PORT: '0' }, transport: 'browser', logger: silentLogger(), print: () => undefined })).rejects.toThrow(/created by a newer Encore/);
  });
});
