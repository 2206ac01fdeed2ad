import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '@encore/shared/host/contract';
import { EncoreError } from '@encore/shared/errors';
import { HostEventBus } from '../../../common/hostEventBus';
import { openDatabase, type EncoreDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { ConnectivityService } from '../connectivity/ConnectivityService';
import { AccountService } from './AccountService';
import { AuthApi } from './authApi';
import { PASSWORD, startFakeAuthServer, type FakeAuthServer } from './fakeAuthServer';

interface Host {
  db: EncoreDatabase;
  events: HostEventBus;
  connectivity: ConnectivityService;
  account: AccountService;
  sessions: Session[];
  close(): Promise<void>;
}

describe('AccountService', () => {
  let server: FakeAuthServer;
  let tmp: ReturnType<typeof tempDir>;
  let clock = 0;
  const open: Host[] = [];

  beforeEach(async () => {
    server = await startFakeAuthServer();
    tmp = tempDir();
    clock = Date.parse('2025-06-01T12:00:00Z');
  });
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
    await server.close();
    tmp.cleanup();
  });

  /** A host process: opening it twice on the same folder is a restart. */
  function startHost(): Host {
    const log = silentLogger();
    const db = openDatabase({ path: `${tmp.dir}/encore.db` });
    const events = new HostEventBus();
    const connectivity = new ConnectivityService({ syncServerUrl: () => server.url, events, log, minBackoffMs: 20, maxBackoffMs: 50, timeoutMs: 500 });
    const account = new AccountService({ db, events, connectivity, syncServerUrl: () => server.url, log, now: () => new Date(clock), api: new AuthApi({ timeoutMs: 1000 }) });
    const sessions: Session[] = [];
    events.on('session.changed', (s) => sessions.push(s));
    const h: Host = {
      db, events, connectivity, account, sessions,
      async close() {
        await account.dispose();
        connectivity.dispose();
        events.dispose();
        db.dispose();
      },
    };
    open.push(h);
    return h;
  }
  const storedRefreshToken = (h: Host) => h.db.sqlite.prepare('SELECT refresh_token FROM account').pluck().get() as string | undefined;
  const signUp = (h: Host) => h.account.signUp({ email: 'ada@example.com', username: 'ada', password: PASSWORD });

  it('signs up and in, keeping the refresh token in SQLite only', async () => {
    const h = startHost();
    const s = await signUp(h);
    expect(s).toMatchObject({ state: 'signed-in', offline: false, user: { username: 'ada' } });
    expect(JSON.stringify(s)).not.toContain(storedRefreshToken(h));
    expect(server.live.has(storedRefreshToken(h) ?? '')).toBe(true);

    const again = await h.account.signIn({ login: 'ada', password: PASSWORD });
    expect(again.state).toBe('signed-in');
    expect(server.live.has(storedRefreshToken(h) ?? '')).toBe(true);
    expect(h.sessions.map((x) => x.state)).toContain('signed-in');
  });

  it('passes the server error code through', async () => {
    const h = startHost();
    await expect(h.account.signIn({ login: 'nobody', password: 'x' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await signUp(h);
    await expect(signUp(h)).rejects.toBeInstanceOf(EncoreError);
  });

  it('rotates: a refresh stores the new refresh token', async () => {
    const h = startHost();
    await signUp(h);
    const first = storedRefreshToken(h);
    const firstAccess = (await h.account.accessToken()).accessToken;
    clock += 899_000; // within the refresh margin of a 900 s token
    const { accessToken } = await h.account.accessToken();
    expect(accessToken).not.toBe(firstAccess);
    const second = storedRefreshToken(h);
    expect(second).not.toBe(first);
    expect(server.live.has(second ?? '')).toBe(true);
    expect(server.live.has(first ?? '')).toBe(false);
  });

  it('refreshes once for concurrent callers (rotation would otherwise look like reuse)', async () => {
    const h = startHost();
    await signUp(h);
    clock += 899_000;
    const before = server.requests.length;
    const tokens = await Promise.all([h.account.accessToken(), h.account.accessToken(), h.account.session()]);
    expect(server.requests.slice(before).filter((r) => r.includes('refresh-token'))).toHaveLength(1);
    expect(tokens[0]?.accessToken).toBeTruthy();
    expect((await h.account.session()).state).toBe('signed-in');
  });

  it('signs out when the server reports a reused refresh token', async () => {
    const h = startHost();
    await signUp(h);
    const stolen = storedRefreshToken(h);
    clock += 899_000;
    await h.account.accessToken();
    await h.close();
    open.splice(0);
    // A restored backup holds the already-used token: the server sees reuse.
    const raw = openDatabase({ path: `${tmp.dir}/encore.db` });
    raw.sqlite.prepare('UPDATE account SET refresh_token = ?, access_token = NULL').run(stolen);
    raw.dispose();

    const h2 = startHost();
    expect(await h2.account.session()).toEqual({ state: 'signed-out' });
    expect(h2.sessions).toEqual([{ state: 'signed-out' }]);
    expect(storedRefreshToken(h2)).toBeUndefined();
  });

  it.each(['TOKEN_INVALID', 'TOKEN_EXPIRED'] as const)('signs out on %s', async (code) => {
    const h = startHost();
    await signUp(h);
    clock += 899_000;
    server.failNextRefresh = code;
    expect(await h.account.accessToken()).toEqual({ accessToken: null });
    expect(h.sessions.at(-1)).toEqual({ state: 'signed-out' });
  });

  it('stays signed in from the cache while the server is down, then refreshes silently', async () => {
    const h = startHost();
    await signUp(h);
    await h.close();
    open.splice(0);

    server.down = true;
    clock += 3_600_000; // the cached access token has expired
    const h2 = startHost();
    const offline = await h2.account.session();
    expect(offline).toMatchObject({ state: 'signed-in', offline: true, accessToken: null, user: { username: 'ada' } });
    expect(h2.connectivity.current().syncServer).toBe('offline');

    server.down = false;
    await expect.poll(() => h2.sessions.at(-1), { timeout: 3000 }).toMatchObject({ state: 'signed-in', offline: false });
    expect((await h2.account.accessToken()).accessToken).toMatch(/^a-/);
  });

  it('keeps the session on a server fault that is not about the token', async () => {
    const h = startHost();
    await signUp(h);
    clock += 899_000;
    server.failNextRefresh = 'SERVICE_UNAVAILABLE';
    expect(await h.account.session()).toMatchObject({ state: 'signed-in', offline: true, accessToken: null });
  });

  it('signs out while offline, and refuses to sign in offline with OFFLINE', async () => {
    const h = startHost();
    await signUp(h);
    server.down = true;
    expect(await h.account.signOut()).toEqual({ state: 'signed-out' });
    expect(storedRefreshToken(h)).toBeUndefined();
    expect(h.sessions.at(-1)).toEqual({ state: 'signed-out' });
    await expect(h.account.signIn({ login: 'ada', password: PASSWORD })).rejects.toMatchObject({ code: 'OFFLINE' });
  });

  it('tells the server on sign-out when it can', async () => {
    const h = startHost();
    await signUp(h);
    const token = storedRefreshToken(h) ?? '';
    await h.account.signOut();
    await h.account.dispose(); // waits for the best-effort logout
    expect(server.live.has(token)).toBe(false);
  });
});
