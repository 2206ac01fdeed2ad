import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { SubsonicAPI } from 'subsonic-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { MemoryMailer } from '../../services/mailer/memoryMailer';
import { registerAccount } from '../../test/accounts';
import { sineWav } from '../../test/audio';
import { publish } from '../../test/catalog';
import { describeEachDatabase } from '../../test/databases';
import { testConfig, type TestApp } from '../../test/harness';
import { subsonicCredential } from '../../test/subsonic';

let wav: Buffer;
let tmp: string;
beforeAll(async () => {
  tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'encore-subsonic-client-'));
  wav = await sineWav(tmp, 2);
});
afterAll(() => fs.promises.rm(tmp, { recursive: true, force: true }));

/** The test helpers' TestApp over a real socket: every call is a fetch to the server on loopback. */
function overHttp(server: RunningServer): TestApp {
  const request = (p: string, init: RequestInit = {}) => fetch(`${server.url}${p}`, init);
  return {
    ...server.encore,
    app: { request } as unknown as TestApp['app'],
    call: (method, p, c = {}) => {
      const headers: Record<string, string> = { ...c.headers };
      if (c.json !== undefined) headers['content-type'] ??= 'application/json';
      if (c.token) headers.authorization = `Bearer ${c.token}`;
      const body = c.json !== undefined ? JSON.stringify(c.json) : c.body;
      return request(p, { method, headers, ...(body !== undefined ? { body } : {}) });
    },
  } as TestApp;
}

describeEachDatabase('a third-party Subsonic client (npm subsonic-api)', (db) => {
  it('connects, lists, searches, stars, makes a playlist and streams from a real server on loopback', async () => {
    const dataDir = path.join(tmp, `data-${Date.now()}`);
    const config = testConfig({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: undefined, redisUrl: undefined });
    const server = await startServer({ config, logger: pino({ level: 'silent' }), mailer: new MemoryMailer(), database: db() });
    try {
      const t = overHttp(server);
      // Published through the real pipeline: upload, complete, publish, processing jobs.
      const ada = await registerAccount(t, 'ada', { role: 'artist' });
      const track = await publish(t, ada.accessToken, wav, { title: 'Loopback Tone', genres: ['Test'] });
      expect(track.status).toBe('ready');
      const lis = await registerAccount(t, 'lis');
      const password = await subsonicCredential(t, lis.accessToken, 'app_password');
      const apiKey = await subsonicCredential(t, lis.accessToken, 'api_key');

      // Token auth (t = md5(password + salt)) with a fresh salt per request, GET.
      const api = new SubsonicAPI({ url: server.url, auth: { username: 'lis', password } });
      expect((await api.ping()).status).toBe('ok');
      const artists = await api.getArtists();
      const artist = artists.artists.index?.flatMap((i) => i.artist).find((a) => a?.name === 'ada');
      expect(artist).toBeDefined();
      const { artist: page } = await api.getArtist({ id: artist!.id });
      expect(page.name).toBe('ada');
      const random = await api.getRandomSongs({ size: 5 });
      expect(random.randomSongs.song?.map((s) => s.id)).toEqual([track.id]);
      const found = await api.search3({ query: 'loopbak' });
      expect(found.searchResult3.song?.map((s) => s.title)).toEqual(['Loopback Tone']);
      const everything = await api.search3({ query: '' });
      expect(everything.searchResult3.song).toHaveLength(1);
      const genres = await api.getGenres();
      expect(genres.genres.genre?.map((g) => g.value)).toEqual(['Test']);

      // OpenSubsonic API key and form POST.
      const keyed = new SubsonicAPI({ url: server.url, auth: { apiKey }, post: true });
      expect((await keyed.getOpenSubsonicExtensions()).openSubsonicExtensions.map((e) => e.name)).toContain('apiKeyAuthentication');
      await keyed.star({ id: track.id });
      expect((await keyed.getStarred2()).starred2.song?.map((s) => s.id)).toEqual([track.id]);
      const made = await keyed.createPlaylist({ name: 'From a client', songId: [track.id] });
      expect(made.playlist.entry?.map((s) => s.id)).toEqual([track.id]);
      expect((await api.getPlaylists()).playlists.playlist?.map((p) => p.name)).toEqual(['From a client']);

      // Streams real Opus bytes, and a range of them.
      const res = await api.stream({ id: track.id });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/ogg; codecs=opus');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('OggS');
      expect(bytes.byteLength).toBe(Number(res.headers.get('content-length')));
      const streamUrl = new URL(`${server.url}/rest/stream.view`);
      for (const [k, v] of Object.entries({ id: track.id, apiKey, v: '1.16.1', c: 'test' })) streamUrl.searchParams.set(k, v);
      const ranged = await fetch(streamUrl, { headers: { range: 'bytes=0-99' } });
      expect(ranged.status).toBe(206);
      expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(0, 100));

      // Web players on another origin: the API answers any origin (credentials are in the query,
      // never cookies) and its media may be embedded cross-origin; the rest of the API does not.
      const origin = 'https://player.example';
      const preflight = await fetch(streamUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('range');
      const crossOrigin = await fetch(streamUrl, { headers: { origin, range: 'bytes=0-9' } });
      expect(crossOrigin.headers.get('access-control-allow-origin')).toBe('*');
      expect(crossOrigin.headers.get('access-control-expose-headers')).toContain('Content-Range');
      expect(crossOrigin.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      await crossOrigin.arrayBuffer();
      const api404 = await fetch(`${server.url}/api/tracks/${track.id}`, { headers: { origin } });
      expect(api404.headers.get('access-control-allow-origin')).toBeNull();
      expect(api404.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      await api404.arrayBuffer();

      // Wrong credentials reach the client as a Subsonic error.
      const wrong = new SubsonicAPI({ url: server.url, auth: { username: 'lis', password: 'not-it' } });
      const failed = (await wrong.ping()) as unknown as { status: string; error: { code: number } };
      expect(failed.status).toBe('failed');
      expect(failed.error.code).toBe(40);
    } finally {
      await server.close();
    }
  }, 240_000);
});
