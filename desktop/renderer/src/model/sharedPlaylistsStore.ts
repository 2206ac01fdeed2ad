import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Collaborator, StudioRole } from '@encore/shared/api/studio';
import type { HostClient } from '@encore/shared/host/client';
import type { SharedPlaylistDetail, SharedPlaylistSummary } from '@encore/shared/host/collabDocs';

export interface SharedPlaylistsState {
  playlists: SharedPlaylistSummary[];
  /** The shared playlist shown in the library's main area, if any. */
  selected: string | null;
  detail: SharedPlaylistDetail | null;
  members: Collaborator[];
  error: string | null;
}

export interface SharedPlaylistsModel {
  store: StoreApi<SharedPlaylistsState>;
  /** Subscribes to the host's change events and loads the list; returns the unsubscribe. */
  start(): () => void;
  refresh(): Promise<void>;
  select(id: string | null): Promise<void>;
  create(name: string): Promise<void>;
  invite(username: string, role: Exclude<StudioRole, 'owner'>): Promise<boolean>;
  /** Adds a track at the end; a 64-hex id is a local file (content hash), a uuid a catalog track. */
  addTrack(playlistId: string, track: { id: string; title: string; artists: readonly string[] }): Promise<boolean>;
  move(entryId: string, index: number): Promise<void>;
  remove(entryId: string): Promise<void>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The collaborative playlists the host keeps (`sharedPlaylists.*`): the list for the library
 * sidebar, and the selected one with its entries (who added each) and its members. Every
 * change the host reports (a local edit, another member's, a sync state) reloads what is shown.
 *
 * @example
 * const shared = createSharedPlaylistsModel(host);
 * const stop = shared.start();
 * await shared.select(id);
 */
export function createSharedPlaylistsModel(host: HostClient): SharedPlaylistsModel {
  const store = createStore<SharedPlaylistsState>(() => ({ playlists: [], selected: null, detail: null, members: [], error: null }));
  const get = store.getState;
  const fail = (e: unknown) => store.setState({ error: messageOf(e) });

  const loadDetail = async (id: string) => {
    const detail = await host.call('sharedPlaylists.get', { playlistId: id });
    if (get().selected === id) store.setState({ detail });
  };
  const loadMembers = async (id: string) => {
    const members = await host.call('sharedPlaylists.members', { playlistId: id }).catch(() => null);
    if (members && get().selected === id) store.setState({ members });
  };

  const model: SharedPlaylistsModel = {
    store,
    start() {
      const offs = [
        host.on('sharedPlaylists.changed', (p) => {
          const id = (p as { playlistId: string | null }).playlistId;
          void host.call('sharedPlaylists.list').then((playlists) => store.setState({ playlists }), fail);
          const selected = get().selected;
          if (selected && (id === null || id === selected)) void loadDetail(selected).catch(fail);
        }),
        host.on('session.changed', () => void model.refresh()),
      ];
      void model.refresh();
      return () => offs.forEach((off) => off());
    },
    async refresh() {
      try {
        store.setState({ playlists: await host.call('sharedPlaylists.list') });
      } catch {
        store.setState({ playlists: [] }); // signed out or an older host: no shared playlists
      }
    },
    async select(id) {
      store.setState({ selected: id, detail: null, members: [], error: null });
      if (!id) return;
      await Promise.all([loadDetail(id).catch(fail), loadMembers(id)]);
    },
    async create(name) {
      try {
        const p = await host.call('sharedPlaylists.create', { name });
        await model.refresh();
        await model.select(p.id);
      } catch (e) {
        fail(e);
      }
    },
    async invite(username, role) {
      const id = get().selected;
      if (!id) return false;
      try {
        await host.call('sharedPlaylists.invite', { playlistId: id, username, role });
        store.setState({ error: null });
        await loadMembers(id);
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    async addTrack(playlistId, track) {
      const ref = /^[0-9a-f]{64}$/.test(track.id) ? { kind: 'local' as const, sha256: track.id } : { kind: 'catalog' as const, trackId: track.id };
      try {
        const detail = await host.call('sharedPlaylists.addEntry', { playlistId, track: ref, title: track.title.slice(0, 500), artist: track.artists.join(', ').slice(0, 500) });
        if (get().selected === playlistId) store.setState({ detail });
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    async move(entryId, index) {
      const id = get().selected;
      if (!id) return;
      try {
        store.setState({ detail: await host.call('sharedPlaylists.moveEntry', { playlistId: id, entryId, index }) });
      } catch (e) {
        fail(e);
      }
    },
    async remove(entryId) {
      const id = get().selected;
      if (!id) return;
      try {
        store.setState({ detail: await host.call('sharedPlaylists.removeEntry', { playlistId: id, entryId }) });
      } catch (e) {
        fail(e);
      }
    },
  };
  return model;
}
