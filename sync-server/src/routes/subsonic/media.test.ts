import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlbumResponse } from '@encore/shared/api/catalog';
import { albums } from '../../db/schema/catalog';
import { users } from '../../db/schema/users';
import { storeCover } from '../../services/catalog/covers';
import { registerAccount } from '../../test/accounts';
import { sineWav } from '../../test/audio';
import { artistAccount, catalogApp, publish } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';
import { expectSubsonicError, query, restJson, restXml, subsonicCredential, type SubsonicJson } from '../../test/subsonic';

const run = promisify(execFile);
let wav: Buffer;
let png: Buffer;
let tmp: string;
beforeAll(async () => {
  tmp = await fs.promises.mkdtemp('/tmp/encore-subsonic-');
  wav = await sineWav(tmp, 2);
  const file = path.join(tmp, 'cover.png');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=320x320', '-frames:v', '1', file]);
  png = await fs.promises.readFile(file);
});
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

describeEachDatabase('Subsonic media: stream, download, cover art, lyrics', (db) => {
  it('streams published tracks with tier caps, maxBitRate, format and Range; downloads; serves covers and lyrics', async () => {
    const { t, dispose } = await catalogApp(db());
    try {
      const ada = await artistAccount(t);
      const albumRes = await t.call('POST', '/api/albums', { token: ada.accessToken, json: { title: 'Tones', albumType: 'ep', genres: ['Test'] } });
      expect(albumRes.status).toBe(201);
      const album = AlbumResponse.parse(await albumRes.json()).album;
      const track = await publish(t, ada.accessToken, wav, { title: 'Sine <440>', albumId: album.id, lyrics: { lrc: '[00:00.50]first\n[00:01.25]second' } });
      const single = await publish(t, ada.accessToken, wav, { title: 'Plain', lyrics: { text: 'one\ntwo' } });
      expect(track.status).toBe('ready');

      const lis = await registerAccount(t, 'lis');
      const auth = { apiKey: await subsonicCredential(t, lis.accessToken, 'api_key') };
      const media = (m: string, p: Record<string, string>, headers: Record<string, string> = {}) => t.call('GET', `/rest/${m}?${query({ v: '1.16.1', c: 'test', ...auth, ...p })}`, { headers });
      const stream = (p: Record<string, string> = {}, headers: Record<string, string> = {}) => media('stream.view', { id: track.id, ...p }, headers);

      // The song says what the default stream is: free tier, setting "high" → capped to 160 kbps Opus.
      const song = (await restJson(t, 'getSong', { ...auth, id: track.id })).song;
      expect(song).toMatchObject({ suffix: 'opus', contentType: 'audio/ogg', bitRate: 160, duration: 2, album: 'Tones', title: 'Sine <440>' });
      expect(await restXml(t, 'getSong', { ...auth, id: track.id })).toContain('title="Sine &lt;440&gt;"');
      const full = await stream();
      expect(full.status).toBe(200);
      expect(full.headers.get('x-encore-quality')).toBe('normal');
      const bytes = new Uint8Array(await full.arrayBuffer());
      expect(song.size).toBe(bytes.byteLength);
      expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('OggS');
      expect((await stream({ format: 'flac' })).headers.get('x-encore-quality')).toBe('normal');
      expect((await stream({ maxBitRate: '96' })).headers.get('x-encore-quality')).toBe('low');
      expect((await stream({ maxBitRate: '0', format: 'raw' })).headers.get('x-encore-quality')).toBe('normal');

      const part = await stream({}, { range: 'bytes=10-109' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 10-109/${bytes.byteLength}`);
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(10, 110));
      const tail = await stream({}, { range: 'bytes=-20' });
      expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.byteLength - 20));
      for (const range of [`bytes=${bytes.byteLength}-`, 'bytes=50-10', 'items=0-1']) {
        const bad = await stream({}, { range });
        expect(bad.status, range).toBe(416);
        expect(bad.headers.get('content-range')).toBe(`bytes */${bytes.byteLength}`);
      }

      // Tiers: premium up to 320 kbps, hifi lossless (FLAC), lapsed back to free.
      await db().db.update(users).set({ subscriptionTier: 'premium' }).where(eq(users.id, lis.user.id));
      expect((await stream({ format: 'flac' })).headers.get('x-encore-quality')).toBe('high');
      await db().db.update(users).set({ subscriptionTier: 'hifi' }).where(eq(users.id, lis.user.id));
      const flac = await stream({ format: 'flac' });
      expect(flac.headers.get('x-encore-quality')).toBe('lossless');
      expect(flac.headers.get('content-type')).toBe('audio/flac');
      expect(Buffer.from(await flac.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('fLaC');
      expect((await stream({ format: 'flac', maxBitRate: '320' })).headers.get('x-encore-quality')).toBe('high');
      const dl = await media('download', { id: track.id });
      expect(dl.headers.get('x-encore-quality')).toBe('lossless');
      expect(dl.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Sine <440>.flac')}`);
      await db().db.update(users).set({ subscriptionExpiry: new Date(t.clock.now().getTime() - 1000) }).where(eq(users.id, lis.user.id));
      expect((await stream({ format: 'flac' })).headers.get('x-encore-quality')).toBe('normal');
      expect((await media('download', { id: track.id })).headers.get('x-encore-quality')).toBe('normal');

      // Errors of media calls come in the Subsonic envelope.
      const missing = await media('stream', { id: '00000000-0000-4000-8000-000000000000', f: 'json' });
      expect(((await missing.json()) as SubsonicJson)['subsonic-response'].error.code).toBe(70);
      expect(await (await media('stream', {})).text()).toContain('<error code="10"');
      expect(await (await media('stream', { id: track.id, maxBitRate: '-5' })).text()).toContain('<error code="0"');
      expect(await (await t.call('GET', `/rest/stream?${query({ v: '1.16.1', c: 'x', id: track.id, u: 'lis', p: 'wrong' })}`)).text()).toContain('<error code="40"');

      // Lyrics: synced LRC with start times, plain text without.
      const lyrics = (await restJson(t, 'getLyricsBySongId', { ...auth, id: track.id })).lyricsList.structuredLyrics[0];
      expect(lyrics).toMatchObject({ synced: true, lang: 'und', line: [{ start: 500, value: 'first' }, { start: 1250, value: 'second' }] });
      expect((await restJson(t, 'getLyricsBySongId', { ...auth, id: single.id })).lyricsList.structuredLyrics[0]).toMatchObject({ synced: false, line: [{ value: 'one' }, { value: 'two' }] });
      expect(await restXml(t, 'getLyricsBySongId', { ...auth, id: track.id })).toContain('<line start="500">first</line>');

      // Cover art: 70 while there is none; then the album's cover, for the album and its song.
      await expectSubsonicError(restJson(t, 'getCoverArt', { ...auth, id: `al-${album.id}` }), 70);
      await expectSubsonicError(restJson(t, 'getCoverArt', { ...auth, id: 'tr-nope' }), 70);
      expect((await restJson(t, 'getSong', { ...auth, id: track.id })).song.coverArt).toBeUndefined();
      const cover = await storeCover(db().db, t.services.catalog, png, ada.user.id, t.clock.now());
      await db().db.update(albums).set({ coverId: cover.id }).where(eq(albums.id, album.id));
      const coverArt = (await restJson(t, 'getSong', { ...auth, id: track.id })).song.coverArt as string;
      expect(coverArt).toBe(`tr-${track.id}`);
      expect((await restJson(t, 'getAlbum', { ...auth, id: album.id })).album.coverArt).toBe(`al-${album.id}`);
      for (const [id, size, type] of [[coverArt, '300', 'image/jpeg'], [`al-${album.id}`, '600', 'image/jpeg'], [album.id, '2000', 'image/png']] as const) {
        const img = await media('getCoverArt', { id, size });
        expect(img.status, id).toBe(200);
        expect(img.headers.get('content-type')).toBe(type);
        expect((await img.arrayBuffer()).byteLength).toBeGreaterThan(100);
      }
    } finally {
      await dispose();
    }
  }, 240_000);
});
