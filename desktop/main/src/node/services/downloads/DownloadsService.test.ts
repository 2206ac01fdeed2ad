import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse } from '@encore/shared/api/auth';
import type { CatalogTrack } from '@encore/shared/api/catalog';
import { DeviceListResponse } from '@encore/shared/api/licences';
import { EncoreError } from '@encore/shared/errors';
import { HostEventBus } from '../../../common/hostEventBus';
import { downloadMediaResponse } from '../../../browser-mode/downloadRoute';
import { openDatabase, type EncoreDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { DEFAULT_CHUNK_SIZE } from './crypto/chunkedFile';
import { DownloadsService } from './DownloadsService';
import { call, login, publishNoise, register, sessionOf } from './testing/catalogFixture';
import { FaultProxy } from './testing/faultProxy';
import { freePort, LiveSyncServer } from './testing/liveSyncServer';

const FAST = { backoff: { baseMs: 20, maxMs: 100, maxAttempts: 4 }, checkpointBytes: DEFAULT_CHUNK_SIZE, progressMs: 0 };

let scratch: { dir: string; cleanup(): void };
let server: LiveSyncServer;
let proxy: FaultProxy;
let lis: AuthResponse;
let track: CatalogTrack;
let streamed: Buffer;

beforeAll(async () => {
  scratch = tempDir('encore-downloads-');
  server = await LiveSyncServer.start(path.join(scratch.dir, 'server'));
  proxy = new FaultProxy(() => server.url, await freePort());
  await proxy.start();
  const ada = await register(server.url, 'ada', 'artist');
  track = await publishNoise(server.url, ada.accessToken, scratch.dir, 'Night Drive', 20);
  lis = await register(server.url, 'lis');
  // What a free listener streams: the same 160 kbps file a download gets.
  streamed = Buffer.from(await (await call(server.url, 'GET', `/api/tracks/${track.id}/stream?quality=normal`, { token: lis.accessToken })).arrayBuffer());
}, 600_000);

afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
  scratch?.cleanup();
});

interface Desk {
  svc: DownloadsService;
  user: AuthResponse;
  db: EncoreDatabase;
  dir: string;
  close(): Promise<void>;
}

let accounts = 0;

/**
 * A desktop's download service over its own database and folder, talking to the server through
 * the proxy, signed in as a fresh free listener (each install is a device; an account holds five).
 */
async function desk(dir: string, o: { now?: () => number; limit?: number; user?: AuthResponse } = {}): Promise<Desk> {
  const user = o.user ?? (await register(server.url, `listener${++accounts}`));
  fs.mkdirSync(dir, { recursive: true });
  const db = openDatabase({ path: path.join(dir, 'encore.db') });
  const events = new HostEventBus();
  const svc = new DownloadsService({
    db,
    events,
    desktopDir: dir,
    syncServerUrl: () => proxy.url,
    session: async () => sessionOf(user),
    log: silentLogger(),
    ...(o.now ? { now: o.now } : {}),
    manager: { ...FAST, ...(o.limit ? { defaultLimitBytes: o.limit } : {}) },
  });
  return {
    svc,
    db,
    dir,
    user,
    async close() {
      await svc.dispose();
      db.dispose();
    },
  };
}

