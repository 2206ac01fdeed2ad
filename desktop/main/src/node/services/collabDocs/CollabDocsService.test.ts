import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@encore/shared/host/contract';
import { HostEventBus } from '../../../common/hostEventBus';
import { openDatabase, type EncoreDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { LiveSyncServer } from '../downloads/testing/liveSyncServer';
import { CollabDocsService } from './CollabDocsService';

const TRACK = '3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
const ALBUM = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

interface Account {
  id: string;
  username: string;
  token: string;
}

async function json(url: string, method: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? null : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

async function until(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** One desktop host: its own data folder and SQLite database, signed in as `account` (or offline). */
class Device {
  readonly db: EncoreDatabase;
  readonly events = new HostEventBus();
  docs: CollabDocsService;
  online = true;

  constructor(
    readonly dir: string,
    readonly account: Account,
    private readonly server: LiveSyncServer,
  ) {
    this.db = openDatabase({ path: path.join(dir, 'encore.sqlite') });
    this.docs = this.start();
  }

  start(): CollabDocsService {
    const session = async () => ({ state: 'signed-in', user: { id: this.account.id, username: this.account.username }, accessToken: this.online ? this.account.token : null, offline: !this.online }) as unknown as Session;
    this.docs = new CollabDocsService({ db: this.db, events: this.events, session, accessToken: async () => (this.online ? this.account.token : null), syncServerUrl: () => this.server.url, log: silentLogger(), baseBackoffMs: 50, maxBackoffMs: 200 });
    return this.docs;
  }

  /** Quits the app: the service goes, the database file stays. */
  restart(): void {
    this.docs.dispose();
    this.start();
  }

  dispose(): void {
    this.docs.dispose();
    this.db.dispose();
  }
}

describe('collaborative playlists and library state: two desktop hosts against the real sync-server', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: LiveSyncServer;
  let alice: Account;
  let bob: Account;
  const devices: Device[] = [];
  beforeAll(async () => {
    tmp = tempDir('encore-collab-docs-');
    server = await LiveSyncServer.start(path.join(tmp.dir, 'server'));
    const accounts: Account[] = [];
    for (const name of ['alice', 'bob']) {
      const username = `${name}${randomBytes(3).toString('hex')}`;
      const auth = await json(`${server.url}/api/auth/register`, 'POST', { email: `${username}@example.com`, username, password: 'correct horse battery staple' });
      accounts.push({ id: (auth.user as { id: string }).id, username, token: String(auth.accessToken) });
    }
    [alice, bob] = accounts as [Account, Account];
  }, 300_000);
  afterAll(async () => {
    for (const d of devices) d.dispose();
    await server?.stop();
    tmp?.cleanup();
  });
  const device = (name: string, account: Account) => {
    const d = new Device(path.join(tmp.dir, name), account, server);
    devices.push(d);
    return d;
  };

  it('a playlist syncs between two hosts with who added what, survives a restart offline, and merges offline edits', async () => {
    const a = device('alice-desktop', alice);
    const b = device('bob-desktop', bob);
    await a.docs.refresh();
    const created = await a.docs.createPlaylist('Road trip');
    await a.docs.invite(created.id, bob.username, 'editor');
    a.docs.addEntry(created.id, { track: { kind: 'catalog', trackId: TRACK }, title: 'Highway', artist: 'The Band' });

    await b.docs.refresh();
    expect(b.docs.listPlaylists().map((p) => [p.id, p.role])).toEqual([[created.id, 'editor']]);
    await until(() => b.docs.getPlaylist(created.id).entries.length === 1, 'the entry on bob’s host');
    b.docs.addEntry(created.id, { track: { kind: 'local', sha256: 'b'.repeat(64) }, title: 'Demo take', artist: 'Bob' });
    await until(() => a.docs.getPlaylist(created.id).entries.length === 2, 'bob’s entry on alice’s host');
    expect(a.docs.getPlaylist(created.id)).toMatchObject({ name: 'Road trip', role: 'owner', state: 'synced' });
    expect(a.docs.getPlaylist(created.id).entries.map((e) => [e.title, e.addedBy.username])).toEqual([['Highway', alice.username], ['Demo take', bob.username]]);
    expect((await a.docs.members(created.id)).map((m) => [m.username, m.role])).toEqual([[alice.username, 'owner'], [bob.username, 'editor']]);

    // Alice quits and comes back offline: the replica is read from her SQLite database.
    a.online = false;
    a.restart();
    await a.docs.refresh();
    expect(a.docs.getPlaylist(created.id).entries.map((e) => e.title)).toEqual(['Highway', 'Demo take']);
    expect(a.docs.getPlaylist(created.id).state).toBe('offline');
    const [first] = a.docs.getPlaylist(created.id).entries;
    a.docs.moveEntry(created.id, first!.id, 1); // offline edit
    b.docs.addEntry(created.id, { track: { kind: 'catalog', trackId: TRACK }, title: 'Meanwhile', artist: 'Bob', index: 0 });
    // Online again: both edits merge on both hosts.
    a.online = true;
    a.events.emit('connectivity.changed', { syncServer: 'online', checkedAt: new Date().toISOString() });
    const titles = (d: Device) => d.docs.getPlaylist(created.id).entries.map((e) => e.title).join(',');
    await until(() => titles(a) === 'Meanwhile,Demo take,Highway' && titles(b) === titles(a), 'offline edits merged');

    // A removed member's host stops syncing and drops the playlist.
    await json(`${server.url}/api/playlists/collab/${created.id}/collaborators/${bob.id}`, 'DELETE', undefined, alice.token);
    await until(() => b.docs.listPlaylists().length === 0, 'the playlist gone from bob’s host');
  }, 180_000);

  it('a viewer’s host refuses edits locally', async () => {
    const a = device('alice-desktop-2', alice);
    const b = device('bob-desktop-2', bob);
    await a.docs.refresh();
    const created = await a.docs.createPlaylist('Listen only');
    await a.docs.invite(created.id, bob.username, 'viewer');
    await b.docs.refresh();
    expect(() => b.docs.addEntry(created.id, { track: { kind: 'catalog', trackId: TRACK }, title: 'x', artist: 'y' })).toThrow(/not change/);
  }, 60_000);

  it('the user’s library state (likes, saved albums, player settings) converges across two of their devices', async () => {
    const laptop = device('alice-laptop', alice);
    const desktop = device('alice-desktop-3', alice);
    await Promise.all([laptop.docs.refresh(), desktop.docs.refresh()]);
    laptop.docs.setLiked(TRACK, true);
    laptop.docs.setSettings({ crossfadeSec: 6, normalization: 'album', targetLufs: -16, quality: 'lossless' });
    desktop.docs.setSaved(ALBUM, true);
    const same = () => JSON.stringify({ ...laptop.docs.libraryState(), state: null }) === JSON.stringify({ ...desktop.docs.libraryState(), state: null });
    await until(() => same() && desktop.docs.libraryState().likedTracks.length === 1 && laptop.docs.libraryState().savedAlbums.length === 1, 'library state converged');
    expect(desktop.docs.libraryState()).toMatchObject({ likedTracks: [TRACK], savedAlbums: [ALBUM], settings: { crossfadeSec: 6, normalization: 'album', targetLufs: -16, quality: 'lossless' } });
    // Bob cannot open Alice's document: his host keeps his own.
    const bobs = device('bob-laptop', bob);
    await bobs.docs.refresh();
    expect(bobs.docs.libraryState().likedTracks).toEqual([]);
  }, 60_000);
});
