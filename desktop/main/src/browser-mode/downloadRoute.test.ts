import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadMediaUrl } from '@encore/shared/host/downloads';
import { HostEventBus } from '../common/hostEventBus';
import { openDatabase, type EncoreDatabase } from '../node/db/database';
import { tempDir } from '../node/db/testing';
import { silentLogger } from '../node/logger';
import { fileOf } from '../node/services/downloads/context';
import { EncryptedFileWriter, HEADER_SIZE } from '../node/services/downloads/crypto/chunkedFile';
import { DownloadsService } from '../node/services/downloads/DownloadsService';
import { startBrowserMode, type BrowserModeHandle } from './server';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  complete: boolean;
}

function get(port: number, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const done = (complete: boolean) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), complete });
      res.on('end', () => done(true));
      res.on('aborted', () => done(false));
      res.on('error', () => done(false));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('download media route', () => {
  const scratch = tempDir('encore-dl-route-');
  let db: EncoreDatabase;
  let svc: DownloadsService;
  let handle: BrowserModeHandle;
  let cookie: Record<string, string>;
  const plain = randomBytes(200_000);

  /** A finished download as the manager leaves it: encrypted file, wrapped key, row. */
  function seed(offlineUntil: number): string {
    const id = randomUUID();
    const key = randomBytes(32);
    const w = EncryptedFileWriter.open(fileOf(svc.ctx, id), key, id, { totalSize: plain.byteLength });
    w.append(plain);
    w.finish();
    w.close();
    db.sqlite
      .prepare(
        `INSERT INTO downloads (id, server_url, user_id, track_id, quality, title, artist, state, licence_id, offline_until, wrapped_key, codec, size_bytes, received_bytes, created_at, updated_at)
         VALUES (?, 's', 'u', ?, 'normal', 'T', 'A', 'done', ?, ?, ?, 'opus', ?, ?, 1, 1)`,
      )
      .run(id, randomUUID(), randomUUID(), offlineUntil, svc.ctx.master.wrap(key, id), plain.byteLength, plain.byteLength);
    return id;
  }

  beforeAll(async () => {
    db = openDatabase({ path: path.join(scratch.dir, 'encore.db') });
    svc = new DownloadsService({ db, events: new HostEventBus(), desktopDir: scratch.dir, syncServerUrl: () => 'http://127.0.0.1:9', session: async () => ({ state: 'signed-out' }), log: silentLogger() });
    handle = await startBrowserMode({
      router: { dispatch: () => Promise.resolve({ ok: false, error: { code: 'BAD_REQUEST', message: 'unused' } }) },
      events: new HostEventBus(),
      rendererDist: path.join(scratch.dir, 'no-dist'),
      port: 0,
      serverUrls: () => [],
      log: silentLogger(),
      downloads: (id) => svc.open(id),
    });
    cookie = { cookie: `encore_host_${handle.port}=${handle.token}` };
  });
  afterAll(async () => {
    await handle.close();
    await svc.dispose();
    db.dispose();
    scratch.cleanup();
  });

  it('needs the launch cookie', async () => {
    const id = seed(Date.now() + 86_400_000);
    expect((await get(handle.port, `/${downloadMediaUrl(id)}`)).status).toBe(401);
  });

  it('decrypts on the fly: whole file, ranges across chunks, HEAD and 416', async () => {
    const id = seed(Date.now() + 86_400_000);
    const url = `/${downloadMediaUrl(id)}`;
    const whole = await get(handle.port, url, cookie);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/ogg; codecs=opus');
    expect(whole.headers['content-length']).toBe(String(plain.byteLength));
    expect(whole.headers['cache-control']).toBe('private, no-store');
    expect(whole.body.equals(plain)).toBe(true);
    const part = await get(handle.port, url, { ...cookie, range: 'bytes=65000-131100' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 65000-131100/${plain.byteLength}`);
    expect(part.body.equals(plain.subarray(65000, 131101))).toBe(true);
    const tail = await get(handle.port, url, { ...cookie, range: 'bytes=-10' });
    expect(tail.body.equals(plain.subarray(plain.byteLength - 10))).toBe(true);
    const head = await get(handle.port, url, cookie, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    const bad = await get(handle.port, url, { ...cookie, range: `bytes=${plain.byteLength}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${plain.byteLength}`);
  });

  it('refuses an expired licence, an unknown id and a malformed path with a JSON error', async () => {
    const expired = seed(Date.now() - 1);
    const r = await get(handle.port, `/${downloadMediaUrl(expired)}`, cookie);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body.toString())).toEqual({ error: { code: 'LICENCE_EXPIRED', message: expect.stringMatching(/connect to the internet once/) } });
    const unknown = await get(handle.port, `/${downloadMediaUrl(randomUUID())}`, cookie);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString()).error.code).toBe('DOWNLOAD_NOT_FOUND');
    expect((await get(handle.port, '/media/download/..%2f..%2fencore.db', cookie)).status).toBe(400);
  });

  it('stops sending at a tampered chunk instead of passing altered audio on', async () => {
    const id = seed(Date.now() + 86_400_000);
    const fd = fs.openSync(fileOf(svc.ctx, id), 'r+');
    // Flip a byte inside the second chunk.
    fs.writeSync(fd, Buffer.from([0x55]), 0, 1, HEADER_SIZE + 12 + 65536 + 16 + 100);
    fs.closeSync(fd);
    const r = await get(handle.port, `/${downloadMediaUrl(id)}`, cookie);
    expect(r.status).toBe(200);
    expect(r.body.byteLength).toBeLessThan(plain.byteLength);
    expect(r.body.equals(plain.subarray(0, r.body.byteLength))).toBe(true);
    expect(r.body.byteLength).toBeLessThanOrEqual(65536);
  });
});
