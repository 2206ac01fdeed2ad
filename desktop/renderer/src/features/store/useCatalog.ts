import { useEffect, useState } from 'react';
import { useConnectivity, useModel, useSession } from '../../app/ModelContext';
import { selectOfflineReason } from '../../model/connectivityStore';
import { catalogApiFor } from '../../model/catalog/catalogClient';
import type { CatalogApi } from '../../model/catalog/catalogApi';

/** The app's one catalog client (its plays go through the app's player: see useStorePlayer). */
export const useCatalog = (): { api: CatalogApi } => ({ api: catalogApiFor(useModel()) });

/** True when the Store cannot reach the sync-server (no network, server down, host away). */
export function useStoreOffline(): boolean {
  const sessionOffline = useSession((s) => s.session.state === 'signed-in' && s.session.offline);
  return useConnectivity((s) => selectOfflineReason(s, sessionOffline)) !== null;
}

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: Error & { code?: string } };

/**
 * Runs `load` when `key` changes and keeps its result; a newer key wins over a slower older
 * request. `reload` runs it again (after coming back online, say).
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Loadable<T> & { reload(): void } {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => live && setResult({ state: 'ready', value }),
      (error: unknown) => live && setResult({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what `load` fetches
  }, [key, tick]);
  return { ...result, reload: () => setTick((t) => t + 1) };
}

/** An object URL of a cover fetched from the server (the CSP allows images only from self, data: and blob:). */
export function useCoverUrl(coverId: string | null, size: '300' | '600' = '300'): string | null {
  const { api } = useCatalog();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!coverId) return setUrl(null);
    let live = true;
    let made: string | null = null;
    api.cover(coverId, size).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => live && setUrl(null),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, coverId, size]);
  return url;
}
