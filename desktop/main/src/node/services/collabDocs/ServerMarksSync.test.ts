import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse } from '@encore/shared/api/auth';
import type { Session } from '@encore/shared/host/contract';
import { HostEventBus } from '../../../common/hostEventBus';
import { openDatabase, type EncoreDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { call, publishNoise, register } from '../downloads/testing/catalogFixture';
import { LiveSyncServer } from '../downloads/testing/liveSyncServer';
import { CollabDocsService } from './CollabDocsService';

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One desktop host of the listener: its own SQLite database; `online` decides whether it gets a token. */
class Device {
  readonly db: EncoreDatabase;
  readonly events = new HostEventBus();
  docs!: CollabDocsService;

  constructor(
    dir: string,
    private readonly auth: AuthResponse,
    private readonly server: LiveSyncServer,
    public online: boolean,
  ) {
    this.db = openDatabase({ path: path.join(dir, 'encore.sqlite') });
    this.start();
  }

  start(): void {
    const session = async () => ({ state: 'signed-in', user: this.auth.user, accessToken: this.online ? this.auth.accessToken : null, offline: !this.online }) as Session;
    this.docs = new CollabDocsService({ db: this.db, events: this.events, session, accessToken: async () => (this.online ? this.auth.accessToken : null), syncServerUrl: () => this.server.url, log: silentLogger(), baseBackoffMs: 50, maxBackoffMs: 200 });
  }

  restart(): void {
    this.docs.dispose();
    this.start();
  }

  goOnline(): void {
    this.online = true;
    this.events.emit('connectivity.changed', { syncServer: 'online', checkedAt: new Date().toISOString() });
  }

  dispose(): void {
    this.docs.dispose();
    this.db.dispose();
  }
}

describe('likes and saves: the library-state document and the server agree (two desktops, a Subsonic-like REST client)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: LiveSyncServer;
  let listener: AuthResponse;
  let trackId: string;
  let albumId: string;
  const devices: Device[] = [];

  beforeAll(async () => {
    tmp = tempDir('encore-server-marks-');
    server = await LiveSyncServer.start(path.join(tmp.dir, 'server'));
    const artist = await register(server.url, 'marksartist', 'artist');
    const { album } = (await (await call(server.url, 'POST', '/api/albums', { token: artist.accessToken, json: { title: 'Quiet Hours', albumType: 'ep' } })).json()) as { album: { id: string } };
    albumId = album.id;
    trackId = (await publishNoise(server.url, artist.accessToken, tmp.dir, 'Dawn Chorus', 2, albumId)).id;
    listener = await register(server.url, 'markslistener');
  }, 300_000);
  afterAll(async () => {
    for (const d of devices) d.dispose();
    await server?.stop();
    tmp?.cleanup();
  });

  const serverIds = async (kind: 'likes' | 'saves'): Promise<string[]> => {
    const page = (await (await call(server.url, 'GET', `/api/me/${kind}`, { token: listener.accessToken })).json()) as { items: { track?: { id: string }; album?: { id: string } }[] };
    return page.items.map((i) => (i.track ?? i.album)!.id);
  };

  it('a like made offline reaches the server on reconnect and the second device; server-side changes come back; an offline unsave survives a restart', async () => {
    const laptop = new Device(path.join(tmp.dir, 'laptop'), listener, server, false);
    const desktop = new Device(path.join(tmp.dir, 'desktop'), listener, server, true);
    devices.push(laptop, desktop);
    await Promise.all([laptop.docs.refresh(), desktop.docs.refresh()]);

    // Offline: the like is in the document at once, not on the server.
    expect(laptop.docs.setLiked(trackId, true).likedTracks).toEqual([trackId]);
    await laptop.docs.marksSettled();
    expect(await serverIds('likes')).toEqual([]);

    // Online again: the document syncs, the merge PUTs the like; the other desktop has it too.
    laptop.goOnline();
    await until(async () => (await serverIds('likes')).includes(trackId), 'the like on the server');
    await until(() => desktop.docs.libraryState().likedTracks.includes(trackId), 'the like on the second desktop');

    // A Subsonic client unstars the track and stars the album: the next merge brings both into the document.
    await call(server.url, 'DELETE', `/api/me/likes/tracks/${trackId}`, { token: listener.accessToken });
    await call(server.url, 'PUT', `/api/me/saves/albums/${albumId}`, { token: listener.accessToken });
    await desktop.docs.refresh();
    await desktop.docs.marksSettled();
    await until(() => laptop.docs.libraryState().savedAlbums.includes(albumId) && laptop.docs.libraryState().likedTracks.length === 0, 'the server’s changes on the laptop');
    expect(desktop.docs.libraryState()).toMatchObject({ likedTracks: [], savedAlbums: [albumId] });
    await laptop.docs.marksSettled();
    expect(await serverIds('likes')).toEqual([]); // nobody pushed the old like back

    // Offline again, the laptop unsaves the album and quits; back online after a restart, the unsave reaches the server.
    laptop.online = false;
    laptop.restart();
    await laptop.docs.refresh();
    laptop.docs.setSaved(albumId, false);
    laptop.restart();
    await laptop.docs.refresh();
    expect(laptop.docs.libraryState().savedAlbums).toEqual([]);
    laptop.goOnline();
    await until(async () => (await serverIds('saves')).length === 0, 'the unsave on the server');
    await until(() => desktop.docs.libraryState().savedAlbums.length === 0, 'the unsave on the second desktop');

    // A like made online goes straight to the server.
    desktop.docs.setLiked(trackId, true);
    await desktop.docs.marksSettled();
    expect(await serverIds('likes')).toEqual([trackId]);
  }, 240_000);
});
