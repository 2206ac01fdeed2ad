import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogMediaUrl } from '@encore/shared/host/media';
import { HostEventBus } from '../common/hostEventBus';
import { tempDir } from '../node/db/testing';
import { silentLogger } from '../node/logger';
import { startBrowserMode, type BrowserModeHandle } from './server';

const TRACK = randomUUID();
const audio = randomBytes(300_000);

/**
 * A stand-in for the sync-server's `GET /api/tracks/:id/stream`: Bearer token checked, one
 * `bytes=` range (206/416), and a "slow" mode that sends the first 64 KiB and holds the rest
 * until the test lets it go, as a real server does for a long file on a slow link.
 */
function upstream() {
  const seen: { path: string; auth: string | undefined; range: string | undefined }[] = [];
  let release: () => void = () => undefined;
  let closedEarly = 0;
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', auth: req.headers.authorization, range: req.headers.range });
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== 'Bearer good-token') return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'no' } }));
    if (url.pathname !== `/api/tracks/${TRACK}/stream`) return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'TRACK_NOT_FOUND', message: 'gone' } }));
    const base = { 'content-type': 'audio/ogg; codecs=opus', 'accept-ranges': 'bytes', 'x-encore-quality': url.searchParams.get('quality') ?? 'high', 'set-cookie': 'server=secret' };
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (req.headers.range && (!m || Number(m[1]) >= audio.byteLength)) return void res.writeHead(416, { ...base, 'content-range': `bytes */${audio.byteLength}`, 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'RANGE_NOT_SATISFIABLE', message: 'bad range' } }));
    const start = m ? Number(m[1]) : 0;
    const end = m && m[2] ? Math.min(Number(m[2]), audio.byteLength - 1) : audio.byteLength - 1;
    res.writeHead(m ? 206 : 200, { ...base, 'content-length': String(end - start + 1), ...(m ? { 'content-range': `bytes ${start}-${end}/${audio.byteLength}` } : {}) });
    const body = audio.subarray(start, end + 1);
    res.on('close', () => !res.writableFinished && closedEarly++);
    if (url.searchParams.get('quality') !== 'low') return void res.end(body);
    // Slow mode (asked with quality=low): the first 64 KiB now, the rest when released.
    res.write(body.subarray(0, 65536));
    release = () => res.end(body.subarray(65536));
  });
  return { server, seen, release: () => release(), closedEarly: () => closedEarly };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('catalog stream route (host proxy)', () => {
  const scratch = tempDir('encore-catalog-route-');
  const up = upstream();
  let upstreamUrl = 'http://127.0.0.1:9';
  let token: string | null = 'good-token';
  let handle: BrowserModeHandle;
  let cookie: Record<string, string>;

  beforeAll(async () => {
    await new Promise<void>((ok) => up.server.listen(0, '127.0.0.1', ok));
    upstreamUrl = `http://127.0.0.1:${(up.server.address() as AddressInfo).port}`;
    handle = await startBrowserMode({
      router: { dispatch: () => Promise.resolve({ ok: false, error: { code: 'BAD_REQUEST', message: 'unused' } }) },
      events: new HostEventBus(),
      rendererDist: path.join(scratch.dir, 'no-dist'),
      port: 0,
      serverUrls: () => [],
      log: silentLogger(),
      catalog: { syncServerUrl: () => `${upstreamUrl}/`, accessToken: async () => token },
    });
    cookie = { cookie: `encore_host_${handle.port}=${handle.token}` };
  });
  afterAll(async () => {
    await handle.close();
    up.server.closeAllConnections();
    await new Promise<void>((ok) => up.server.close(() => ok()));
    scratch.cleanup();
  });

  it('needs the launch cookie and refuses malformed paths', async () => {
    expect((await get(handle.port, `/${catalogMediaUrl(TRACK)}`)).status).toBe(401);
    expect((await get(handle.port, '/media/catalog/..%2f..%2fapi%2fme', cookie)).status).toBe(400);
    expect((await get(handle.port, `/media/catalog/${TRACK}?quality=ultra`, cookie)).status).toBe(400);
    expect(up.seen).toEqual([]);
  });

  it('forwards Range with the user token, passes 206/200/416 through and keeps server headers behind', async () => {
    const url = `/${catalogMediaUrl(TRACK)}`;
    const part = await get(handle.port, url, { ...cookie, range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${audio.byteLength}`);
    expect(part.headers['content-type']).toBe('audio/ogg; codecs=opus');
    expect(part.headers['cache-control']).toBe('private, no-store');
    expect(part.headers['set-cookie']).toBeUndefined();
    expect(part.body.equals(audio.subarray(1000, 2000))).toBe(true);
    expect(up.seen.at(-1)).toEqual({ path: `/api/tracks/${TRACK}/stream`, auth: 'Bearer good-token', range: 'bytes=1000-1999' });

    const whole = await get(handle.port, url, cookie);
    expect(whole.status).toBe(200);
    expect(whole.body.equals(audio)).toBe(true);

    const bad = await get(handle.port, url, { ...cookie, range: `bytes=${audio.byteLength}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${audio.byteLength}`);
    expect(JSON.parse(bad.body.toString()).error.code).toBe('RANGE_NOT_SATISFIABLE');

    const quality = await get(handle.port, `/${catalogMediaUrl(TRACK, 'high')}`, { ...cookie, range: 'bytes=0-9' });
    expect(quality.headers['x-encore-quality']).toBe('high');
    expect(up.seen.at(-1)?.path).toBe(`/api/tracks/${TRACK}/stream?quality=high`);
  });

  it('streams: the first bytes reach the player while the server is still sending', async () => {
    const first = await new Promise<{ bytes: number; rest: Promise<Buffer> }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: handle.port, path: `/${catalogMediaUrl(TRACK, 'low')}`, headers: { host: `127.0.0.1:${handle.port}`, range: 'bytes=0-', ...cookie } }, (res) => {
        const chunks: Buffer[] = [];
        let got = 0;
        const rest = new Promise<Buffer>((ok) => res.on('end', () => ok(Buffer.concat(chunks))));
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          got += c.byteLength;
          if (got >= 65536) resolve({ bytes: got, rest });
        });
      });
      req.on('error', reject);
      req.end();
    });
    // The upstream has not sent the rest yet: what arrived is exactly the first 64 KiB.
    expect(first.bytes).toBe(65536);
    up.release();
    expect((await first.rest).equals(audio)).toBe(true);
  });

  it('drops the upstream request when the player goes away (a seek or a skip)', async () => {
    const before = up.closedEarly();
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: handle.port, path: `/${catalogMediaUrl(TRACK, 'low')}`, headers: { host: `127.0.0.1:${handle.port}`, ...cookie } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('close', () => resolve());
      req.end();
      setTimeout(() => reject(new Error('no data')), 10_000);
    });
    await expect.poll(() => up.closedEarly(), { timeout: 10_000 }).toBe(before + 1);
  });

  it('answers 401 when signed out, the server’s 404 for an unknown track, and 503 OFFLINE when the server is down', async () => {
    token = null;
    const out = await get(handle.port, `/${catalogMediaUrl(TRACK)}`, cookie);
    expect(out.status).toBe(401);
    expect(JSON.parse(out.body.toString()).error.code).toBe('UNAUTHENTICATED');
    token = 'good-token';
    const missing = await get(handle.port, `/${catalogMediaUrl(randomUUID())}`, cookie);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).error.code).toBe('TRACK_NOT_FOUND');
    const saved = upstreamUrl;
    upstreamUrl = 'http://127.0.0.1:9';
    const down = await get(handle.port, `/${catalogMediaUrl(TRACK)}`, cookie);
    upstreamUrl = saved;
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body.toString()).error.code).toBe('OFFLINE');
  });
});
