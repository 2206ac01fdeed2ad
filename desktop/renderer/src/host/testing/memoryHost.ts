import { hostContract, hostEvents, isHostMethod, type AppInfo, type Connectivity, type HostEvent, type HostMethod, type Session, type Settings } from '@encore/shared/host/contract';
import type { AccountUser } from '@encore/shared/domain/user';
import type { ErrorCode } from '@encore/shared/errors';
import type { Result } from '@encore/shared/result';
import type { HostLink, HostLinkStatus } from '../link';
import { accountUser } from './fixtures';
import { createMemoryProjects, type MemoryProjectSeed } from './memoryProjects';
import { createMemoryLibrary, type MemoryLibrarySeed } from './memoryLibrary';
import { createMemoryDownloads, type MemoryDownloadsSeed } from './memoryDownloads';
import { createMemorySharedPlaylists, type MemorySharedPlaylistsSeed } from './memorySharedPlaylists';

type HostError = { code: ErrorCode; message: string; details?: Record<string, unknown> };

interface Account {
  user: AccountUser;
  password: string;
}

export interface MemoryHostOptions {
  session?: Session;
  /** Accounts the fake sync-server knows, with their passwords. */
  accounts?: Account[];
  syncServer?: Connectivity['syncServer'];
  settings?: Partial<Settings>;
  appInfo?: Partial<AppInfo>;
  /** Projects on the host's "disk" when it starts. */
  projects?: MemoryProjectSeed[];
  /** The music library, its folders on the fake disk, the saved queue and analysis. */
  library?: MemoryLibrarySeed;
  /** Offline downloads the host holds when it starts. */
  downloads?: MemoryDownloadsSeed;
  /** Collaborative playlists the host keeps. */
  sharedPlaylists?: MemorySharedPlaylistsSeed;
  /** Delay of every reply, so tests can observe pending states. */
  latencyMs?: number;
}

/**
 * An in-memory desktop host for tests and screenshots: it behaves like the real host
 * (validates inputs with the contract, keeps a session, pushes `session.changed` and
 * `connectivity.changed`) without disk or network, and records every call.
 *
 * @example
 * const memory = createMemoryHost({ accounts: [{ user: accountUser(), password: 'correct horse 1' }] });
 * const host = createHostClient(memory.link);
 */
