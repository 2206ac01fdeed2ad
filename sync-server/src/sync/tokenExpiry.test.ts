import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SyncCloseCode } from '@encore/shared/api/studio';
import { Role } from '@encore/shared/domain/user';
import { systemClock } from '../clock';
import { AccessTokens } from '../services/accessTokens';
import { describeEachDatabase } from '../test/databases';
import { closed, rawSocket, sharedProject, signUp, startSyncServer, type SyncTestServer } from '../test/syncClients';

describeEachDatabase('sync sockets and access-token expiry', (db) => {
  let server: SyncTestServer;
  beforeAll(async () => {
    server = await startSyncServer(db());
  });
  afterAll(async () => {
    await server.close();
  });

  it('closes a socket with 4401 when the token that opened it expires; a fresh token connects again', async () => {
    const alice = await signUp(server.url, 'exp');
    const docId = await sharedProject(server.url, alice);
    // A token of Alice's live session that expires in a few seconds (the server's own key; JWT expiry has 1 s resolution).
    const claims = decodeJwt(alice.token);
    const shortLived = await new AccessTokens({ secret: server.encore.services.config.jwtSecret, ttlMs: 4_000, clock: systemClock }).sign({ sub: String(claims.sub), role: Role.parse(claims.role), sid: String(claims.sid) });
    const opened = await rawSocket(`${server.wsUrl}/${docId}?token=${shortLived}`);
    if (!opened.ws) throw new Error(`refused: ${opened.status}`);
    const done = closed(opened.ws, 30_000);
    expect(opened.ws.readyState).toBe(opened.ws.OPEN);
    expect(await done).toEqual({ code: SyncCloseCode.UNAUTHENTICATED, reason: expect.stringContaining('expired') as string });
    // The expired token is now refused at the upgrade; a fresh one of the same session is let in.
    expect((await rawSocket(`${server.wsUrl}/${docId}?token=${shortLived}`)).status).toBe(401);
    const again = await rawSocket(`${server.wsUrl}/${docId}?token=${alice.token}`);
    expect(again.ws?.readyState).toBe(again.ws?.OPEN);
    again.ws?.close();
  }, 60_000);
});
