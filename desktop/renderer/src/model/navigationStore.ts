import { createStore, type StoreApi } from 'zustand/vanilla';
import { isSection, type Section } from './sections';

export type AuthScreen = 'sign-in' | 'sign-up';

/** Where the user is: a section, or an auth screen that returns to a section when done. */
export type Route = { kind: 'section'; section: Section } | { kind: 'auth'; screen: AuthScreen; returnTo: Section };

export const DEFAULT_ROUTE: Route = { kind: 'section', section: 'library' };

/**
 * `#/studio`, `#/sign-in?from=studio`. Anything unknown is the library, so an old or
 * mistyped link never shows an error.
 */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  if (path === 'sign-in' || path === 'sign-up') {
    const from = new URLSearchParams(query).get('from') ?? '';
    return { kind: 'auth', screen: path, returnTo: isSection(from) ? from : 'library' };
  }
  return isSection(path) ? { kind: 'section', section: path } : DEFAULT_ROUTE;
}

export function formatHash(route: Route): string {
  return route.kind === 'section' ? `#/${route.section}` : `#/${route.screen}?from=${route.returnTo}`;
}

/** The URL hash, abstracted so the store runs in Node tests. */
export interface HashPort {
  get(): string;
  set(hash: string): void;
  subscribe(listener: (hash: string) => void): () => void;
}

export function browserHash(win: Window = window): HashPort {
  return {
    get: () => win.location.hash,
    set: (hash) => {
      if (win.location.hash !== hash) win.location.hash = hash;
    },
    subscribe(listener) {
      const onChange = () => listener(win.location.hash);
      win.addEventListener('hashchange', onChange);
      return () => win.removeEventListener('hashchange', onChange);
    },
  };
}

export interface NavigationState {
  route: Route;
}

export interface NavigationModel {
  store: StoreApi<NavigationState>;
  go(section: Section): void;
  /** Opens sign-in or sign-up, remembering the section to come back to. */
  openAuth(screen: AuthScreen): void;
  /** Leaves the auth screen for the section it was opened from. */
  closeAuth(): void;
  dispose(): void;
}

/** The section the user is in, or was in before an auth screen. */
export const selectSection = (s: NavigationState): Section => (s.route.kind === 'section' ? s.route.section : s.route.returnTo);

/**
 * The current place in the app, mirrored in the URL hash both ways so a reload, the back
 * button and a pasted link all land where expected.
 */
export function createNavigationModel(hash: HashPort): NavigationModel {
  const store = createStore<NavigationState>(() => ({ route: parseHash(hash.get()) }));
  const navigate = (route: Route) => {
    store.setState({ route });
    hash.set(formatHash(route));
  };
  const off = hash.subscribe((h) => store.setState({ route: parseHash(h) }));
  // Normalise what was typed or pasted, e.g. '' or '#/nowhere' becomes '#/library'.
  hash.set(formatHash(store.getState().route));

  return {
    store,
    go: (section) => navigate({ kind: 'section', section }),
    openAuth(screen) {
      navigate({ kind: 'auth', screen, returnTo: selectSection(store.getState()) });
    },
    closeAuth() {
      navigate({ kind: 'section', section: selectSection(store.getState()) });
    },
    dispose: off,
  };
}
