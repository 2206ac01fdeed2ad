import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobFile, serveBlob } from './blobRoute';

const root = mkdtempSync(path.join(tmpdir(), 'encore-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const hash = 'ab'.repeat(32);
const log = { debug: () => undefined } as never;

describe('the /media/blob/<sha256> route', () => {
  it('maps only well-formed hashes into the blob folder', () => {
    expect(blobFile(`/media/blob/${hash}`, root)).toBe(path.join(root, 'ab', hash));
    for (const bad of ['/media/blob/../../etc/passwd', `/media/blob/${hash.toUpperCase()}`, `/media/blob/${hash}/x`, '/media/blob/', '/media/library/x']) expect(blobFile(bad, root)).toBeNull();
  });

  it('serves the bytes with an immutable ETag, 404 for an absent blob, 400 for a bad hash', async () => {
    mkdirSync(path.join(root, 'ab'), { recursive: true });
    writeFileSync(path.join(root, 'ab', hash), 'RIFF-bytes');
    const server = http.createServer((req, res) => void serveBlob(req, res, req.url ?? '/', root, log));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await fetch(`${base}/media/blob/${hash}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('RIFF-bytes');
      expect((await fetch(`${base}/media/blob/${hash}`, { headers: { 'If-None-Match': ok.headers.get('etag')! } })).status).toBe(304);
      expect((await fetch(`${base}/media/blob/${'cd'.repeat(32)}`)).status).toBe(404);
      expect((await fetch(`${base}/media/blob/nothex`)).status).toBe(400);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });
});
