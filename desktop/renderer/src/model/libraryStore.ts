import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostClient } from '@encore/shared/host/client';
import type { AlbumSummary, ArtistSummary, LibraryFolder, LibraryTrack, Playlist, ScanProgress, SearchResults, SmartPlaylist, SmartRules, SongSort } from '@encore/shared/host/library';
import { createPagedList, type PagedList } from './pagedList';

/** What the library section shows. Views narrowing the songs table carry their filter. */
export type LibraryView =
  | { kind: 'songs' }
  | { kind: 'albums' }
  | { kind: 'album'; album: string; albumArtist: string | null }
  | { kind: 'artists' }
  | { kind: 'artist'; name: string }
  | { kind: 'genres' }
  | { kind: 'genre'; name: string }
  | { kind: 'folders'; folderId: number | null; dir: string }
  | { kind: 'recent' }
  | { kind: 'mostPlayed' }
  | { kind: 'liked' }
  | { kind: 'playlist'; id: number }
  | { kind: 'smart'; id: number | null };

export interface LibraryState {
  view: LibraryView;
  sort: SongSort;
  order: 'asc' | 'desc';
  /** Narrows the songs table (a full-text prefix filter). */
  filter: string;
  query: string;
  search: SearchResults | null;
  folders: LibraryFolder[];
  playlists: Playlist[];
  smartPlaylists: SmartPlaylist[];
  genres: { name: string; trackCount: number }[];
  folderListing: { folderId: number; dir: string; subdirs: { name: string; trackCount: number }[]; tracks: LibraryTrack[] } | null;
  playlistEntries: { position: number; trackId: string; track: LibraryTrack | null }[];
  scan: ScanProgress | null;
  /** False until the first folders read: the view waits rather than flashing the empty state. */
  loaded: boolean;
  /** Some track is in the library: with no folder, downloaded catalog tracks can still be there. */
  hasTracks: boolean;
  error: string | null;
  notice: string | null;
}

