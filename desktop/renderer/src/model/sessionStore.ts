import { createStore, type StoreApi } from 'zustand/vanilla';
import { hostEvents, type Session } from '@encore/shared/host/contract';
import type { HostClient } from '@encore/shared/host/client';
import type { RegisterAccountRequest } from '@encore/shared/api/account';
import type { LoginRequest } from '@encore/shared/api/auth';
import type { AccountUser } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';

export interface SessionState {
  /** `loading` until the host has answered once. */
  status: 'loading' | 'ready';
  session: Session;
  /** Why the session could not be read (the host was unreachable); the app runs signed-out meanwhile. */
  loadError: EncoreError | null;
}

export interface SessionModel {
  store: StoreApi<SessionState>;
  load(): Promise<void>;
  /** Throws {@link EncoreError} with the server's code; the store is left unchanged then. */
  signIn(input: LoginRequest): Promise<Session>;
  signUp(input: RegisterAccountRequest): Promise<Session>;
  signOut(): Promise<void>;
  dispose(): void;
}

export const selectUser = (s: SessionState): AccountUser | null => (s.session.state === 'signed-in' ? s.session.user : null);
export const selectIsSignedIn = (s: SessionState): boolean => s.session.state === 'signed-in';
/** Signed in from the host's cache while the sync-server is unreachable. */
export const selectSessionOffline = (s: SessionState): boolean => s.session.state === 'signed-in' && s.session.offline;

const asEncoreError = (e: unknown): EncoreError =>
  e instanceof EncoreError ? e : new EncoreError('HOST_UNAVAILABLE', e instanceof Error ? e.message : String(e));

/**
 * The account session as the host reports it: loaded with `account.session`, kept current
 * by `session.changed` events and by the replies of sign-in, sign-up and sign-out.
 *
 * @example
 * const session = createSessionModel(host);
 * await session.load();
 * selectUser(session.store.getState());
 */
export function createSessionModel(host: HostClient): SessionModel {
  const store = createStore<SessionState>(() => ({ status: 'loading', session: { state: 'signed-out' }, loadError: null }));
  const apply = (session: Session) => store.setState({ status: 'ready', session, loadError: null });

  const off = host.on('session.changed', (payload) => {
    const parsed = hostEvents['session.changed'].safeParse(payload);
    if (parsed.success) apply(parsed.data);
    else console.warn('[session] ignored a malformed session.changed event', parsed.error.issues.slice(0, 3));
  });

  return {
    store,
    async load() {
      try {
        apply(await host.call('account.session'));
      } catch (e) {
        store.setState({ status: 'ready', loadError: asEncoreError(e) });
      }
    },
    async signIn(input) {
      try {
        const session = await host.call('account.signIn', input);
        apply(session);
        return session;
      } catch (e) {
        throw asEncoreError(e);
      }
    },
    async signUp(input) {
      try {
        const session = await host.call('account.signUp', input);
        apply(session);
        return session;
      } catch (e) {
        throw asEncoreError(e);
      }
    },
    async signOut() {
      try {
        apply(await host.call('account.signOut'));
      } catch (e) {
        throw asEncoreError(e);
      }
    },
    dispose: off,
  };
}
