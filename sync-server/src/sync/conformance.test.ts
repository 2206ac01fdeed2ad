import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { SyncCloseCode } from '@encore/shared/api/studio';
import { describeEachDatabase } from '../test/databases';
import { client, closed, rawSocket, sameState, sharedProject, signUp, startSyncServer, synced, waitFor, type Account, type SyncTestServer } from '../test/syncClients';

describeEachDatabase('sync socket with the stock y-websocket client', (db) => {
  let server: SyncTestServer;
  let alice: Account;
  let bob: Account;
  beforeAll(async () => {
    server = await startSyncServer(db());
  });
  afterAll(async () => {
    await server.close();
  });
  // The stock client reports the y-protocols auth message (permission denied) with console.warn.
  let warnings: string[] = [];
  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void warnings.push(a.map(String).join(' ')));
  });
  afterEach(() => {
    warnings = [];
  });
  const fresh = async () => {
    alice = await signUp(server.url, 'alice');
    bob = await signUp(server.url, 'bob');
  };

  it('syncs two providers both ways, relays awareness, and stores the edits', async () => {
    await fresh();
    const docId = await sharedProject(server.url, alice, [[bob, 'editor']]);
    const a = client(server.wsUrl, docId, alice.token);
    const b = client(server.wsUrl, docId, bob.token);
    try {
      await Promise.all([synced(a), synced(b)]);
      a.doc.getText('t').insert(0, 'hello');
      b.doc.getMap('m').set('tempo', 120);
      a.provider.awareness.setLocalStateField('user', { name: 'alice' });
      await waitFor(() => sameState(a.doc, b.doc) && b.doc.getText('t').toString() === 'hello' && a.doc.getMap('m').get('tempo') === 120);
      await waitFor(() => [...b.provider.awareness.getStates().values()].some((s) => (s as { user?: { name: string } }).user?.name === 'alice'));
      await server.sync.flush();
      // A third client that connects later gets everything from the server alone.
      const c = client(server.wsUrl, docId, bob.token);
      await synced(c);
      expect(sameState(c.doc, a.doc)).toBe(true);
      c.destroy();
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('accepts the token in Sec-WebSocket-Protocol as bearer.<token>', async () => {
    await fresh();
    const docId = await sharedProject(server.url, alice);
    const r = await rawSocket(`${server.wsUrl}/${docId}`, ['encore-sync', `bearer.${alice.token}`]);
    expect(r.ws?.protocol).toBe('encore-sync');
    r.ws?.close();
  });

  it('refuses at the upgrade: no token 401, bad token 401, non-member 403, unknown document 404', async () => {
    await fresh();
    const docId = await sharedProject(server.url, alice);
    const none = await rawSocket(`${server.wsUrl}/${docId}`);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body ?? '{}').error.code).toBe('UNAUTHENTICATED');
    expect((await rawSocket(`${server.wsUrl}/${docId}?token=${alice.token}x`)).status).toBe(401);
    expect((await rawSocket(`${server.wsUrl}/${docId}?token=${bob.token}`)).status).toBe(403);
    expect((await rawSocket(`${server.wsUrl}/00000000-0000-4000-8000-000000000000?token=${alice.token}`)).status).toBe(404);
    expect((await rawSocket(`${server.wsUrl}/not-a-uuid?token=${alice.token}`)).status).toBe(404);
    expect((await rawSocket(`${server.url.replace('http', 'ws')}/elsewhere?token=${alice.token}`)).status).toBe(404);
  });

  it("drops a viewer's updates: not applied, not relayed, not stored; awareness still flows", async () => {
    await fresh();
    const docId = await sharedProject(server.url, alice, [[bob, 'viewer']]);
    const editor = client(server.wsUrl, docId, alice.token);
    const viewer = client(server.wsUrl, docId, bob.token);
    try {
      await Promise.all([synced(editor), synced(viewer)]);
      editor.doc.getText('t').insert(0, 'score');
      await waitFor(() => viewer.doc.getText('t').toString() === 'score');
      viewer.doc.getText('t').insert(0, 'VANDAL ');
      viewer.doc.getMap('m').set('x', 1);
      viewer.provider.awareness.setLocalStateField('cursor', 3);
      await waitFor(() => [...editor.provider.awareness.getStates().values()].some((s) => (s as { cursor?: number }).cursor === 3));
      editor.doc.getMap('m').set('after', true);
      await waitFor(() => viewer.doc.getMap('m').get('after') === true);
      await server.sync.flush();
      expect(editor.doc.getText('t').toString()).toBe('score');
      expect(warnings.some((w) => w.includes('viewers cannot edit this document'))).toBe(true);
      expect(editor.doc.getMap('m').has('x')).toBe(false);
      const fresh = client(server.wsUrl, docId, alice.token);
      await synced(fresh);
      expect(fresh.doc.getText('t').toString()).toBe('score');
      expect(fresh.doc.getMap('m').toJSON()).toEqual({ after: true });
      fresh.destroy();
    } finally {
      editor.destroy();
      viewer.destroy();
    }
  });

  it('closes a removed member at once, applies a role change to an open socket, and refuses them afterwards', async () => {
    await fresh();
    const docId = await sharedProject(server.url, alice, [[bob, 'viewer']]);
    const owner = client(server.wsUrl, docId, alice.token);
    const member = client(server.wsUrl, docId, bob.token);
    try {
      await Promise.all([synced(owner), synced(member)]);
      const promote = await fetch(`${server.url}/api/studio/projects/${docId}/collaborators`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username: bob.username, role: 'editor' }),
      });
      expect(promote.status).toBe(201);
      member.doc.getText('t').insert(0, 'now I can write');
      await waitFor(() => owner.doc.getText('t').toString() === 'now I can write');
      const removed = await fetch(`${server.url}/api/studio/projects/${docId}/collaborators/${bob.userId}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.token}` } });
      expect(removed.status).toBe(204);
      await waitFor(() => member.closes.some((c) => c.code === SyncCloseCode.FORBIDDEN), 2_000, 'removal close');
      expect(warnings.some((w) => w.includes('you were removed from this project'))).toBe(true);
      expect((await rawSocket(`${server.wsUrl}/${docId}?token=${bob.token}`)).status).toBe(403);
    } finally {
      owner.destroy();
      member.destroy();
    }
  });

  it('closes every socket of a deleted project', async () => {
    await fresh();
    const docId = await sharedProject(server.url, alice);
    const r = await rawSocket(`${server.wsUrl}/${docId}?token=${alice.token}`);
    const ws = r.ws;
    if (!ws) throw new Error('no socket');
    const done = closed(ws);
    const del = await fetch(`${server.url}/api/studio/projects/${docId}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.token}` } });
    expect(del.status).toBe(204);
    expect((await done).code).toBe(SyncCloseCode.FORBIDDEN);
  });
}, { truncate: false });
