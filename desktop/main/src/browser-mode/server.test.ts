import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HostReplyFrame } from '@encore/shared/host/contract';
import { loadConfig } from '../node/config';
import { tempDir } from '../node/db/testing';
import { createProcedures } from '../node/host/procedures';
import { createRouter } from '../node/host/router';
import { silentLogger } from '../node/logger';
import { PASSWORD, startFakeAuthServer, type FakeAuthServer } from '../node/services/account/fakeAuthServer';
import { createHostServices, type HostServices } from '../node/services/hostServices';
import { startBrowserMode, type BrowserModeHandle } from './server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, because fetch would normalise `..` in the path before sending it. */
function get(port: number, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode', () => {
  const tmp = tempDir();
  const dist = path.join(tmp.dir, 'dist');
  let auth: FakeAuthServer;
  let services: HostServices;
  let handle: BrowserModeHandle;
  let cookie: string;

  beforeAll(async () => {
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Encore</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'top secret');
    auth = await startFakeAuthServer();
    const config = loadConfig({ ENCORE_DATA_DIR: path.join(tmp.dir, 'data'), ENCORE_SYNC_URL: auth.url, ENCORE_RENDERER_DIST: dist });
    services = createHostServices(config, silentLogger());
    const router = createRouter(createProcedures(services, 'browser'), silentLogger());
    handle = await startBrowserMode({ router, events: services.events, rendererDist: dist, port: 0, serverUrls: () => [services.settings.get().syncServerUrl, services.settings.get().mediaServerUrl], log: silentLogger() });
    cookie = `encore_host_${handle.port}=${handle.token}`;
  });
  afterAll(async () => {
    await handle.close();
    await services.dispose();
    await auth.close();
    tmp.cleanup();
  });

  describe('the launch token', () => {
    it('sets an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
      const r = await get(handle.port, `/?token=${handle.token}`);
      expect(r.status).toBe(302);
      expect(r.headers.location).toBe('/');
      expect(r.headers['set-cookie']?.[0]).toBe(`${cookie}; HttpOnly; SameSite=Strict; Path=/`);
      expect(handle.url).toBe(`http://127.0.0.1:${handle.port}/?token=${handle.token}`);
    });

    it('refuses a wrong token and asks for it on the app shell', async () => {
      expect((await get(handle.port, '/?token=guess')).status).toBe(403);
      expect((await get(handle.port, '/')).status).toBe(401);
      expect((await get(handle.port, '/library')).status).toBe(401);
      expect((await get(handle.port, '/', { cookie: `encore_host_${handle.port}=${'x'.repeat(handle.token.length)}` })).status).toBe(401);
    });

    it('refuses a foreign Host header (DNS rebinding)', async () => {
      expect((await get(handle.port, '/', { cookie, host: `evil.example:${handle.port}` })).status).toBe(400);
    });
  });

  describe('static files', () => {
    it('serves the app with the cookie, with CSP and security headers', async () => {
      const r = await get(handle.port, '/', { cookie });
      expect(r.status).toBe(200);
      expect(r.body).toContain('<title>Encore</title>');
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-cache');
      const csp = r.headers['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${handle.port} ${auth.url} ${auth.url.replace('http', 'ws')} http://127.0.0.1:8788 ws://127.0.0.1:8788`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    });

    it('serves built assets without the cookie, cached forever', async () => {
      const r = await get(handle.port, '/assets/app-1a2b.js');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(r.headers['cache-control']).toContain('immutable');
      expect((await get(handle.port, '/assets/app-1a2b.js', {}, 'HEAD')).headers['content-length']).toBe('14');
    });

    it('falls back to index.html for client routes and 404s missing files', async () => {
      expect((await get(handle.port, '/studio/project/1', { cookie })).body).toContain('<title>Encore</title>');
      expect((await get(handle.port, '/assets/nope.js', { cookie })).status).toBe(404);
    });

    it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/index.html%00', `/${'%2e%2e/'.repeat(8)}etc/passwd`])(
      'refuses traversal %s',
      async (p) => {
        const r = await get(handle.port, p, { cookie });
        expect([400, 404]).toContain(r.status);
        expect(r.body).not.toContain('top secret');
      },
    );

    it('refuses absolute paths outside the build', async () => {
      const r = await get(handle.port, `/${path.join(tmp.dir, 'secret.txt')}`, { cookie });
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('top secret');
    });

    it('refuses methods other than GET and HEAD', async () => {
      expect((await get(handle.port, '/', { cookie }, 'POST')).status).toBe(405);
    });
  });

  describe('the host socket', () => {
    const origin = () => `http://127.0.0.1:${handle.port}`;
    const wsUrl = () => `ws://127.0.0.1:${handle.port}/host`;

    function refusal(headers: Record<string, string>): Promise<number> {
      return new Promise((resolve) => {
        const ws = new WebSocket(wsUrl(), { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => undefined);
      });
    }

    async function connect() {
      const ws = new WebSocket(wsUrl(), { headers: { origin: origin(), cookie } });
      const frames: HostReplyFrame[] = [];
      ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as HostReplyFrame));
      await new Promise((r, j) => ws.once('open', r).once('error', j));
      let next = 1;
      const call = async (method: string, params?: unknown) => {
        const id = next++;
        ws.send(JSON.stringify({ v: 1, id, method, params }));
        await expect.poll(() => frames.find((f) => 'id' in f && f.id === id)).toBeTruthy();
        return frames.find((f) => 'id' in f && f.id === id);
      };
      return { ws, frames, call };
    }

    it('refuses the upgrade without the cookie, from a foreign origin, or with no origin', async () => {
      expect(await refusal({ origin: origin() })).toBe(401);
      expect(await refusal({ origin: 'http://evil.example', cookie })).toBe(403);
      expect(await refusal({ origin: `http://localhost:${handle.port}`, cookie })).toBe(403);
      expect(await refusal({ cookie })).toBe(403);
      expect(await refusal({ origin: origin(), cookie })).toBe(101);
    });

    it('answers app.info and settings.update, and pushes events', async () => {
      const { ws, frames, call } = await connect();
      expect(await call('app.info')).toMatchObject({ ok: true, value: { name: 'Encore', transport: 'browser', protocolVersion: 1, syncServerUrl: auth.url } });
      expect(await call('settings.update', { theme: 'light' })).toMatchObject({ ok: true, value: { theme: 'light' } });
      expect(await call('settings.get')).toMatchObject({ ok: true, value: { theme: 'light' } });
      expect(await call('settings.update', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

      await call('connectivity.check');
      await expect.poll(() => frames.find((f) => 'event' in f && f.event === 'connectivity.changed')).toMatchObject({ payload: { syncServer: 'online' } });

      await call('account.signUp', { email: 'ada@example.com', username: 'ada', password: PASSWORD });
      await expect.poll(() => frames.find((f) => 'event' in f && f.event === 'session.changed')).toMatchObject({ payload: { state: 'signed-in', user: { username: 'ada' } } });
      expect(JSON.stringify(frames)).not.toContain('"refreshToken"');
      ws.close();
    });

    it('answers a bad frame with an error and closes on an unanswerable one, that socket only', async () => {
      const a = await connect();
      const b = await connect();
      a.ws.send(JSON.stringify({ v: 2, id: 7, method: 'app.info' }));
      await expect.poll(() => a.frames[0]).toMatchObject({ id: 7, ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await a.call('no.such.method')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const closed = new Promise<number>((r) => a.ws.once('close', (code) => r(code)));
      a.ws.send('{not json');
      expect(await closed).toBe(1007);
      expect(await b.call('app.info')).toMatchObject({ ok: true });
      b.ws.close();
    });

    it('closes a socket that sends more than the frame limit', async () => {
      const { ws } = await connect();
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      ws.send(JSON.stringify({ v: 1, id: 1, method: 'app.info', params: 'x'.repeat(1024 * 1024 + 10) }));
      expect(await closed).toBe(1009);
    });
  });
});

describe('browser mode without a build', () => {
  it('answers 503 telling to run npm run build', async () => {
    const tmp = tempDir();
    const { HostEventBus } = await import('../common/hostEventBus');
    const events = new HostEventBus();
    const router = createRouter({} as never, silentLogger());
    const handle = await startBrowserMode({ router, events, rendererDist: path.join(tmp.dir, 'missing'), port: 0, serverUrls: () => [], log: silentLogger() });
    const r = await get(handle.port, '/');
    expect(r.status).toBe(503);
    expect(r.body).toContain('npm run build');
    await handle.close();
    expect(events.listenerCount).toBe(0);
    tmp.cleanup();
  });
});
