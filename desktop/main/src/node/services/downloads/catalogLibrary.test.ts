import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse } from '@encore/shared/api/auth';
import type { CatalogTrack } from '@encore/shared/api/catalog';
import { mediaUrl } from '@encore/shared/host/media';
import { HostEventBus } from '../../../common/hostEventBus';
import { downloadMediaResponse } from '../../../browser-mode/downloadRoute';
import { catalogDownloadPath, libraryMediaResolver } from '../../../browser-mode/mediaRoute';
import { openDatabase, type EncoreDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { LibraryService } from '../library/LibraryService';
import { catalogTrackHash } from './catalogLibrary';
import { DEFAULT_CHUNK_SIZE } from './crypto/chunkedFile';
import { DownloadsService } from './DownloadsService';
import { call, publishNoise, register, sessionOf } from './testing/catalogFixture';
import { LiveSyncServer } from './testing/liveSyncServer';

const FAST = { backoff: { baseMs: 20, maxMs: 100, maxAttempts: 4 }, checkpointBytes: DEFAULT_CHUNK_SIZE, progressMs: 0 };

let scratch: { dir: string; cleanup(): void };
let server: LiveSyncServer;
let albumId: string;
let coverId: string;
let one: CatalogTrack;
let two: CatalogTrack;
let streamedOne: Buffer;

beforeAll(async () => {
  scratch = tempDir('encore-catalog-library-');
  server = await LiveSyncServer.start(path.join(scratch.dir, 'server'));
  const zed = await register(server.url, 'zed', 'artist');
  const cover = path.join(scratch.dir, 'cover.png');
  await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x3355aa:s=300x300', '-frames:v', '1', cover]);
  const stored = await fetch(`${server.url}/api/covers`, { method: 'POST', headers: { authorization: `Bearer ${zed.accessToken}`, 'content-type': 'image/png' }, body: fs.readFileSync(cover) });
  coverId = ((await stored.json()) as { cover: { id: string } }).cover.id;
  const { album } = (await (await call(server.url, 'POST', '/api/albums', { token: zed.accessToken, json: { title: 'Harbour Lights', albumType: 'ep' } })).json()) as { album: { id: string } };
  albumId = album.id;
  await call(server.url, 'PATCH', `/api/albums/${albumId}`, { token: zed.accessToken, json: { coverId, genres: ['Ambient'] } });
  one = await publishNoise(server.url, zed.accessToken, scratch.dir, 'Tidewater Glow', 4, albumId);
  two = await publishNoise(server.url, zed.accessToken, scratch.dir, 'Pier Seventeen', 3, albumId);
  const lis = await register(server.url, 'probe');
  streamedOne = Buffer.from(await (await call(server.url, 'GET', `/api/tracks/${one.id}/stream?quality=normal`, { token: lis.accessToken })).arrayBuffer());
}, 600_000);

afterAll(async () => {
  await server?.stop();
  scratch?.cleanup();
});

interface Desk {
  downloads: DownloadsService;
  library: LibraryService;
  events: HostEventBus;
  db: EncoreDatabase;
  user: AuthResponse;
  close(): Promise<void>;
}

let accounts = 0;

/** A desktop with both services wired as the host wires them, signed in as a fresh listener. */
async function desk(name: string): Promise<Desk> {
  const dir = path.join(scratch.dir, name);
  const user = await register(server.url, `shelf${++accounts}`);
  fs.mkdirSync(dir, { recursive: true });
  const db = openDatabase({ path: path.join(dir, 'encore.db') });
  const events = new HostEventBus();
  const library = new LibraryService({ db, events, artworkDir: path.join(dir, 'artwork'), log: silentLogger(), readers: 0 });
  const downloads = new DownloadsService({ db, events, desktopDir: dir, syncServerUrl: () => server.url, session: async () => sessionOf(user), log: silentLogger(), library, manager: FAST });
  return {
    downloads,
    library,
    events,
    db,
    user,
    async close() {
      await downloads.dispose();
      await library.dispose();
      db.dispose();
    },
  };
}

async function until<T>(what: string, f: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Plays a library track by its library URL, the way the player does (`media/library/<id>`). */
async function playFromLibrary(d: Desk, trackId: string): Promise<{ status: number; body: Buffer }> {
  const pathname = `/${mediaUrl(trackId)}`;
  const asDownload = catalogDownloadPath(pathname, libraryMediaResolver(d.library));
  if (!asDownload) return { status: 404, body: Buffer.alloc(0) };
  const r = downloadMediaResponse({ pathname: asDownload, method: 'GET' }, (id) => d.downloads.open(id));
  const parts: Buffer[] = [];
  if (r.body) for await (const p of r.body) parts.push(p);
  return { status: r.status, body: Buffer.concat(parts) };
}

describe('downloaded catalog tracks in the library', () => {
  it('a finished download is a library track: songs, search, album with cover, artist, genre, recently added, playable by its library URL', async () => {
    const d = await desk('a');
    const changes: string[] = [];
    d.events.on('library.changed', (e) => changes.push(e.reason));
    try {
      const items = await d.downloads.manager.add({ kind: 'album', albumId, quality: 'normal' });
      // Nothing is in the library before the bytes are all there.
      expect(d.library.songs({}).total).toBe(0);
      await until('album done', () => items.every((i) => d.downloads.manager.get(i.id)!.state === 'done'));
      await d.downloads.manager.idle();
      expect(changes).toContain('downloads');

      const songs = d.library.songs({ sort: 'title' });
      expect(songs.total).toBe(2);
      const glow = songs.items.find((t) => t.title === 'Tidewater Glow')!;
      expect(glow).toMatchObject({
        id: catalogTrackHash(server.url, one.id),
        source: 'catalog',
        download: { id: items[0]!.id, quality: 'normal' },
        folderId: null,
        relPath: '',
        artists: ['zed'],
        album: 'Harbour Lights',
        albumArtist: 'zed',
        trackNo: 1,
        genres: ['Ambient'],
        format: 'opus',
      });
      expect(glow.artworkHash).toMatch(/^[0-9a-f]{64}$/);
      expect(d.library.artwork.get(glow.artworkHash!)?.bytes.length).toBeGreaterThan(100);

      expect(d.library.search('tidewa').songs.map((t) => t.title)).toEqual(['Tidewater Glow']);
      expect(d.library.search('harbour').albums).toMatchObject([{ album: 'Harbour Lights', albumArtist: 'zed', trackCount: 2, artworkHash: glow.artworkHash }]);
      expect(d.library.albums({}).items).toMatchObject([{ album: 'Harbour Lights', trackCount: 2, artworkHash: glow.artworkHash }]);
      expect(d.library.songs({ filter: { album: 'Harbour Lights' }, sort: 'album' }).items.map((t) => t.trackNo)).toEqual([1, 2]);
      expect(d.library.artists({}).items).toEqual([{ name: 'zed', trackCount: 2, albumCount: 1 }]);
      expect(d.library.genres()).toEqual([{ name: 'Ambient', trackCount: 2 }]);
      expect(d.library.songs({ sort: 'addedAt', order: 'desc', limit: 5 }).items).toHaveLength(2);
      expect(d.library.stats()).toMatchObject({ tracks: 2, albums: 1, folders: 0 });

      // The player's URL for it answers with the decrypted bytes; no plain copy exists on disk.
      const played = await playFromLibrary(d, glow.id);
      expect(played.status).toBe(200);
      expect(played.body.equals(streamedOne)).toBe(true);
      expect(fs.readdirSync(path.join(scratch.dir, 'a', 'downloads')).every((f) => f.endsWith('.encd'))).toBe(true);
      // Never handed to the analysis decoder (it reads files).
      expect(libraryMediaResolver(d.library)(glow.id)).toBeNull();
    } finally {
      await d.close();
    }
  }, 240_000);

  it('removing a download takes it out of every view; playlist entries and likes wait for a re-download', async () => {
    const d = await desk('b');
    try {
      const [item] = await d.downloads.manager.add({ kind: 'track', trackId: two.id, quality: 'normal' });
      await until('done', () => d.downloads.manager.get(item!.id)!.state === 'done');
      const id = catalogTrackHash(server.url, two.id);
      // A single track download still files under its catalog album.
      expect(d.library.track(id)).toMatchObject({ album: 'Harbour Lights', trackNo: 2, source: 'catalog' });
      d.library.setLiked(id, true);
      const list = d.library.createPlaylist('Evening');
      d.library.addToPlaylist(list.id, [id]);

      expect(await d.downloads.manager.remove([item!.id])).toBe(1);
      expect(d.library.songs({}).total).toBe(0);
      expect(d.library.search('pier').songs).toEqual([]);
      expect(d.library.albums({}).total).toBe(0);
      expect(() => d.library.track(id)).toThrow(expect.objectContaining({ code: 'TRACK_NOT_FOUND' }));
      expect(d.library.playlistEntries(list.id)).toEqual([{ position: 0, trackId: id, track: null }]);
      expect((await playFromLibrary(d, id)).status).toBe(404);

      const [again] = await d.downloads.manager.add({ kind: 'track', trackId: two.id, quality: 'normal' });
      await until('done again', () => d.downloads.manager.get(again!.id)!.state === 'done');
      expect(d.library.playlistEntries(list.id)[0]!.track).toMatchObject({ title: 'Pier Seventeen', liked: true, source: 'catalog' });
      expect(d.library.songs({ filter: { liked: true } }).total).toBe(1);
    } finally {
      await d.close();
    }
  }, 240_000);

  it('an expired licence leaves the library and does not play; the online check brings it back', async () => {
    const d = await desk('c');
    try {
      const [item] = await d.downloads.manager.add({ kind: 'track', trackId: one.id, quality: 'normal' });
      await until('done', () => d.downloads.manager.get(item!.id)!.state === 'done');
      const id = catalogTrackHash(server.url, one.id);
      expect(d.library.songs({}).total).toBe(1);
      // 30 days offline pass.
      d.db.sqlite.prepare('UPDATE downloads SET offline_until = ? WHERE id = ?').run(Date.now() - 1000, item!.id);
      const byUrlMeanwhile = await (async () => {
        const r = downloadMediaResponse({ pathname: `/media/download/${item!.id}`, method: 'GET' }, (x) => d.downloads.open(x));
        return r.status;
      })();
      expect(byUrlMeanwhile).toBe(403);
      expect(d.downloads.syncLibrary()).toEqual({ added: 0, removed: 1 });
      expect(d.library.songs({}).total).toBe(0);
      expect(d.library.search('tidewater').songs).toEqual([]);
      expect((await playFromLibrary(d, id)).status).toBe(404);

      expect(await d.downloads.checkLicences()).toEqual({ renewed: 1, revoked: 0 });
      expect(d.library.songs({}).items.map((t) => t.id)).toEqual([id]);
      expect((await playFromLibrary(d, id)).status).toBe(200);
    } finally {
      await d.close();
    }
  }, 240_000);

  it('a play from the library counts once locally and is queued once for the server', async () => {
    const d = await desk('d');
    try {
      const [item] = await d.downloads.manager.add({ kind: 'track', trackId: one.id, quality: 'normal' });
      await until('done', () => d.downloads.manager.get(item!.id)!.state === 'done');
      const id = catalogTrackHash(server.url, one.id);
      const before = ((await (await call(server.url, 'GET', `/api/tracks/${one.id}`)).json()) as { track: { playCount: number } }).track.playCount;

      expect(d.library.recordPlay(id, undefined, 31_000)).toMatchObject({ playCount: 1, source: 'catalog' });
      // The Downloads view's own player takes the other path; it lands in the same two places.
      d.downloads.recordPlay(item!.id, 32_000);
      expect(d.library.track(id).playCount).toBe(2);
      expect(d.library.history(0, 10).items.map((p) => p.msPlayed)).toEqual([32_000, 31_000]);
      await until('reported', () => d.downloads.plays.pending() === 0);
      expect(await d.downloads.plays.flush()).toBe(0);
      const after = ((await (await call(server.url, 'GET', `/api/tracks/${one.id}`)).json()) as { track: { playCount: number } }).track.playCount;
      expect(after - before).toBe(2);
      expect(d.db.sqlite.prepare('SELECT count(*) FROM offline_plays').pluck().get()).toBe(2);
    } finally {
      await d.close();
    }
  }, 240_000);
});


