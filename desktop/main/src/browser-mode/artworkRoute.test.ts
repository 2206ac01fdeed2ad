import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artworkUrl } from '@encore/shared/host/library';
import { HostEventBus } from '../common/hostEventBus';
import { silentLogger } from '../node/logger';
import { makeAudio, makePicture } from '../node/services/library/testing/audioFixtures';
import { libraryHarness, type Harness } from '../node/services/library/testing/libraryHarness';
import { startBrowserMode, type BrowserModeHandle } from './server';

function get(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
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

describe('artwork route', () => {
  let h: Harness;
  let handle: BrowserModeHandle;
  let cookie: Record<string, string>;
  let hash: string;

  beforeAll(async () => {
    h = libraryHarness();
    // A 300x200 JPEG: the thumbnail must come out square and at the requested size.
    const cover = path.join(h.root, 'cover-src.jpg');
    await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 40, b: 40 } } }).jpeg().toFile(cover);
    await makeAudio(h.music, { file: 'Album/01.mp3', format: 'mp3', tags: { title: 'One', album: 'Red' }, cover });
    await makePicture(path.join(h.music, 'Other', 'cover.png'), 'blue');
    await makeAudio(h.music, { file: 'Other/01.flac', format: 'flac', tags: { title: 'Two', album: 'Blue' } });
    h.library.addFolder(h.music);
    await h.library.scan();
    hash = h.library.albums({}).items.find((a) => a.album === 'Red')!.artworkHash!;
    handle = await startBrowserMode({
      router: { dispatch: () => Promise.resolve({ ok: false, error: { code: 'BAD_REQUEST', message: 'unused' } }) },
      events: new HostEventBus(),
      rendererDist: path.join(h.root, 'no-dist'),
      port: 0,
      serverUrls: () => [],
      log: silentLogger(),
      artwork: h.library.thumbnails,
    });
    cookie = { cookie: `encore_host_${handle.port}=${handle.token}` };
  });
  afterAll(async () => {
    await handle.close();
    await h.dispose();
  });

  it('serves a square WebP thumbnail of an embedded cover, cached on disk and immutable', async () => {
    const r = await get(handle.port, `/${artworkUrl(hash, 128)}`, cookie);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/webp');
    expect(r.headers['cache-control']).toContain('immutable');
    const meta = await sharp(r.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 128, 128]);
    const cached = path.join(h.library.artwork.dir, 'thumbs', '128', hash.slice(0, 2), `${hash}.webp`);
    expect(fs.readFileSync(cached).equals(r.body)).toBe(true);
    // A second request is answered from the cache file, unchanged.
    const mtime = fs.statSync(cached).mtimeMs;
    const again = await get(handle.port, `/${artworkUrl(hash, 128)}`, cookie);
    expect(again.body.equals(r.body)).toBe(true);
    expect(fs.statSync(cached).mtimeMs).toBe(mtime);
    const notModified = await get(handle.port, `/${artworkUrl(hash, 128)}`, { ...cookie, 'if-none-match': r.headers.etag! });
    expect(notModified.status).toBe(304);
  });

  it('serves folder covers (cover.png) too', async () => {
    const blue = h.library.albums({}).items.find((a) => a.album === 'Blue')!.artworkHash!;
    const r = await get(handle.port, `/${artworkUrl(blue, 64)}`, cookie);
    expect(r.status).toBe(200);
    const { data } = await sharp(r.body).raw().toBuffer({ resolveWithObject: true });
    expect(data[2]).toBeGreaterThan(200); // blue
  });

  it('refuses requests without the launch cookie, bad sizes and unknown covers', async () => {
    expect((await get(handle.port, `/${artworkUrl(hash, 128)}`)).status).toBe(401);
    expect((await get(handle.port, `/media/artwork/100/${hash}`, cookie)).status).toBe(400);
    expect((await get(handle.port, `/media/artwork/128/../../etc/passwd`, cookie)).status).toBe(400);
    expect((await get(handle.port, `/${artworkUrl('0'.repeat(64), 128)}`, cookie)).status).toBe(404);
  });

  it('answers 404 for a stored cover that is not a readable image', async () => {
    const junk = h.library.artwork.put(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(50, 7)]), 'image/jpeg')!;
    expect((await get(handle.port, `/${artworkUrl(junk, 64)}`, cookie)).status).toBe(404);
  });
});
