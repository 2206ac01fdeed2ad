import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostClient } from '@encore/shared/host/client';
import { LibraryState } from '@encore/shared/host/collabDocs';
import { useModel } from '../../app/ModelContext';

export interface LibraryMarksState {
  /** Liked catalog track ids, newest first (the user's library-state document). */
  likedTracks: readonly string[];
  /** Saved catalog album ids, newest first. */
  savedAlbums: readonly string[];
  /** False while signed out (the host refuses: there is no document to write). */
  available: boolean;
}

export interface LibraryMarks {
  store: StoreApi<LibraryMarksState>;
  /** Likes or unlikes a catalog track: shown at once, kept by the host (offline too), on the server when online. */
  setLiked(trackId: string, liked: boolean): Promise<void>;
  setSaved(albumId: string, saved: boolean): Promise<void>;
}

const byHost = new WeakMap<HostClient, LibraryMarks>();

/**
 * The renderer's view of the user's likes and saved albums, one per host: read from
 * `libraryState.get`, kept fresh by `libraryState.changed` (this device, the user's other
 * devices, or the server's likes merged by the host) and re-read on sign-in/out. Writes go
 * to the host, which owns the document and the server sync.
 *
 * @example
 * const marks = libraryMarksFor(host);
 * await marks.setLiked(trackId, true);
 */
export function libraryMarksFor(host: HostClient): LibraryMarks {
  const known = byHost.get(host);
  if (known) return known;
  const store = createStore<LibraryMarksState>(() => ({ likedTracks: [], savedAlbums: [], available: false }));
  const apply = (s: LibraryState) => store.setState({ likedTracks: s.likedTracks, savedAlbums: s.savedAlbums, available: true });
  const load = () =>
    host.call('libraryState.get').then(apply, () => store.setState({ likedTracks: [], savedAlbums: [], available: false }));
  host.on('libraryState.changed', (p) => {
    const s = LibraryState.safeParse(p);
    if (s.success) apply(s.data);
  });
  host.on('session.changed', () => void load());
  void load();
  const toggle = (key: 'likedTracks' | 'savedAlbums', id: string, on: boolean) => {
    const before = store.getState()[key];
    store.setState({ [key]: on ? [id, ...before.filter((x) => x !== id)] : before.filter((x) => x !== id) });
    return before;
  };
  const marks: LibraryMarks = {
    store,
    async setLiked(trackId, liked) {
      const before = toggle('likedTracks', trackId, liked);
      try {
        apply(await host.call('libraryState.setLiked', { trackId, liked }));
      } catch (e) {
        store.setState({ likedTracks: before });
        throw e;
      }
    },
    async setSaved(albumId, saved) {
      const before = toggle('savedAlbums', albumId, saved);
      try {
        apply(await host.call('libraryState.setSaved', { albumId, saved }));
      } catch (e) {
        store.setState({ savedAlbums: before });
        throw e;
      }
    },
  };
  byHost.set(host, marks);
  return marks;
}

/** The app's library marks and a slice of their state. */
export function useLibraryMarks<T>(select: (s: LibraryMarksState) => T): [T, LibraryMarks] {
  const marks = libraryMarksFor(useModel().host);
  return [useStore(marks.store, select), marks];
}
