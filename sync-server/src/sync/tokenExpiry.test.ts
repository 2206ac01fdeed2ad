import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuthResponse } from '@encore/shared/api/auth';
import { SyncCloseCode } from '@encore/shared/api/studio';
import { describeEachDatabase } from '../test/databases';
import { api, closed, rawSocket, sharedProject, signUp, startSyncServer, type SyncTestServer } from '../test/syncClients';

describeEachDatabase('sync sockets and access-token expiry', (db) => {
  let server: SyncTestServer;
  beforeAll(async () => {
    // JWT expiry has one-second resolution: two seconds leaves room to see the socket open first.
    server = await startSyncServer(db(), { config: { accessTokenTtlMs: 2_000 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('closes a socket with 4401 when the token that opened it expires; a fresh token connects again', async () => {
    const alice = await signUp(server.url, 'exp');
    const docId = await sharedProject(server.url, alice);
    const opened = await rawSocket(`${server.wsUrl}/${docId}?token=${alice.token}`);
    if (!opened.ws) throw new Error(`refused: ${opened.status}`);
    const done = closed(opened.ws, 15_000);
    expect(opened.ws.readyState).toBe(opened.ws.OPEN);
    expect(await done).toEqual({ code: SyncCloseCode.UNAUTHENTICATED, reason: expect.stringContaining('expired') as string });
    // The expired token is now refused at the upgrade; a fresh one (login) is let in.
    expect((await rawSocket(`${server.wsUrl}/${docId}?token=${alice.token}`)).status).toBe(401);
    const login = await api(server.url, 'POST', '/api/auth/login', { json: { login: alice.username, password: 'correct horse battery staple' } });
    const fresh = AuthResponse.parse(login.body).accessToken;
    const again = await rawSocket(`${server.wsUrl}/${docId}?token=${fresh}`);
    expect(again.ws?.readyState).toBe(again.ws?.OPEN);
    again.ws?.close();
  }, 30_000);
});
