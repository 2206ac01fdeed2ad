import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { AlbumResponse, TrackResponse } from '@encore/shared/api/catalog';
import { CoverResponse } from '@encore/shared/api/catalogReleases';
import { expectError, registerAccount } from '../../test/accounts';
import { sineWav } from '../../test/audio';
import { artistAccount, catalogApp, publish } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';
import { coverFor } from '../../services/catalog/covers';

const run = promisify(execFile);

// Real transcoding and a fresh database per suite: minutes on a loaded 2-core machine, not a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
let tmp: string;
let wav: Buffer;
let png: Buffer;
let jpeg: Buffer;
beforeAll(async () => {
  tmp = await fs.promises.mkdtemp('/tmp/encore-cover-');
  wav = await sineWav(tmp, 2);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=800x500', '-frames:v', '1', path.join(tmp, 'a.png')]);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x640', '-frames:v', '1', path.join(tmp, 'b.jpg')]);
  png = await fs.promises.readFile(path.join(tmp, 'a.png'));
  jpeg = await fs.promises.readFile(path.join(tmp, 'b.jpg'));
});
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

/** A tiny valid PNG whose header claims `edge`×`edge` pixels: a decompression bomb's shape. */
function pngClaiming(edge: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(edge, 0);
  ihdr.writeUInt32BE(edge, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(edge + 1))), chunk('IEND', Buffer.alloc(0))]);
}

async function probe(bytes: ArrayBuffer): Promise<{ codec_name: string; width: number; height: number }> {
  const file = path.join(tmp, `probe-${Math.random()}`);
  await fs.promises.writeFile(file, Buffer.from(bytes));
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'json', file]);
  return (JSON.parse(stdout) as { streams: { codec_name: string; width: number; height: number }[] }).streams[0]!;
}