export interface LibraryModel {
  store: StoreApi<LibraryState>;
  songs: PagedList<LibraryTrack>;
  albums: PagedList<AlbumSummary>;
  artists: PagedList<ArtistSummary>;
  start(): Promise<void>;
  dispose(): void;
  show(view: LibraryView): Promise<void>;
  setSort(sort: SongSort): Promise<void>;
  setFilter(text: string): Promise<void>;
  search(query: string): Promise<void>;
  addFolder(path: string): Promise<boolean>;
  setLiked(track: LibraryTrack, liked: boolean): Promise<void>;
  setRating(track: LibraryTrack, rating: number): Promise<void>;
  createPlaylist(name: string): Promise<Playlist | null>;
  renamePlaylist(id: number, name: string): Promise<void>;
  deletePlaylist(id: number): Promise<void>;
  addToPlaylist(id: number, trackIds: string[]): Promise<void>;
  removeFromPlaylist(id: number, position: number): Promise<void>;
  movePlaylistEntry(id: number, from: number, to: number): Promise<void>;
  importM3u(path: string): Promise<void>;
  exportM3u(id: number, path: string): Promise<void>;
  saveSmart(id: number | null, name: string, rules: SmartRules): Promise<SmartPlaylist | null>;
  deleteSmart(id: number): Promise<void>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The library section's state over the host: the current view, its songs as a paged list
 * (virtualised tables ask for what is on screen), search as you type with stale answers
 * dropped, folders with scan progress, likes, ratings, playlists and smart playlists.
 */
export function createLibraryModel(host: HostClient): LibraryModel {
  const store = createStore<LibraryState>(() => ({
    view: { kind: 'songs' }, sort: 'title', order: 'asc', filter: '', query: '', search: null, folders: [], playlists: [], smartPlaylists: [],
    genres: [], folderListing: null, playlistEntries: [], scan: null, loaded: false, hasTracks: false, error: null, notice: null,
  }));
  const get = store.getState;
  const fail = (e: unknown) => store.setState({ error: messageOf(e) });

  const songsQuery = (offset: number, limit: number) => {
    const { view, sort, order, filter } = get();
    const text = filter.trim() || undefined;
    switch (view.kind) {
      case 'album':
        return host.call('library.songs', { sort: 'album', order: 'asc', filter: { album: view.album, ...(view.albumArtist ? { albumArtist: view.albumArtist } : {}), text }, offset, limit });
      case 'artist':
        return host.call('library.songs', { sort: 'album', order: 'asc', filter: { artist: view.name, text }, offset, limit });
      case 'genre':
        return host.call('library.songs', { sort, order, filter: { genre: view.name, text }, offset, limit });
      case 'recent':
        return host.call('library.songs', { sort: 'addedAt', order: 'desc', filter: { text }, offset, limit });
      case 'mostPlayed':
        return host.call('library.songs', { sort: 'playCount', order: 'desc', filter: { text }, offset, limit });
      case 'liked':
        return host.call('library.songs', { sort, order, filter: { liked: true, text }, offset, limit });
      case 'smart':
        return view.id === null ? Promise.resolve({ items: [], total: 0 }) : host.call('library.smart.tracks', { id: view.id, offset, limit });
      default:
        return host.call('library.songs', { sort, order, filter: { text }, offset, limit });
    }
  };
  const songs = createPagedList<LibraryTrack>(songsQuery);
  const albums = createPagedList<AlbumSummary>((offset, limit) => host.call('library.albums', { sort: 'album', order: 'asc', offset, limit }));
  const artists = createPagedList<ArtistSummary>((offset, limit) => host.call('library.artists', { sort: 'name', order: 'asc', offset, limit }));

  const refreshLists = async () => {
    const [folders, playlists, smartPlaylists] = await Promise.all([host.call('library.folders.list'), host.call('library.playlists.list'), host.call('library.smart.list')]);
    const hasTracks = folders.length > 0 || (await host.call('library.songs', { limit: 1 })).total > 0;
    store.setState({ folders, playlists, smartPlaylists, hasTracks, loaded: true });
  };
  const reloadView = async () => {
    const { view } = get();
    if (view.kind === 'albums') return albums.reset();
    if (view.kind === 'artists') return artists.reset();
    if (view.kind === 'genres') return void store.setState({ genres: await host.call('library.genres') });
    if (view.kind === 'folders') {
      const folderId = view.folderId ?? get().folders[0]?.id;
      if (folderId === undefined) return void store.setState({ folderListing: null });
      return void store.setState({ folderListing: await host.call('library.folder', { folderId, dir: view.dir }) });
    }
    if (view.kind === 'playlist') return void store.setState({ playlistEntries: await host.call('library.playlists.entries', { id: view.id }) });
    return songs.reset();
  };

  let offs: (() => void)[] = [];
  let searchSeq = 0;
  const model: LibraryModel = {
    store,
    songs,
    albums,
    artists,
    async start() {
      offs.push(host.on('library.scanProgress', (p) => store.setState({ scan: p as ScanProgress })));
      offs.push(
        host.on('library.changed', () => {
          void refreshLists().then(reloadView).catch(fail);
        }),
      );
      try {
        await refreshLists();
        await reloadView();
      } catch (e) {
        fail(e);
        store.setState({ loaded: true });
      }
    },
    dispose() {
      for (const off of offs) off();
      offs = [];
    },
    async show(view) {
      store.setState({ view, filter: '', error: null, notice: null });
      try {
        await reloadView();
      } catch (e) {
        fail(e);
      }
    },
    async setSort(sort) {
      const s = get();
      store.setState({ sort, order: s.sort === sort && s.order === 'asc' ? 'desc' : 'asc' });
      await songs.reset().catch(fail);
    },
    async setFilter(filter) {
      store.setState({ filter });
      await songs.reset().catch(fail);
    },
    async search(query) {
      const seq = ++searchSeq;
      store.setState({ query });
      if (!query.trim()) return void store.setState({ search: null });
      try {
        const r = await host.call('library.search', { query, limit: 20 });
        if (seq === searchSeq) store.setState({ search: r });
      } catch (e) {
        if (seq === searchSeq) fail(e);
      }
    },
    async addFolder(path) {
      try {
        store.setState({ error: null, scan: { phase: 'walking', found: 0, processed: 0, bad: 0 } });
        await host.call('library.folders.add', { path });
        await refreshLists();
        const summary = await host.call('library.scan', {});
        store.setState({ notice: `Added ${summary.added} track${summary.added === 1 ? '' : 's'}`, scan: null });
        await refreshLists();
        await reloadView();
        return true;
      } catch (e) {
        store.setState({ scan: null });
        fail(e);
        return false;
      }
    },
    async setLiked(track, liked) {
      songs.patch((t) => t.id === track.id, (t) => ({ ...t, liked }));
      try {
        const t = await host.call('library.setLiked', { id: track.id, liked });
        songs.patch((r) => r.id === t.id, () => t);
      } catch (e) {
        songs.patch((t) => t.id === track.id, (t) => ({ ...t, liked: !liked }));
        fail(e);
      }
    },
    async setRating(track, rating) {
      try {
        const t = await host.call('library.setRating', { id: track.id, rating });
        songs.patch((r) => r.id === t.id, () => t);
      } catch (e) {
        fail(e);
      }
    },
    async createPlaylist(name) {
      try {
        const p = await host.call('library.playlists.create', { name });
        await refreshLists();
        return p;
      } catch (e) {
        fail(e);
        return null;
      }
    },
    async renamePlaylist(id, name) {
      await host.call('library.playlists.rename', { id, name }).then(refreshLists, fail);
    },
    async deletePlaylist(id) {
      await host.call('library.playlists.delete', { id }).then(refreshLists, fail);
      if (get().view.kind === 'playlist') await model.show({ kind: 'songs' });
    },
    async addToPlaylist(id, trackIds) {
      try {
        const p = await host.call('library.playlists.add', { id, trackIds });
        store.setState({ notice: `Added to ${p.name}` });
        await refreshLists();
        if (get().view.kind === 'playlist') await reloadView();
      } catch (e) {
        fail(e);
      }
    },
    async removeFromPlaylist(id, position) {
      await host.call('library.playlists.remove', { id, positions: [position] }).then(reloadView, fail);
    },
    async movePlaylistEntry(id, from, to) {
      // Shown at once; the host's answer follows.
      const entries = [...get().playlistEntries];
      const [e] = entries.splice(from, 1);
      if (e) entries.splice(to, 0, e);
      store.setState({ playlistEntries: entries.map((x, position) => ({ ...x, position })) });
      await host.call('library.playlists.move', { id, from, to }).then(reloadView, fail);
    },
    async importM3u(path) {
      try {
        const r = await host.call('library.playlists.importM3u', { path });
        store.setState({ notice: `Imported ${r.playlist.name}: ${r.matched} matched, ${r.missing.length} missing` });
        await refreshLists();
      } catch (e) {
        fail(e);
      }
    },
    async exportM3u(id, path) {
      try {
        const r = await host.call('library.playlists.exportM3u', { id, path });
        store.setState({ notice: `Exported ${r.written} tracks to ${path}` });
      } catch (e) {
        fail(e);
      }
    },
    async saveSmart(id, name, rules) {
      try {
        const s = id === null ? await host.call('library.smart.create', { name, rules }) : await host.call('library.smart.update', { id, name, rules });
        await refreshLists();
        await model.show({ kind: 'smart', id: s.id });
        return s;
      } catch (e) {
        fail(e);
        return null;
      }
    },
    async deleteSmart(id) {
      await host.call('library.smart.delete', { id }).then(refreshLists, fail);
      await model.show({ kind: 'songs' });
    },
  };
  return model;
}
