import * as Y from 'yjs';
import type { Collaborator, StudioRole } from '@encore/shared/api/studio';
import { LibraryStateDoc, type SyncedPlayerSettings } from '@encore/shared/collab/libraryStateDoc';
import { PlaylistDoc, type NewEntry } from '@encore/shared/collab/playlistDoc';
import type { LibraryState, SharedPlaylistDetail, SharedPlaylistSummary } from '@encore/shared/host/collabDocs';
import type { HostEvent, HostMethod } from '@encore/shared/host/contract';
import type { Result } from '@encore/shared/result';

type Handler = (params: never) => Result<unknown> | Promise<Result<unknown>>;

export interface MemorySharedPlaylistSeed {
  id: string;
  name: string;
  role: StudioRole;
  members: Collaborator[];
  entries: NewEntry[];
}

export interface MemorySharedPlaylistsSeed {
  /** The signed-in user, as entries they add are attributed. */
  me: { userId: string; username: string };
  playlists?: MemorySharedPlaylistSeed[];
  /** Usernames the fake server knows (for invites). */
  users?: { userId: string; username: string }[];
}

let seq = 0;
const uuid = () => `00000000-0000-4000-9000-${(++seq).toString(16).padStart(12, '0')}`;

/**
 * The host's collaborative playlists and the user's library state in memory, on the real playlist document model
 * (`PlaylistDoc` over a Y.Doc), so ordering and attribution behave as on the host. The
 * `peer` helpers let a test play another member editing.
 */
export function createMemorySharedPlaylists(emit: (event: HostEvent, payload: unknown) => void, seed: MemorySharedPlaylistsSeed | undefined) {
  const me = seed?.me ?? { userId: uuid(), username: 'me' };
  const lists = new Map<string, { role: StudioRole; members: Collaborator[]; doc: PlaylistDoc }>();
  for (const p of seed?.playlists ?? []) {
    const doc = new PlaylistDoc(new Y.Doc());
    doc.setInfo({ name: p.name });
    for (const e of p.entries) doc.add(e);
    lists.set(p.id, { role: p.role, members: [...p.members], doc });
  }
  const summary = (id: string): SharedPlaylistSummary => {
    const l = lists.get(id)!;
    const v = l.doc.view();
    return { id, name: v.name, role: l.role, state: 'synced', entryCount: v.entries.length };
  };
  const detail = (id: string): SharedPlaylistDetail => {
    const v = lists.get(id)!.doc.view();
    return { ...summary(id), description: v.description, entries: v.entries };
  };
  const missing = (): Result<unknown> => ({ ok: false, error: { code: 'PLAYLIST_NOT_FOUND', message: 'No such playlist' } });
  const changed = (id: string) => emit('sharedPlaylists.changed', { playlistId: id });
  const library = new LibraryStateDoc(new Y.Doc());
  const libraryState = (): LibraryState => ({ ...library.view(), state: 'synced' });

  const handlers: { [M in HostMethod]?: Handler } = {
    'libraryState.get': () => ({ ok: true, value: libraryState() }),
    'libraryState.setLiked': ({ trackId, liked }: { trackId: string; liked: boolean }) => (library.setLiked(trackId, liked, new Date()), { ok: true, value: libraryState() }),
    'libraryState.setSaved': ({ albumId, saved }: { albumId: string; saved: boolean }) => (library.setSaved(albumId, saved, new Date()), { ok: true, value: libraryState() }),
    'libraryState.setSettings': (patch: Partial<SyncedPlayerSettings>) => (library.setSettings(patch), { ok: true, value: libraryState() }),
    'sharedPlaylists.list': () => ({ ok: true, value: [...lists.keys()].map(summary) }),
    'sharedPlaylists.get': ({ playlistId }: { playlistId: string }) => (lists.has(playlistId) ? { ok: true, value: detail(playlistId) } : missing()),
    'sharedPlaylists.create': ({ name }: { name: string }) => {
      const id = uuid();
      const doc = new PlaylistDoc(new Y.Doc());
      doc.setInfo({ name });
      lists.set(id, { role: 'owner', members: [{ ...me, role: 'owner', addedAt: new Date().toISOString() }], doc });
      changed(id);
      return { ok: true, value: summary(id) };
    },
    'sharedPlaylists.addEntry': ({ playlistId, index, ...e }: { playlistId: string; index?: number } & Omit<NewEntry, 'addedBy' | 'addedAt'>) => {
      const l = lists.get(playlistId);
      if (!l) return missing();
      if (l.role === 'viewer') return { ok: false, error: { code: 'FORBIDDEN', message: 'You can view this playlist but not change it' } };
      l.doc.add({ ...e, addedBy: me, addedAt: new Date().toISOString() }, index);
      changed(playlistId);
      return { ok: true, value: detail(playlistId) };
    },
    'sharedPlaylists.moveEntry': ({ playlistId, entryId, index }: { playlistId: string; entryId: string; index: number }) => {
      const l = lists.get(playlistId);
      if (!l) return missing();
      l.doc.move(entryId, index);
      return { ok: true, value: detail(playlistId) };
    },
    'sharedPlaylists.removeEntry': ({ playlistId, entryId }: { playlistId: string; entryId: string }) => {
      const l = lists.get(playlistId);
      if (!l) return missing();
      l.doc.remove(entryId);
      return { ok: true, value: detail(playlistId) };
    },
    'sharedPlaylists.members': ({ playlistId }: { playlistId: string }) => (lists.has(playlistId) ? { ok: true, value: lists.get(playlistId)!.members } : missing()),
    'sharedPlaylists.invite': ({ playlistId, username, role }: { playlistId: string; username: string; role: StudioRole }) => {
      const l = lists.get(playlistId);
      if (!l) return missing();
      if (l.role !== 'owner') return { ok: false, error: { code: 'FORBIDDEN', message: 'Your role in this playlist does not allow this' } };
      const user = seed?.users?.find((u) => u.username.toLowerCase() === username.toLowerCase());
      if (!user) return { ok: false, error: { code: 'USER_NOT_FOUND', message: 'No such user' } };
      const member: Collaborator = { ...user, role, addedAt: new Date().toISOString() };
      l.members = [...l.members.filter((m) => m.userId !== user.userId), member];
      return { ok: true, value: member };
    },
  };

  return {
    handlers,
    /** Another member adds an entry, as their edit would arrive through sync. */
    peerAdd(playlistId: string, entry: NewEntry) {
      lists.get(playlistId)?.doc.add(entry);
      changed(playlistId);
    },
    view: (playlistId: string) => lists.get(playlistId)?.doc.view(),
    /** The user's library state, as synced. */
    libraryState,
    /** Another of the user's devices (or the server's likes, merged by the host) likes or unlikes a catalog track. */
    peerSetLiked(trackId: string, liked: boolean) {
      library.setLiked(trackId, liked, new Date());
      emit('libraryState.changed', libraryState());
    },
    /** Another of the user's devices changes a setting. */
    peerSetSettings(patch: Partial<SyncedPlayerSettings>) {
      library.setSettings(patch);
      emit('libraryState.changed', libraryState());
    },
  };
}
