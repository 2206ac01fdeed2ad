import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccountUser } from '@encore/shared/domain/user';
import type { ErrorCode } from '@encore/shared/errors';

/**
 * A stand-in for the sync-server's /api/auth wire format, for the host's tests only (the
 * host may not import the sync-server; the e2e suite covers the real one). Rotation and
 * reuse detection behave like the real server: a used refresh token answers TOKEN_REUSED.
 */
export interface FakeAuthServer {
  url: string;
  /** Every refresh token the server has issued and not yet seen used. */
  readonly live: Set<string>;
  readonly requests: string[];
  expiresIn: number;
  /** While true, every connection is dropped: the server looks unreachable. */
  down: boolean;
  /** Next refresh answers this error instead (once). */
  failNextRefresh: ErrorCode | null;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

export function fakeUser(username = 'ada'): AccountUser {
  const t = '2025-01-01T00:00:00.000Z';
  return {
    id: randomUUID(), username, role: 'artist', isVerified: true, createdAt: t, updatedAt: t, email: `${username}@example.com`,
    profile: { displayName: 'Ada', bio: '', avatar: '', banner: '', country: '', language: 'en', theme: 'dark', badges: [] },
    subscriptionTier: 'free', subscriptionExpiry: null, balance: 0, lastLoginAt: null, isActive: true,
    preferences: { audioQuality: 'high', crossfade: false, crossfadeDuration: 0, explicitContent: true, privateSession: false, notifications: { email: true, push: true, newReleases: true, social: true } },
  };
}

export async function startFakeAuthServer(port = 0): Promise<FakeAuthServer> {
  const users = new Map<string, AccountUser>();
  const used = new Set<string>();
  const access = new Map<string, string>();
  const state = { live: new Set<string>(), requests: [] as string[], expiresIn: 900, failNextRefresh: null as ErrorCode | null, down: false };

  const issue = (user: AccountUser) => {
    const refreshToken = `r-${randomUUID()}`;
    const accessToken = `a-${randomUUID()}`;
    state.live.add(refreshToken);
    access.set(accessToken, user.username);
    return { accessToken, refreshToken, expiresIn: state.expiresIn, tokenType: 'Bearer', user };
  };
  const owner = new Map<string, string>();

  const server = http.createServer((req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      state.requests.push(`${req.method} ${req.url}`);
      const send = (status: number, json?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(json === undefined ? undefined : JSON.stringify(json));
      };
      const fail = (status: number, code: ErrorCode, message: string) => send(status, { error: { code, message, timestamp: new Date().toISOString(), requestId: randomUUID() } });
      const b = (body ? JSON.parse(body) : {}) as Record<string, string>;
      const withOwner = (r: ReturnType<typeof issue>) => (owner.set(r.refreshToken, r.user.username), r);

      switch (`${req.method} ${req.url}`) {
        case 'GET /health':
          return send(200, { status: 'ok' });
        case 'POST /api/auth/register': {
          const username = b.username ?? '';
          if (users.has(username)) return fail(409, 'USERNAME_TAKEN', 'That username is taken');
          const user = { ...fakeUser(username), email: b.email ?? '' };
          users.set(username, user);
          return send(201, withOwner(issue(user)));
        }
        case 'POST /api/auth/login': {
          const user = users.get(b.login ?? '');
          if (!user || b.password !== PASSWORD) return fail(401, 'INVALID_CREDENTIALS', 'Wrong login or password');
          return send(200, withOwner(issue(user)));
        }
        case 'POST /api/auth/refresh-token': {
          const token = b.refreshToken ?? '';
          if (state.failNextRefresh) {
            const code = state.failNextRefresh;
            state.failNextRefresh = null;
            return fail(code === 'SERVICE_UNAVAILABLE' ? 503 : 401, code, 'refused');
          }
          if (used.has(token)) return fail(401, 'TOKEN_REUSED', 'Refresh token reuse detected');
          const who = owner.get(token);
          const user = who ? users.get(who) : undefined;
          if (!state.live.has(token) || !user) return fail(401, 'TOKEN_INVALID', 'Unknown refresh token');
          state.live.delete(token);
          used.add(token);
          return send(200, withOwner(issue(user)));
        }
        case 'POST /api/auth/logout':
          state.live.delete(b.refreshToken ?? '');
          return send(204);
        case 'GET /api/auth/me': {
          const who = access.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
          const user = who ? users.get(who) : undefined;
          return user ? send(200, { user }) : fail(401, 'UNAUTHENTICATED', 'Sign in');
        }
        default:
          return fail(404, 'ROUTE_NOT_FOUND', 'No such route');
      }
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
