import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostClient } from '@encore/shared/host/client';
import type { Download, DownloadRequest, DownloadStorage } from '@encore/shared/host/downloads';
import { isEncoreError } from '@encore/shared/errors';

export interface DownloadsState {
  items: Download[];
  storage: DownloadStorage | null;
  loaded: boolean;
  /** Why the list could not be read or the last action failed (code + sentence). */
  error: { code: string; message: string } | null;
}

export interface DownloadsModel {
  store: StoreApi<DownloadsState>;
  load(): Promise<void>;
  add(req: DownloadRequest): Promise<Download[] | null>;
  pause(ids: string[]): Promise<void>;
  resume(ids: string[]): Promise<void>;
  retry(ids: string[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  setLimit(limitBytes: number): Promise<void>;
  recordPlay(id: string, ms: number): Promise<void>;
  dispose(): void;
}

const asError = (e: unknown) => (isEncoreError(e) ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: 'Something went wrong' });

/**
 * The download queue as the renderer sees it: read once, then kept current by the host's
 * `downloads.changed` events (which carry the changed items and the storage figures).
 * Failures become `error` state, never exceptions.
 *
 * @example
 * const downloads = createDownloadsModel(host);
 * await downloads.load();
 * downloads.store.getState().items;
 */
export function createDownloadsModel(host: HostClient): DownloadsModel {
  const store = createStore<DownloadsState>(() => ({ items: [], storage: null, loaded: false, error: null }));
  const merge = (changed: Download[]) => {
    if (changed.length === 0) return;
    const byId = new Map(changed.map((d) => [d.id, d]));
    const items = store.getState().items.map((d) => byId.get(d.id) ?? d);
    for (const d of changed) if (!items.some((x) => x.id === d.id)) items.push(d);
    store.setState({ items });
  };
  const off = host.on('downloads.changed', (payload) => {
    const p = payload as { items: Download[]; storage: DownloadStorage };
    merge(p.items);
    store.setState({ storage: p.storage });
  });
  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
      store.setState({ error: null });
    } catch (e) {
      store.setState({ error: asError(e) });
    }
  };
  const load = async () => {
    try {
      const { items, storage } = await host.call('downloads.list');
      store.setState({ items, storage, loaded: true, error: null });
    } catch (e) {
      store.setState({ loaded: true, error: asError(e) });
    }
  };
  return {
    store,
    load,
    async add(req) {
      try {
        const items = await host.call('downloads.add', req);
        merge(items);
        store.setState({ error: null });
        return items;
      } catch (e) {
        store.setState({ error: asError(e) });
        throw e;
      }
    },
    pause: (ids) => act(async () => merge(await host.call('downloads.pause', { ids }))),
    resume: (ids) => act(async () => merge(await host.call('downloads.resume', { ids }))),
    retry: (ids) => act(async () => merge(await host.call('downloads.retry', { ids }))),
    remove: (ids) =>
      act(async () => {
        await host.call('downloads.remove', { ids });
        store.setState({ items: store.getState().items.filter((d) => !ids.includes(d.id)) });
      }),
    setLimit: (limitBytes) => act(async () => void store.setState({ storage: await host.call('downloads.setLimit', { limitBytes }) })),
    recordPlay: (id, ms) => act(async () => void (await host.call('downloads.recordPlay', { id, ms }))),
    dispose: off,
  };
}

const models = new WeakMap<HostClient, DownloadsModel>();

/** One model per host client, shared by the Downloads view and every DownloadButton. */
export function downloadsModelFor(host: HostClient): DownloadsModel {
  let m = models.get(host);
  if (!m) {
    m = createDownloadsModel(host);
    models.set(host, m);
    void m.load();
  }
  return m;
}
