import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CollabPlaylistListResponse, CollabPlaylistResponse } from '@encore/shared/api/collabPlaylists';
import { CollaboratorListResponse, SyncCloseCode, type StudioRole } from '@encore/shared/api/studio';
import { PlaylistDoc } from '@encore/shared/collab/playlistDoc';
import { LibraryStateDoc } from '@encore/shared/collab/libraryStateDoc';
import { docSnapshots, docUpdates } from '../db/schema/index';
import { describeEachDatabase } from '../test/databases';
import { api, client, rawSocket, sharedProject, signUp, startSyncServer, synced, waitFor, type Account, type SyncTestServer } from '../test/syncClients';

const TRACK = '3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';

describeEachDatabase('sync document kinds: projects, collaborative playlists, user library state', (db) => {
  let server: SyncTestServer;
  beforeAll(async () => {
    server = await startSyncServer(db());
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // the stock client warns on permission-denied
  });
  afterAll(async () => {
    await server.close();
  });

  async function playlist(owner: Account, members: [Account, StudioRole][] = []): Promise<string> {
    const res = await api(server.url, 'POST', '/api/playlists/collab', { token: owner.token, json: { name: '  Road trip ' } });
    expect(res.status).toBe(201);
    const { playlist: p } = CollabPlaylistResponse.parse(res.body);
    expect(p).toMatchObject({ name: 'Road trip', role: 'owner' });
    for (const [m, role] of members) expect((await api(server.url, 'POST', `/api/playlists/collab/${p.id}/collaborators`, { token: owner.token, json: { username: m.username, role } })).status).toBe(201);
    return p.id;
  }

  it('REST: owners manage playlists and members; members read; strangers see nothing', async () => {
    const [alice, bob, eve] = await Promise.all([signUp(server.url, 'alice'), signUp(server.url, 'bob'), signUp(server.url, 'eve')]);
    const id = await playlist(alice, [[bob, 'viewer']]);
    const listed = CollabPlaylistListResponse.parse((await api(server.url, 'GET', '/api/playlists/collab', { token: bob.token })).body);
    expect(listed.playlists.map((p) => [p.id, p.role])).toEqual([[id, 'viewer']]);
    expect((await api(server.url, 'GET', `/api/playlists/collab/${id}`, { token: eve.token })).status).toBe(404);
    expect((await api(server.url, 'PUT', `/api/playlists/collab/${id}`, { token: bob.token, json: { name: 'mine' } })).status).toBe(403);
    expect((await api(server.url, 'POST', `/api/playlists/collab/${id}/collaborators`, { token: bob.token, json: { username: eve.username, role: 'editor' } })).status).toBe(403);
    const renamed = await api(server.url, 'PUT', `/api/playlists/collab/${id}`, { token: alice.token, json: { description: 'for the drive' } });
    expect(CollabPlaylistResponse.parse(renamed.body).playlist.description).toBe('for the drive');
    expect((await api(server.url, 'POST', `/api/playlists/collab/${id}/collaborators`, { token: alice.token, json: { username: 'nobody-here', role: 'editor' } })).status).toBe(404);
    expect((await api(server.url, 'DELETE', `/api/playlists/collab/${id}/collaborators/${alice.userId}`, { token: alice.token })).status).toBe(409);
    const members = CollaboratorListResponse.parse((await api(server.url, 'GET', `/api/playlists/collab/${id}/collaborators`, { token: bob.token })).body);
    expect(members.collaborators.map((c) => [c.username, c.role])).toEqual([[alice.username, 'owner'], [bob.username, 'viewer']]);
    expect((await api(server.url, 'POST', '/api/playlists/collab', { token: alice.token, json: { name: '' } })).status).toBe(400);
    expect((await api(server.url, 'GET', '/api/playlists/collab')).status).toBe(401);
    expect((await api(server.url, 'DELETE', `/api/playlists/collab/${id}`, { token: bob.token })).status).toBe(403);
    expect((await api(server.url, 'DELETE', `/api/playlists/collab/${id}`, { token: alice.token })).status).toBe(204);
    expect((await api(server.url, 'GET', `/api/playlists/collab/${id}`, { token: alice.token })).status).toBe(404);
  });

  it('upgrade authorises by kind: members of a playlist, only its owner for a user doc; bad ids are 404', async () => {
    const [alice, bob] = await Promise.all([signUp(server.url, 'alice'), signUp(server.url, 'bob')]);
    const id = await playlist(alice);
    const status = async (docId: string, who: Account) => {
      const r = await rawSocket(`${server.wsUrl}/${encodeURIComponent(docId)}?token=${who.token}`);
      r.ws?.close();
      return r.ws ? 101 : r.status;
    };
    expect(await status(`playlist:${id}`, alice)).toBe(101);
    expect(await status(`playlist:${id}`, bob)).toBe(403);
    expect(await status('playlist:00000000-0000-4000-8000-000000000000', alice)).toBe(404);
    expect(await status(`user:${alice.userId}:library`, alice)).toBe(101);
    expect(await status(`user:${alice.userId}:library`, bob)).toBe(403);
    expect(await status(`user:${alice.userId}:likes`, alice)).toBe(404);
    expect(await status(`project:${id}`, alice)).toBe(404); // a playlist id is no project
    expect(await status('%E0%A4%A', alice)).toBe(404);
  });

  it('a project opens under its bare id and as project:<id>: one document', async () => {
    const alice = await signUp(server.url, 'alice');
    const docId = await sharedProject(server.url, alice);
    const a = client(server.wsUrl, docId, alice.token);
    const b = client(server.wsUrl, `project:${docId}`, alice.token);
    try {
      await Promise.all([synced(a), synced(b)]);
      a.doc.getMap('m').set('tempo', 128);
      await waitFor(() => b.doc.getMap('m').get('tempo') === 128);
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('a playlist syncs between members, drops a viewer’s edits, stores under its key, and closes a removed member at once', async () => {
    const [alice, bob, vic] = await Promise.all([signUp(server.url, 'alice'), signUp(server.url, 'bob'), signUp(server.url, 'vic')]);
    const id = await playlist(alice, [[bob, 'editor'], [vic, 'viewer']]);
    const docId = `playlist:${id}`;
    const [a, b, v] = [client(server.wsUrl, docId, alice.token), client(server.wsUrl, docId, bob.token), client(server.wsUrl, docId, vic.token)];
    try {
      await Promise.all([synced(a), synced(b), synced(v)]);
      const pa = new PlaylistDoc(a.doc);
      pa.setInfo({ name: 'Road trip' });
      const first = pa.add({ track: { kind: 'catalog', trackId: TRACK }, title: 'One', artist: 'A', addedBy: { userId: alice.userId, username: alice.username }, addedAt: new Date().toISOString() });
      const pb = new PlaylistDoc(b.doc);
      await waitFor(() => pb.view().entries.length === 1);
      pb.add({ track: { kind: 'local', sha256: 'a'.repeat(64) }, title: 'Two', artist: 'B', addedBy: { userId: bob.userId, username: bob.username }, addedAt: new Date().toISOString() }, 0);
      await waitFor(() => pa.view().entries.length === 2);
      const pv = new PlaylistDoc(v.doc);
      await waitFor(() => pv.view().entries.length === 2);
      pv.remove(first); // a viewer's edit: applied on its own replica only
      pa.move(first, 0);
      await waitFor(() => pb.view().entries[0]?.id === first && pv.view().entries.length === 1);
      expect(pa.view().entries.map((e) => e.addedBy.username)).toEqual([alice.username, bob.username]);
      await server.sync.flush();
      const rows = await server.encore.services.db.select({ docId: docUpdates.docId }).from(docUpdates).where(eq(docUpdates.docId, docId));
      expect(rows.length).toBeGreaterThan(0);
      // A late joiner gets everything from the server alone; the viewer's removal never landed.
      const late = client(server.wsUrl, docId, bob.token);
      await synced(late);
      expect(new PlaylistDoc(late.doc).view()).toEqual(pa.view());
      late.destroy();
      // Removal closes the removed member's socket at once.
      expect((await api(server.url, 'DELETE', `/api/playlists/collab/${id}/collaborators/${bob.userId}`, { token: alice.token })).status).toBe(204);
      await waitFor(() => b.closes.some((c) => c.code === SyncCloseCode.FORBIDDEN), 10_000, 'the removed member closed');
      expect(a.provider.wsconnected).toBe(true);
      // Deleting the playlist closes the rest and deletes its stored state.
      expect((await api(server.url, 'DELETE', `/api/playlists/collab/${id}`, { token: alice.token })).status).toBe(204);
      await waitFor(() => a.closes.some((c) => c.code === SyncCloseCode.FORBIDDEN), 10_000, 'the owner closed');
      await waitFor(async () => (await server.encore.services.db.select({ d: docUpdates.docId }).from(docUpdates).where(eq(docUpdates.docId, docId))).length === 0);
      expect(await server.encore.services.db.select({ d: docSnapshots.docId }).from(docSnapshots).where(eq(docSnapshots.docId, docId))).toEqual([]);
    } finally {
      for (const c of [a, b, v]) c.destroy();
    }
  });

  it("a user's library state converges across their devices", async () => {
    const alice = await signUp(server.url, 'alice');
    const docId = `user:${alice.userId}:library`;
    const [d1, d2] = [client(server.wsUrl, docId, alice.token), client(server.wsUrl, docId, alice.token)];
    try {
      await Promise.all([synced(d1), synced(d2)]);
      new LibraryStateDoc(d1.doc).setLiked(TRACK, true, new Date());
      new LibraryStateDoc(d2.doc).setSettings({ crossfadeSec: 4, quality: 'high' });
      const s1 = new LibraryStateDoc(d1.doc);
      const s2 = new LibraryStateDoc(d2.doc);
      await waitFor(() => JSON.stringify(s1.view()) === JSON.stringify(s2.view()) && s1.view().likedTracks.length === 1 && s1.view().settings.crossfadeSec === 4);
      expect(s2.view()).toEqual({ likedTracks: [TRACK], savedAlbums: [], settings: { crossfadeSec: 4, quality: 'high' } });
      expect(Y.encodeStateVector(d1.doc)).toEqual(Y.encodeStateVector(d2.doc));
    } finally {
      d1.destroy();
      d2.destroy();
    }
  });
});