describeEachDatabase('catalog cover art', (db) => {
  it(
    'stores covers content-addressed with square JPEG thumbnails, serves them cached, and attaches them to tracks and albums',
    async () => {
      const { t, dispose } = await catalogApp(db());
      try {
        const ada = await artistAccount(t);
        const upload = (body: Buffer, type = 'image/png', token = ada.accessToken) => Promise.resolve(t.app.request('/api/covers', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body }, { incoming: { socket: { remoteAddress: '203.0.113.7' } } } as never));
        const res = await upload(png);
        expect(res.status, await res.clone().text()).toBe(201);
        const { cover } = CoverResponse.parse(await res.json());
        expect(cover).toMatchObject({ contentType: 'image/png', width: 800, height: 500, sizeBytes: png.byteLength });
        // The same bytes again: the same cover.
        expect(CoverResponse.parse(await (await upload(png)).json()).cover.id).toBe(cover.id);

        for (const [size, edge] of [['300', 300], ['600', 600]] as const) {
          const got = await t.call('GET', `/api/covers/${cover.id}?size=${size}`);
          expect(got.status).toBe(200);
          expect(got.headers.get('content-type')).toBe('image/jpeg');
          expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
          expect(await probe(await got.arrayBuffer())).toMatchObject({ codec_name: 'mjpeg', width: edge, height: edge });
          const etag = got.headers.get('etag')!;
          expect((await t.call('GET', `/api/covers/${cover.id}?size=${size}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
        }
        const original = await t.call('GET', `/api/covers/${cover.id}?size=original`);
        expect(original.headers.get('content-type')).toBe('image/png');
        expect(Buffer.from(await original.arrayBuffer()).equals(png)).toBe(true);
        await expectError(await t.call('GET', `/api/covers/${cover.id}?size=9000`), 400, 'VALIDATION_FAILED');
        await expectError(await t.call('GET', `/api/covers/${'0'.repeat(64)}`), 404, 'NOT_FOUND');
        await expectError(await t.call('GET', '/api/covers/..%2F..%2Fetc%2Fpasswd'), 400, 'VALIDATION_FAILED');

        const track = await publish(t, ada.accessToken, wav, { title: 'Covered' });
        const album = AlbumResponse.parse(await (await t.call('POST', '/api/albums', { token: ada.accessToken, json: { title: 'Covers', albumType: 'single' } })).json()).album;
        await t.call('POST', `/api/albums/${album.id}/tracks`, { token: ada.accessToken, json: { trackId: track.id } });
        const second = CoverResponse.parse(await (await upload(jpeg, 'image/jpeg')).json()).cover;
        const withAlbumCover = await t.call('PATCH', `/api/albums/${album.id}`, { token: ada.accessToken, json: { coverId: second.id } });
        expect(AlbumResponse.parse(await withAlbumCover.json()).album.coverId).toBe(second.id);
        // A track without its own cover shows its album's.
        expect(TrackResponse.parse(await (await t.call('GET', `/api/tracks/${track.id}`)).json()).track.coverId).toBe(second.id);
        expect((await coverFor(t.services.db, t.services.catalog, { trackId: track.id }, '300'))?.contentType).toBe('image/jpeg');
        expect((await coverFor(t.services.db, t.services.catalog, { albumId: album.id }, 'original'))?.contentType).toBe('image/jpeg');
        const own = await t.call('PATCH', `/api/tracks/${track.id}`, { token: ada.accessToken, json: { coverId: cover.id } });
        expect(TrackResponse.parse(await own.json()).track.coverId).toBe(cover.id);
        const file = await coverFor(t.services.db, t.services.catalog, { trackId: track.id }, 'original');
        expect(file && (await fs.promises.readFile(file.path)).equals(png)).toBe(true);
        // Hidden releases give no cover to others, but do to their artist.
        await t.call('POST', `/api/tracks/${track.id}/unpublish`, { token: ada.accessToken });
        expect(await coverFor(t.services.db, t.services.catalog, { trackId: track.id }, '300')).toBeNull();
        expect(await coverFor(t.services.db, t.services.catalog, { trackId: track.id }, '300', ada.user.id)).not.toBeNull();
        expect(await coverFor(t.services.db, t.services.catalog, { albumId: album.id }, '300')).toBeNull();
      } finally {
        await dispose();
      }
    },
    240_000,
  );

  it(
    'refuses fakes, damaged and oversized images, wrong types and non-artists, leaving nothing behind',
    async () => {
      const { t, dir, dispose } = await catalogApp(db());
      try {
        const ada = await artistAccount(t);
        const upload = (body: Buffer, type = 'image/png', token = ada.accessToken) => Promise.resolve(t.app.request('/api/covers', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body }, { incoming: { socket: { remoteAddress: '203.0.113.7' } } } as never));
        const fake = await expectError(await upload(Buffer.from('<html><script>alert(1)</script></html>'.repeat(100))), 422, 'INVALID_IMAGE');
        expect(fake.details?.reason).toBe('not-image');
        expect((await expectError(await upload(wav, 'image/png'), 422, 'INVALID_IMAGE')).details?.reason).toBe('not-image');
        expect((await expectError(await upload(jpeg.subarray(0, Math.floor(jpeg.byteLength / 2)), 'image/jpeg'), 422, 'INVALID_IMAGE')).details?.reason).toBe('corrupt');
        expect((await expectError(await upload(png.subarray(0, Math.floor(png.byteLength / 2))), 422, 'INVALID_IMAGE')).details?.reason).toBe('corrupt');
        const bomb = await expectError(await upload(pngClaiming(20_000)), 422, 'INVALID_IMAGE');
        expect(bomb.details).toMatchObject({ reason: 'too-large', width: 20_000, height: 20_000 });
        expect((await expectError(await upload(pngClaiming(16)), 422, 'INVALID_IMAGE')).details?.reason).toBe('too-small');
        await expectError(await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 1)), 413, 'PAYLOAD_TOO_LARGE');
        await expectError(await upload(png, 'text/html'), 415, 'UNSUPPORTED_MEDIA_TYPE');
        await expectError(await upload(Buffer.alloc(0)), 422, 'INVALID_IMAGE');
        const lis = await registerAccount(t, 'lis');
        await expectError(await upload(png, 'image/png', lis.accessToken), 403, 'FORBIDDEN');
        // Other routes keep the global body limit.
        await expectError(await t.call('POST', '/api/albums', { token: ada.accessToken, body: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/json' } }), 413, 'PAYLOAD_TOO_LARGE');
        const left = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true });
        expect(left.filter((e) => e.isFile())).toEqual([]);
      } finally {
        await dispose();
      }
    },
    240_000,
  );
});