async function until<T>(what: string, f: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function playAll(d: Desk, id: string, range?: string): Promise<{ status: number; body: Buffer; headers: Record<string, string> }> {
  const r = downloadMediaResponse({ pathname: `/media/download/${id}`, method: 'GET', range }, (x) => d.svc.open(x));
  const parts: Buffer[] = [];
  if (r.body) for await (const p of r.body) parts.push(p);
  return { status: r.status, body: Buffer.concat(parts), headers: r.headers };
}

const row = (d: Desk, id: string) => d.svc.manager.get(id)!;

describe('offline downloads against a live sync-server', () => {
  it('downloads under a licence, keeps the file encrypted and plays it back with Range', async () => {
    const d = await desk(path.join(scratch.dir, 'a'));
    try {
      // Free tier: the server refuses lossless, naming the ceiling; nothing is queued.
      await expect(d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'lossless' })).rejects.toMatchObject({ code: 'ENTITLEMENT_REQUIRED', message: expect.stringMatching(/free plan .* normal/) });
      expect(d.svc.manager.list().items).toEqual([]);
      const [item] = await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' });
      expect(item).toMatchObject({ state: 'queued', quality: 'normal', title: 'Night Drive', artist: 'ada' });
      await until('done', () => row(d, item!.id).state === 'done');
      await d.svc.manager.idle();
      const onDisk = fs.readFileSync(path.join(d.dir, 'downloads', `${item!.id}.encd`));
      expect(onDisk.includes(streamed.subarray(1000, 1064))).toBe(false);
      // The key is stored wrapped only.
      expect(row(d, item!.id).wrapped_key!.byteLength).toBe(12 + 32 + 16);

      const whole = await playAll(d, item!.id);
      expect(whole.status).toBe(200);
      expect(whole.headers['Content-Type']).toBe('audio/ogg; codecs=opus');
      expect(whole.body.equals(streamed)).toBe(true);
      const mid = 2 * DEFAULT_CHUNK_SIZE + 77;
      const part = await playAll(d, item!.id, `bytes=${mid}-${mid + 999}`);
      expect(part.status).toBe(206);
      expect(part.headers['Content-Range']).toBe(`bytes ${mid}-${mid + 999}/${streamed.byteLength}`);
      expect(part.body.equals(streamed.subarray(mid, mid + 1000))).toBe(true);
      expect((await playAll(d, item!.id, `bytes=${streamed.byteLength}-`)).status).toBe(416);
      expect(JSON.parse((await playAll(d, '00000000-0000-4000-8000-000000000000')).body.toString())).toMatchObject({ error: { code: 'DOWNLOAD_NOT_FOUND' } });

      // Asking again changes nothing; the list shows it playable with its storage.
      expect((await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' }))[0]!.id).toBe(item!.id);
      const { items, storage } = d.svc.manager.list();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ state: 'done', playable: true, receivedBytes: streamed.byteLength, totalBytes: streamed.byteLength });
      expect(storage.usedBytes).toBe(onDisk.byteLength);
    } finally {
      await d.close();
    }
  }, 60_000);

  it('resumes after a restart with a Range request from the last checkpoint', async () => {
    const dir = path.join(scratch.dir, 'b');
    const first = await desk(dir);
    proxy.faults = { delayMs: 40 };
    proxy.fileRanges.length = 0;
    const [item] = await first.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' });
    await until('two chunks', () => row(first, item!.id).received_bytes >= 2 * DEFAULT_CHUNK_SIZE);
    await first.close();
    const saved = openDatabase({ path: path.join(dir, 'encore.db') });
    const stopped = saved.sqlite.prepare('SELECT state, received_bytes FROM downloads WHERE id = ?').get(item!.id) as { state: string; received_bytes: number };
    saved.dispose();
    expect(stopped.state).toBe('queued');
    expect(stopped.received_bytes % DEFAULT_CHUNK_SIZE).toBe(0);
    expect(stopped.received_bytes).toBeLessThan(streamed.byteLength);

    proxy.faults = {};
    const second = await desk(dir, { user: first.user });
    try {
      second.svc.manager.pump();
      await until('done after restart', () => row(second, item!.id).state === 'done');
      expect(proxy.fileRanges).toEqual([null, `bytes=${stopped.received_bytes}-`]);
      expect((await playAll(second, item!.id)).body.equals(streamed)).toBe(true);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('pauses, resumes, and removes a download (file, key and licence)', async () => {
    const d = await desk(path.join(scratch.dir, 'c'));
    try {
      proxy.faults = { delayMs: 40 };
      const [item] = await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' });
      await until('a chunk', () => row(d, item!.id).received_bytes >= DEFAULT_CHUNK_SIZE);
      expect(d.svc.manager.pause([item!.id])[0]!.state).toBe('paused');
      await d.svc.manager.idle();
      const at = row(d, item!.id).received_bytes;
      await new Promise((r) => setTimeout(r, 300));
      expect(row(d, item!.id)).toMatchObject({ state: 'paused', received_bytes: at });
      proxy.faults = {};
      d.svc.manager.resume([item!.id]);
      await until('done', () => row(d, item!.id).state === 'done');

      const devices = DeviceListResponse.parse(await (await call(server.url, 'GET', '/api/devices', { token: d.user.accessToken })).json()).devices;
      expect(devices).toHaveLength(1);
      const licences = async () => ((await (await call(server.url, 'GET', `/api/licences?deviceId=${devices[0]!.id}`, { token: d.user.accessToken })).json()) as { licences: { id: string }[] }).licences.map((l) => l.id);
      const licenceId = row(d, item!.id).licence_id!;
      expect(await licences()).toContain(licenceId);
      expect(await d.svc.manager.remove([item!.id])).toBe(1);
      expect(d.svc.manager.get(item!.id)).toBeUndefined();
      expect(fs.existsSync(path.join(d.dir, 'downloads', `${item!.id}.encd`))).toBe(false);
      expect(await licences()).not.toContain(licenceId);
    } finally {
      proxy.faults = {};
      await d.close();
    }
  }, 60_000);

  it('retries 503s and a cut connection with backoff, continuing where it stopped', async () => {
    const d = await desk(path.join(scratch.dir, 'd'));
    try {
      proxy.fileRanges.length = 0;
      proxy.faults = { fail503: 2, cutAfterBytes: 3 * DEFAULT_CHUNK_SIZE + 500 };
      const [item] = await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' });
      await until('done', () => row(d, item!.id).state === 'done');
      // Two 503s, a first full try cut after 3 chunks and a bit, then a resume from chunk 3.
      expect(proxy.fileRanges).toEqual([null, null, null, `bytes=${3 * DEFAULT_CHUNK_SIZE}-`]);
      expect((await playAll(d, item!.id)).body.equals(streamed)).toBe(true);

      // Past the attempt limit it stops and waits for the user.
      proxy.faults = { fail503: 10 };
      await d.svc.manager.remove([item!.id]);
      const [again] = await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' });
      await until('failed', () => row(d, again!.id).state === 'failed');
      expect(row(d, again!.id)).toMatchObject({ attempts: 4, error_code: 'SERVICE_UNAVAILABLE' });
      proxy.faults = {};
      expect(d.svc.manager.retry([again!.id])[0]!.attempts).toBe(0);
      await until('done on retry', () => row(d, again!.id).state === 'done');
    } finally {
      proxy.faults = {};
      await d.close();
    }
  }, 60_000);

  it('refuses a download that would pass the storage limit before granting anything', async () => {
    const d = await desk(path.join(scratch.dir, 'e'), { limit: 100_000 });
    try {
      const err = await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EncoreError);
      expect((err as EncoreError).code).toBe('STORAGE_LIMIT_REACHED');
      expect((err as EncoreError).details).toMatchObject({ limitBytes: 100_000, usedBytes: 0 });
      expect(d.svc.manager.list().items).toEqual([]);
      expect(d.svc.manager.setLimit(64 * 1024 * 1024)).toEqual({ usedBytes: 0, limitBytes: 64 * 1024 * 1024 });
      expect(() => d.svc.manager.setLimit(1000)).toThrow(/too small/);
      const [item] = await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' });
      await until('done', () => row(d, item!.id).state === 'done');
    } finally {
      await d.close();
    }
  }, 60_000);

  it('an expired licence does not play until the online check renews it; a removed device revokes (key and file deleted)', async () => {
    const d = await desk(path.join(scratch.dir, 'f'));
    try {
      const [item] = await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' });
      await until('done', () => row(d, item!.id).state === 'done');
      // 30 days offline pass: the licence's offline window is over.
      d.db.sqlite.prepare('UPDATE downloads SET offline_until = ? WHERE id = ?').run(Date.now() - 1000, item!.id);
      expect(() => d.svc.open(item!.id)).toThrow(expect.objectContaining({ code: 'LICENCE_EXPIRED' }));
      const refused = await playAll(d, item!.id);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body.toString())).toMatchObject({ error: { code: 'LICENCE_EXPIRED', message: expect.stringMatching(/30 days/) } });
      expect(d.svc.manager.list().items[0]!.playable).toBe(false);

      expect(await d.svc.checkLicences()).toEqual({ renewed: 1, revoked: 0 });
      expect(row(d, item!.id).offline_until).toBeGreaterThan(Date.now() + 29 * 86_400_000);
      expect((await playAll(d, item!.id)).body.equals(streamed)).toBe(true);

      // The listener removes this computer from another device: the next check revokes.
      const device = (await (await call(server.url, 'GET', '/api/devices', { token: d.user.accessToken })).json()) as { devices: { id: string }[] };
      const mine = d.db.sqlite.prepare('SELECT device_id FROM download_devices').pluck().get() as string;
      expect(device.devices.map((x) => x.id)).toContain(mine);
      await call(server.url, 'DELETE', `/api/devices/${mine}`, { token: d.user.accessToken });
      expect(await d.svc.checkLicences()).toEqual({ renewed: 0, revoked: 1 });
      expect(row(d, item!.id)).toMatchObject({ state: 'revoked', wrapped_key: null, error_code: 'LICENCE_REVOKED' });
      expect(row(d, item!.id).error_message).toMatch(/removed/);
      expect(fs.existsSync(path.join(d.dir, 'downloads', `${item!.id}.encd`))).toBe(false);
      expect(() => d.svc.open(item!.id)).toThrow(expect.objectContaining({ code: 'LICENCE_REVOKED' }));
    } finally {
      await d.close();
    }
  }, 60_000);

  it('downloads an album and a playlist as groups of tracks, reusing what is already there', async () => {
    const ada = await login(server.url, 'ada');
    const { album } = (await (await call(server.url, 'POST', '/api/albums', { token: ada.accessToken, json: { title: 'Midnight Engines', albumType: 'ep' } })).json()) as { album: { id: string } };
    const one = await publishNoise(server.url, ada.accessToken, scratch.dir, 'Engine One', 3, album.id);
    const two = await publishNoise(server.url, ada.accessToken, scratch.dir, 'Engine Two', 3, album.id);
    const d = await desk(path.join(scratch.dir, 'h'));
    try {
      const items = await d.svc.manager.add({ kind: 'album', albumId: album.id, quality: 'normal' });
      expect(items.map((i) => [i.title, i.group])).toEqual([
        ['Engine One', { kind: 'album', id: album.id, title: 'Midnight Engines' }],
        ['Engine Two', { kind: 'album', id: album.id, title: 'Midnight Engines' }],
      ]);
      await until('album done', () => items.every((i) => row(d, i.id).state === 'done'));
      const list = await d.svc.manager.add({ kind: 'playlist', playlistId: 'road-trip', title: 'Road trip', trackIds: [two.id, track.id], quality: 'normal' });
      expect(list.map((i) => i.trackId)).toEqual([two.id, track.id]);
      // The album's track is the same download; only the new one joins under the playlist.
      expect(list[0]!.id).toBe(items[1]!.id);
      expect(list[1]!.group).toEqual({ kind: 'playlist', id: 'road-trip', title: 'Road trip' });
      await until('playlist done', () => row(d, list[1]!.id).state === 'done');
      expect(d.svc.finished().map((x) => x.trackId).sort()).toEqual([one.id, two.id, track.id].sort());
    } finally {
      await d.close();
    }
  }, 240_000);

  it('reports offline plays exactly once: queued while the server is down, a lost answer re-sent', async () => {
    const d = await desk(path.join(scratch.dir, 'g'));
    try {
      const [item] = await d.svc.manager.add({ kind: 'track', trackId: track.id, quality: 'normal' });
      await until('done', () => row(d, item!.id).state === 'done');
      const before = (await (await call(server.url, 'GET', `/api/tracks/${track.id}`)).json()) as { track: { playCount: number } };

      await server.stop();
      // Offline: playing still works and plays queue up.
      expect((await playAll(d, item!.id)).status).toBe(200);
      d.svc.recordPlay(item!.id, 15_000);
      d.svc.recordPlay(item!.id, 16_000);
      d.svc.recordPlay(item!.id, 17_000);
      expect(await d.svc.plays.flush()).toBe(0);
      expect(d.svc.plays.pending()).toBe(3);

      await server.restart();
      // The first answer is lost after the server stored the play: it stays queued and goes again.
      proxy.dropPlayAnswers = 1;
      expect(await d.svc.plays.flush()).toBe(0);
      expect(d.svc.plays.pending()).toBe(3);
      expect(await d.svc.plays.flush()).toBe(3);
      expect(d.svc.plays.pending()).toBe(0);
      expect(await d.svc.plays.flush()).toBe(0);
      const after = (await (await call(server.url, 'GET', `/api/tracks/${track.id}`)).json()) as { track: { playCount: number } };
      expect(after.track.playCount - before.track.playCount).toBe(3);
    } finally {
      proxy.dropPlayAnswers = 0;
      await d.close();
    }
  }, 420_000);
});
