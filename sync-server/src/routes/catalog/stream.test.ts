import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { PlayEventResponse, TrackResponse } from '@encore/shared/api/catalog';
import { users } from '../../db/schema/users';
import { expectError, registerAccount } from '../../test/accounts';
import { sineWav } from '../../test/audio';
import { artistAccount, catalogApp, publish } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';


// Each case transcodes real audio: minutes on a loaded 2-core machine, not a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
let wav: Buffer;
let tmp: string;
beforeAll(async () => {
  tmp = await fs.promises.mkdtemp('/tmp/encore-wav-');
  wav = await sineWav(tmp, 2);
});
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

describeEachDatabase('catalog streaming and plays', (db) => {
  it('streams with Range, picks the rendition by quality and tier, and counts plays once', async () => {
    const { t, dispose } = await catalogApp(db());
    try {
      const ada = await artistAccount(t);
      const track = await publish(t, ada.accessToken, wav, { title: 'Stream Me' });
      expect(track.status).toBe('ready');
      const lis = await registerAccount(t, 'lis');
      const stream = (q: string, headers: Record<string, string> = {}) => t.call('GET', `/api/tracks/${track.id}/stream${q}`, { token: lis.accessToken, headers });

      const full = await stream('');
      expect(full.status).toBe(200);
      // Free listeners are capped at 160 kbps whatever they ask for.
      expect(full.headers.get('x-encore-quality')).toBe('normal');
      expect((await stream('?quality=lossless')).headers.get('x-encore-quality')).toBe('normal');
      expect((await stream('?quality=low')).headers.get('x-encore-quality')).toBe('low');
      const bytes = new Uint8Array(await full.arrayBuffer());
      expect(Number(full.headers.get('content-length'))).toBe(bytes.byteLength);
      expect(full.headers.get('content-type')).toBe('audio/ogg; codecs=opus');
      expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('OggS');

      const part = await stream('', { range: 'bytes=10-109' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 10-109/${bytes.byteLength}`);
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(10, 110));
      const tail = await stream('', { range: 'bytes=-50' });
      expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.byteLength - 50));
      const open = await stream('', { range: `bytes=${bytes.byteLength - 5}-` });
      expect(open.status).toBe(206);
      expect((await open.arrayBuffer()).byteLength).toBe(5);
      const bad = await stream('', { range: `bytes=${bytes.byteLength}-` });
      expect(bad.headers.get('content-range')).toBe(`bytes */${bytes.byteLength}`);
      await expectError(bad, 416, 'RANGE_NOT_SATISFIABLE');
      await expectError(await stream('', { range: 'bytes=50-10' }), 416, 'RANGE_NOT_SATISFIABLE');
      await expectError(await stream('', { range: 'items=0-1' }), 416, 'RANGE_NOT_SATISFIABLE');
      await expectError(await t.call('GET', `/api/tracks/${track.id}/stream`), 401, 'UNAUTHENTICATED');

      await db().db.update(users).set({ subscriptionTier: 'premium' }).where(eq(users.id, lis.user.id));
      expect((await stream('?quality=lossless')).headers.get('x-encore-quality')).toBe('high');
      await db().db.update(users).set({ subscriptionTier: 'hifi' }).where(eq(users.id, lis.user.id));
      const flac = await stream('?quality=lossless');
      expect(flac.headers.get('x-encore-quality')).toBe('lossless');
      expect(Buffer.from(await flac.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('fLaC');
      await db().db.update(users).set({ subscriptionExpiry: new Date(t.clock.now().getTime() - 1000) }).where(eq(users.id, lis.user.id));
      expect((await stream('?quality=lossless')).headers.get('x-encore-quality')).toBe('normal');

      const play = (clientEventId: string, ms: number) => t.call('POST', '/api/analytics/events', { token: lis.accessToken, json: { clientEventId, trackId: track.id, ms } });
      const first = await play('evt-00000001', 1500);
      expect(first.status).toBe(201);
      expect(PlayEventResponse.parse(await first.json())).toEqual({ recorded: true, counted: true });
      const replay = await play('evt-00000001', 1500);
      expect(replay.status).toBe(200);
      expect(PlayEventResponse.parse(await replay.json())).toEqual({ recorded: false, counted: false });
      expect(PlayEventResponse.parse(await (await play('evt-00000002', 100)).json())).toEqual({ recorded: true, counted: false });
      await expectError(await play('bad id', 1000), 400, 'VALIDATION_FAILED');
      await expectError(await t.call('POST', '/api/analytics/events', { token: lis.accessToken, json: { clientEventId: 'evt-00000003', trackId: '00000000-0000-4000-8000-000000000000', ms: 1 } }), 404, 'TRACK_NOT_FOUND');
      const after = TrackResponse.parse(await (await t.call('GET', `/api/tracks/${track.id}`)).json()).track;
      expect(after.playCount).toBe(1);

      // Unpublishing stops streaming at the very next request: nothing about the track is cached.
      expect((await stream('', { range: 'bytes=0-99' })).status).toBe(206);
      expect((await t.call('POST', `/api/tracks/${track.id}/unpublish`, { token: ada.accessToken })).status).toBe(200);
      await expectError(await stream('', { range: 'bytes=0-99' }), 404, 'TRACK_NOT_FOUND');
      await expectError(await t.call('GET', '/api/tracks/00000000-0000-4000-8000-000000000000/stream', { token: lis.accessToken }), 404, 'TRACK_NOT_FOUND');
    } finally {
      await dispose();
    }
  });
});