export function createMemoryHost(options: MemoryHostOptions = {}) {
  const accounts: Account[] = [...(options.accounts ?? [])];
  let session: Session = options.session ?? { state: 'signed-out' };
  let settings: Settings = {
    syncServerUrl: 'http://127.0.0.1:8787',
    mediaServerUrl: 'http://127.0.0.1:8788',
    theme: 'dark',
    ...options.settings,
  };
  let connectivity: Connectivity = { syncServer: options.syncServer ?? 'online', checkedAt: new Date().toISOString() };
  const appInfo: AppInfo = {
    name: 'Encore',
    version: '0.1.0',
    protocolVersion: 1,
    transport: 'browser',
    dataDir: '/home/mira/.local/share/encore',
    syncServerUrl: settings.syncServerUrl,
    mediaServerUrl: settings.mediaServerUrl,
    ...options.appInfo,
  };
  const failures = new Map<HostMethod, HostError>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: { method: HostMethod; params: unknown }[] = [];

  const emit = <E extends HostEvent>(event: E, payload: unknown) => {
    hostEvents[event].parse(payload);
    for (const l of [...(listeners.get(event) ?? [])]) l(payload);
  };
  const setSession = (next: Session) => {
    session = next;
    emit('session.changed', next);
    return next;
  };
  const err = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<unknown> => ({
    ok: false,
    error: { code, message, ...(details ? { details } : {}) },
  });
  const offline = () => connectivity.syncServer === 'offline';
  const signedIn = (user: AccountUser): Session => ({ state: 'signed-in', user, accessToken: `token-${user.id}`, offline: false });

  const projects = createMemoryProjects((event, payload) => emit(event, payload), options.projects);
  const library = createMemoryLibrary((event, payload) => emit(event, payload), options.library);
  const downloads = createMemoryDownloads((event, payload) => emit(event, payload), options.downloads);
  const sharedPlaylists = createMemorySharedPlaylists((event, payload) => emit(event, payload), options.sharedPlaylists);

  // Areas the in-memory host does not play answer BAD_REQUEST.
  const handlers: { [M in HostMethod]?: (params: never) => Result<unknown> | Promise<Result<unknown>> } = {
    ...projects.handlers,
    ...library.handlers,
    ...downloads.handlers,
    ...sharedPlaylists.handlers,
    'app.info': () => ({ ok: true, value: { ...appInfo, syncServerUrl: settings.syncServerUrl, mediaServerUrl: settings.mediaServerUrl } }),
    'settings.get': () => ({ ok: true, value: settings }),
    'settings.update': (patch: Partial<Settings>) => {
      settings = { ...settings, ...patch };
      return { ok: true, value: settings };
    },
    'connectivity.check': () => {
      connectivity = { ...connectivity, checkedAt: new Date().toISOString() };
      return { ok: true, value: connectivity };
    },
    'account.session': () => ({ ok: true, value: session }),
    'account.signUp': (input: { email: string; username: string; password: string; displayName?: string; role?: 'listener' | 'artist' | 'streamer' }) => {
      if (offline()) return err('OFFLINE', 'The sync server is not reachable.');
      if (accounts.some((a) => a.user.email === input.email)) return err('EMAIL_TAKEN', 'This email is already registered.');
      if (accounts.some((a) => a.user.username.toLowerCase() === input.username.toLowerCase())) {
        return err('USERNAME_TAKEN', 'This username is taken.');
      }
      const user = accountUser({
        username: input.username,
        email: input.email,
        role: input.role ?? 'listener',
        profile: { ...accountUser().profile, displayName: input.displayName ?? '' },
      });
      accounts.push({ user, password: input.password });
      return { ok: true, value: setSession(signedIn(user)) };
    },
    'account.signIn': (input: { login: string; password: string }) => {
      if (offline()) return err('OFFLINE', 'The sync server is not reachable.');
      const login = input.login.toLowerCase();
      const account = accounts.find((a) => a.user.email === login || a.user.username.toLowerCase() === login);
      if (!account || account.password !== input.password) return err('INVALID_CREDENTIALS', 'Invalid login or password.');
      return { ok: true, value: setSession(signedIn(account.user)) };
    },
    'account.signOut': () => ({ ok: true, value: setSession({ state: 'signed-out' }) }),
    'account.accessToken': () => ({ ok: true, value: { accessToken: session.state === 'signed-in' ? session.accessToken : null } }),
  };

  const link: HostLink = {
    kind: 'memory',
    async call(method, params) {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      if (!isHostMethod(method)) return err('BAD_REQUEST', `Unknown method ${String(method)}`);
      calls.push({ method, params });
      const forced = failures.get(method);
      if (forced) {
        failures.delete(method);
        return { ok: false, error: forced };
      }
      const input = hostContract[method].input.safeParse(params);
      if (!input.success) return err('VALIDATION_FAILED', 'Invalid input', { issues: input.error.issues });
      const handler = handlers[method];
      if (!handler) return err('BAD_REQUEST', `The in-memory host does not serve ${method}`);
      return handler(input.data as never);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    status: (): HostLinkStatus => 'open',
    onStatus: () => () => {},
    dispose: () => listeners.clear(),
  };

  return {
    link,
    /** Every call the renderer made, in order. */
    calls,
    callsTo: (method: HostMethod) => calls.filter((c) => c.method === method),
    /** The next call to `method` fails with this error. */
    failNext(method: HostMethod, error: HostError) {
      failures.set(method, error);
    },
    /** The sync-server goes away or comes back; the host reports it as it would. */
    setSyncServer(state: Connectivity['syncServer']) {
      connectivity = { syncServer: state, checkedAt: new Date().toISOString() };
      emit('connectivity.changed', connectivity);
      if (session.state === 'signed-in') setSession({ ...session, offline: state === 'offline', accessToken: state === 'offline' ? null : session.accessToken });
    },
    /** The host's projects and their document replicas. */
    projects,
    /** The host's music library. */
    library,
    /** The host's offline downloads. */
    downloads,
    /** The host's collaborative playlists. */
    sharedPlaylists,
    get session() {
      return session;
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}
export type MemoryHost = ReturnType<typeof createMemoryHost>;
