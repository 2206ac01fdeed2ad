import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaUrl } from '@encore/shared/host/media';
import { HostEventBus } from '../common/hostEventBus';
import { silentLogger } from '../node/logger';
import { libraryHarness, type Harness } from '../node/services/library/testing/libraryHarness';
import { libraryMediaResolver, parseRange } from './mediaRoute';
import { startBrowserMode, type BrowserModeHandle } from './server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Raw HTTP, so `..` and encoded slashes reach the server exactly as written. */
function get(port: number, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A mono 16-bit WAV of a ramp, so every byte offset has a known value. */
function wav(frames: number): Buffer {
  const b = Buffer.alloc(44 + frames * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + frames * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(frames * 2, 40);
  for (let i = 0; i < frames; i++) b.writeInt16LE((i % 2000) - 1000, 44 + i * 2);
  return b;
}

describe('media route', () => {
  let h: Harness;
  let handle: BrowserModeHandle;
  let cookie: Record<string, string>;
  let id: string;
  let bytes: Buffer;

  beforeAll(async () => {
    h = libraryHarness();
    fs.mkdirSync(h.music, { recursive: true });
    bytes = wav(8000);
    fs.writeFileSync(path.join(h.music, 'tone.wav'), bytes);
    fs.writeFileSync(path.join(h.root, 'secret.txt'), 'top secret');
    h.library.addFolder(h.music);
    await h.library.scan();
    id = h.library.songs({}).items[0]!.id;
    handle = await startBrowserMode({
      router: { dispatch: () => Promise.resolve({ ok: false, error: { code: 'BAD_REQUEST', message: 'unused' } }) },
      events: new HostEventBus(),
      rendererDist: path.join(h.root, 'no-dist'),
      port: 0,
      serverUrls: () => [],
      log: silentLogger(),
      media: libraryMediaResolver(h.library),
    });
    cookie = { cookie: `encore_host_${handle.port}=${handle.token}` };
  });
  afterAll(async () => {
    await handle.close();
    await h.dispose();
  });

  const url = () => `/${mediaUrl(id)}`;

  it('streams the whole file with its type, length and an ETag', async () => {
    const r = await get(handle.port, url(), cookie);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('audio/wav');
    expect(r.headers['content-length']).toBe(String(bytes.length));
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers.etag).toMatch(/^"[0-9a-f]{16}-/);
    expect(r.body.equals(bytes)).toBe(true);
    const head = await get(handle.port, url(), cookie, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers ranges with 206 and Content-Range, suffix and open ranges included', async () => {
    const r = await get(handle.port, url(), { ...cookie, range: 'bytes=100-199' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(r.body.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await get(handle.port, url(), { ...cookie, range: 'bytes=-10' });
    expect(tail.headers['content-range']).toBe(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
    expect(tail.body.equals(bytes.subarray(-10))).toBe(true);
    const open = await get(handle.port, url(), { ...cookie, range: `bytes=${bytes.length - 5}-` });
    expect(open.body.equals(bytes.subarray(-5))).toBe(true);
    const past = await get(handle.port, url(), { ...cookie, range: `bytes=0-${bytes.length + 1000}` });
    expect(past.status).toBe(206);
    expect(past.body.length).toBe(bytes.length);
  });

  it('answers 416 for a range past the end, and 304 for a matching ETag', async () => {
    const r = await get(handle.port, url(), { ...cookie, range: `bytes=${bytes.length}-` });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${bytes.length}`);
    const first = await get(handle.port, url(), cookie);
    const again = await get(handle.port, url(), { ...cookie, 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const stale = await get(handle.port, url(), { ...cookie, range: 'bytes=0-9', 'if-range': '"stale"' });
    expect(stale.status).toBe(200);
  });

  it('needs the launch cookie', async () => {
    expect((await get(handle.port, url())).status).toBe(401);
    expect((await get(handle.port, url(), { cookie: `encore_host_${handle.port}=wrong` })).status).toBe(401);
  });

  it('accepts only a 64-hex id known to the library, never a path', async () => {
    const attempts = [
      '/media/library/../../secret.txt',
      '/media/library/..%2F..%2Fsecret.txt',
      '/media/library/%2e%2e/%2e%2e/secret.txt',
      `/media/library/${id}/../../secret.txt`,
      `/media/library/${id.toUpperCase()}`,
      `/media/library/${id}x`,
      '/media/library/',
      '/media/library/tone.wav',
    ];
    for (const p of attempts) {
      const r = await get(handle.port, p, cookie);
      expect(r.status, p).toBe(400);
      expect(r.body.toString()).not.toContain('top secret');
    }
    expect((await get(handle.port, `/media/library/${'0'.repeat(64)}`, cookie)).status).toBe(404);
  });

  it('stops serving a track whose file is gone', async () => {
    const other = path.join(h.music, 'gone.wav');
    fs.writeFileSync(other, wav(100));
    await h.library.scan();
    const gone = h.library.songs({}).items.find((t) => t.relPath === 'gone.wav')!.id;
    fs.rmSync(other);
    expect((await get(handle.port, `/${mediaUrl(gone)}`, cookie)).status).toBe(404);
  });
});

describe('parseRange', () => {
  it('parses single byte ranges and ignores what it cannot serve', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual([0, 0]);
    expect(parseRange('bytes=5-', 10)).toEqual([5, 9]);
    expect(parseRange('bytes=-3', 10)).toEqual([7, 9]);
    expect(parseRange('bytes=-30', 10)).toEqual([0, 9]);
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 10)).toBeNull();
    expect(parseRange('bytes=0-1,3-4', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
    expect(parseRange('bytes=-', 10)).toBeNull();
  });
});
