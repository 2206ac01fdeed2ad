import { createContext, useContext } from 'react';

/** A page inside the Store; kept in the Store's own history so Back returns where the listener was. */
export type StorePage = { kind: 'home' } | { kind: 'library' } | { kind: 'search'; q: string } | { kind: 'genre'; name: string } | { kind: 'artist'; id: string } | { kind: 'album'; id: string };

export interface StoreNav {
  page: StorePage;
  open(page: StorePage): void;
  back(): void;
  canGoBack: boolean;
}

export const StoreNavContext = createContext<StoreNav | null>(null);

export function useStoreNav(): StoreNav {
  const nav = useContext(StoreNavContext);
  if (!nav) throw new Error('useStoreNav() outside the Store');
  return nav;
}

/** A stable key of a page, for effects and React keys. */
export const pageKey = (p: StorePage): string => (p.kind === 'home' || p.kind === 'library' ? p.kind : p.kind === 'search' ? `search:${p.q}` : p.kind === 'genre' ? `genre:${p.name}` : `${p.kind}:${p.id}`);
