import type { RegisterAccountRequest } from '@encore/shared/api/account';
import type { AuthResponse, LoginRequest } from '@encore/shared/api/auth';
import { EncoreError, type ErrorCode } from '@encore/shared/errors';
import type { Session } from '@encore/shared/host/contract';
import type { Disposable } from '../../../common/disposable';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { EncoreDatabase } from '../../db/database';
import type { Logger } from '../../logger';
import type { ConnectivityService } from '../connectivity/ConnectivityService';
import { clearAccount, loadAccount, saveAccount, type StoredAccount } from './accountStore';
import { AuthApi, UnreachableError } from './authApi';

export interface AccountServiceOptions {
  db: EncoreDatabase;
  events: HostEventBus;
  connectivity: ConnectivityService;
  /** Where new sign-ins go (the current setting). An existing session keeps its own server. */
  syncServerUrl: () => string;
  log: Logger;
  api?: AuthApi;
  now?: () => Date;
  /** Refresh this long before the access token expires. */
  refreshMarginMs?: number;
  /** How long dispose() waits for background requests (server logout) before aborting them. */
  disposeGraceMs?: number;
}

/** The server says this refresh token is dead: the session cannot be resumed. */
const SESSION_ENDED: ReadonlySet<ErrorCode> = new Set(['TOKEN_REUSED', 'TOKEN_INVALID', 'TOKEN_EXPIRED']);

/**
 * The account session. Holds the refresh token (which never leaves the host), rotates it on
 * every refresh, and keeps a signed-in user signed in while the server cannot be reached
 * (Session.offline, no access token), refreshing silently when connectivity returns.
 *
 * @example
 * const account = new AccountService({ db, events, connectivity, syncServerUrl: () => url, log });
 * await account.signIn({ login: 'ada', password: 'correct horse battery' });
 * const { accessToken } = await account.accessToken();
 */
export class AccountService implements Disposable {
  private stored: StoredAccount | null;
  private offline = false;
  private refreshing: Promise<void> | null = null;
  private lastPublished: string;
  private readonly api: AuthApi;
  private readonly background = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly o: AccountServiceOptions) {
    this.api = o.api ?? new AuthApi();
    this.stored = loadAccount(o.db, o.log);
    this.lastPublished = JSON.stringify(this.snapshot());
    this.unsubscribe = o.events.on('connectivity.changed', (c) => {
      if (c.syncServer === 'online' && this.stored && (this.offline || this.isStale(this.stored))) this.track(this.refresh());
    });
  }

  /** The session now; refreshes first when the access token is missing or about to expire. */
  async session(): Promise<Session> {
    // While known offline, answer from the cache at once; the return to online refreshes.
    const knownOffline = this.offline && this.o.connectivity.current().syncServer === 'offline';
    if (this.stored && this.isStale(this.stored) && !knownOffline) await this.refresh();
    return this.snapshot();
  }

  async accessToken(): Promise<{ accessToken: string | null }> {
    const s = await this.session();
    return { accessToken: s.state === 'signed-in' ? s.accessToken : null };
  }

  async signUp(req: RegisterAccountRequest): Promise<Session> {
    const base = this.o.syncServerUrl();
    return this.establish(base, await this.online(() => this.api.register(base, req)));
  }

  async signIn(req: LoginRequest): Promise<Session> {
    const base = this.o.syncServerUrl();
    return this.establish(base, await this.online(() => this.api.login(base, req)));
  }

  /** Signs out locally at once (works offline); telling the server is best-effort. */
  async signOut(): Promise<Session> {
    const previous = this.stored;
    clearAccount(this.o.db);
    this.stored = null;
    this.offline = false;
    this.publish();
    if (previous) this.endRemotely(previous);
    return this.snapshot();
  }

  /** Gives a best-effort logout a moment to reach the server, then aborts what is left. */
  async dispose(): Promise<void> {
    this.unsubscribe();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((r) => (timer = setTimeout(r, this.o.disposeGraceMs ?? 1_000)));
    await Promise.race([Promise.allSettled([...this.pending]), grace]);
    clearTimeout(timer);
    this.background.abort();
    await Promise.allSettled([...this.pending]);
  }

  private snapshot(): Session {
    if (!this.stored) return { state: 'signed-out' };
    const usable = !this.offline && this.stored.accessToken !== null && !this.isExpired(this.stored);
    return { state: 'signed-in', user: this.stored.user, accessToken: usable ? this.stored.accessToken : null, offline: this.offline };
  }

  private establish(serverUrl: string, auth: AuthResponse): Session {
    const previous = this.stored;
    this.store({ serverUrl, user: auth.user, refreshToken: auth.refreshToken, accessToken: auth.accessToken, accessExpiresAt: this.now() + auth.expiresIn * 1000 });
    this.offline = false;
    this.publish();
    // Signing in over an existing session ends the old one on its server.
    if (previous && previous.refreshToken !== auth.refreshToken) this.endRemotely(previous);
    return this.snapshot();
  }

  /** One refresh at a time: with rotation, two concurrent refreshes would look like token theft. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const used = this.stored;
    if (!used) return;
    try {
      const next = await this.api.refresh(used.serverUrl, used.refreshToken, this.background.signal);
      if (this.stored !== used) return; // signed out or in again meanwhile: this answer is stale
      this.store({ ...used, user: next.user ?? used.user, refreshToken: next.refreshToken, accessToken: next.accessToken, accessExpiresAt: this.now() + next.expiresIn * 1000 });
      this.offline = false;
    } catch (e) {
      if (this.stored !== used) return;
      if (e instanceof EncoreError && SESSION_ENDED.has(e.code)) {
        this.o.log.warn({ code: e.code }, 'refresh token refused; signing out');
        clearAccount(this.o.db);
        this.stored = null;
        this.offline = false;
      } else {
        // Unreachable or a server fault: keep the user signed in from the cache, no error wall.
        if (e instanceof UnreachableError) this.o.connectivity.reportUnreachable();
        else this.o.log.warn({ err: e }, 'refresh failed; staying signed in offline');
        this.offline = true;
      }
    }
    this.publish();
  }

  private async online<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof UnreachableError)) throw e;
      this.o.connectivity.reportUnreachable();
      throw new EncoreError('OFFLINE', 'Cannot reach the Encore server. Check your connection and try again.');
    }
  }

  private endRemotely(a: StoredAccount): void {
    this.track(
      this.api.logout(a.serverUrl, a.refreshToken, this.background.signal).catch((e: unknown) => {
        this.o.log.info({ err: e }, 'server logout failed; the session was ended locally');
      }),
    );
  }

  private store(a: StoredAccount): void {
    saveAccount(this.o.db, a, new Date(this.now()));
    this.stored = a;
  }

  private publish(): void {
    const s = this.snapshot();
    const json = JSON.stringify(s);
    if (json === this.lastPublished) return;
    this.lastPublished = json;
    this.o.events.emit('session.changed', s);
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((e: unknown) => this.o.log.error({ err: e }, 'background account work failed'));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private isStale(a: StoredAccount): boolean {
    return a.accessToken === null || a.accessExpiresAt === null || a.accessExpiresAt - this.now() < (this.o.refreshMarginMs ?? 60_000);
  }

  private isExpired(a: StoredAccount): boolean {
    return a.accessExpiresAt === null || a.accessExpiresAt <= this.now();
  }

  private now(): number {
    return (this.o.now?.() ?? new Date()).getTime();
  }
}
