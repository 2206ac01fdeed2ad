import { createStore, type StoreApi } from 'zustand/vanilla';

export interface PagedListState<T> {
  /** Sparse: rows not fetched yet are undefined. */
  rows: (T | undefined)[];
  total: number;
  loading: boolean;
  error: string | null;
  /** Bumped on every reset, so views can scroll back to the top. */
  version: number;
}

export interface PagedList<T> {
  store: StoreApi<PagedListState<T>>;
  /** Fetches the pages covering [start, end) that are not loaded or in flight. */
  ensure(start: number, end: number): void;
  /** Drops everything and loads the first page with a new fetcher (a new sort or filter). */
  reset(fetch?: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>): Promise<void>;
  /** Replaces rows matching `pred` (a like or a rating changed). */
  patch(pred: (row: T) => boolean, next: (row: T) => T): void;
}

/**
 * A list of `total` rows fetched page by page as a virtualised view scrolls: only the pages
 * on screen are ever requested. A reset cancels what older fetchers still deliver.
 *
 * @example
 * const songs = createPagedList((offset, limit) => host.call('library.songs', { offset, limit }));
 * await songs.reset();
 * songs.ensure(1000, 1040);
 */
export function createPagedList<T>(initial: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>, pageSize = 200): PagedList<T> {
  const store = createStore<PagedListState<T>>(() => ({ rows: [], total: 0, loading: false, error: null, version: 0 }));
  let fetcher = initial;
  let generation = 0;
  const requested = new Set<number>();

  const load = async (page: number) => {
    if (requested.has(page)) return;
    requested.add(page);
    const gen = generation;
    try {
      const r = await fetcher(page * pageSize, pageSize);
      if (gen !== generation) return;
      const rows = store.getState().rows.slice();
      rows.length = r.total;
      r.items.forEach((item, i) => (rows[page * pageSize + i] = item));
      store.setState({ rows, total: r.total, loading: false, error: null });
    } catch (e) {
      if (gen !== generation) return;
      requested.delete(page);
      store.setState({ loading: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  return {
    store,
    ensure(start, end) {
      const last = Math.min(end, Math.max(store.getState().total, 1)) - 1;
      for (let p = Math.floor(Math.max(0, start) / pageSize); p <= Math.floor(Math.max(0, last) / pageSize); p++) void load(p);
    },
    async reset(next) {
      if (next) fetcher = next;
      generation++;
      requested.clear();
      store.setState((s) => ({ rows: [], total: 0, loading: true, error: null, version: s.version + 1 }));
      await load(0);
    },
    patch(pred, next) {
      const rows = store.getState().rows.map((r) => (r !== undefined && pred(r) ? next(r) : r));
      store.setState({ rows });
    },
  };
}
