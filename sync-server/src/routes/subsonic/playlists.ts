import type { PlaylistDetail, PlaylistSummary } from '@encore/shared/api/social';
import { EncoreError } from '@encore/shared/errors';
import { eq, sql } from 'drizzle-orm';
import { tracks } from '../../db/schema/catalog';
import { users } from '../../db/schema/users';
import { addTracks, createPlaylist, deletePlaylist, getPlaylist, listPlaylists, removePositions, replaceTracks, updatePlaylist } from '../../services/social/playlists';
import { SubsonicParams } from '../../services/subsonic/params';
import { SubsonicError, type SubsonicObject } from '../../services/subsonic/response';
import { selectSongs, toSongs } from '../../services/subsonic/songs';
import type { SubsonicCall, SubsonicHandler } from './call';

/** Encore errors of the playlist service, as Subsonic codes. */
async function mapped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof EncoreError) {
      if (e.code === 'FORBIDDEN') throw new SubsonicError(50, e.message);
      if (e.code.endsWith('NOT_FOUND')) throw new SubsonicError(70, e.message);
      throw new SubsonicError(0, e.message);
    }
    throw e;
  }
}

function playlistHead(p: PlaylistSummary): SubsonicObject {
  return { id: p.id, name: p.name, comment: p.description, owner: p.ownerName, public: p.isPublic, songCount: p.trackCount, duration: Math.round(p.durationMs / 1000), created: p.createdAt, changed: p.updatedAt };
}

async function playlistWithEntries(call: SubsonicCall, p: PlaylistDetail): Promise<SubsonicObject> {
  const ids = p.entries.map((e) => e.track.id);
  const rows = ids.length ? await selectSongs(call.s.db).where(sql`${tracks.id} in ${ids}`) : [];
  // Re-expand in playlist order: a track may appear several times.
  const songs = await toSongs(
    call.s.db,
    call.viewer,
    ids.map((id) => rows.find((r) => r.track.id === id)!).filter(Boolean),
  );
  return { playlist: { ...playlistHead(p), entry: songs } };
}

const songIds = (p: SubsonicParams, name: string) => p.all(name).map((id) => SubsonicParams.uuidOr70(id, 'Song'));

/** getPlaylists, getPlaylist, createPlaylist, updatePlaylist, deletePlaylist: the service playlists. */
export const playlistHandlers: Record<string, SubsonicHandler> = {
  getPlaylists: async ({ s, viewer, p }) => {
    const username = p.get('username');
    let ownerId: string | undefined;
    if (username && username.toLowerCase() !== viewer.username.toLowerCase()) {
      if (viewer.role !== 'admin') throw new SubsonicError(50, "Only admins may list another user's playlists");
      const [u] = await s.db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
      if (!u) throw new SubsonicError(70, 'User not found');
      ownerId = u.id;
    }
    const list = await listPlaylists(s.db, viewer.id, ownerId ? { ownerId } : { includePublic: true });
    return { playlists: { playlist: list.map(playlistHead) } };
  },
  getPlaylist: async (call) => playlistWithEntries(call, await mapped(getPlaylist(call.s.db, call.p.id('id', 'Playlist'), call.viewer.id))),
  /** Creates (`name`), or replaces the songs of an existing one (`playlistId`); answers the playlist. */
  createPlaylist: async (call) => {
    const { s, viewer, p } = call;
    const ids = songIds(p, 'songId');
    const now = s.clock.now();
    let id = p.get('playlistId');
    if (id) {
      id = SubsonicParams.uuidOr70(id, 'Playlist');
      await mapped(replaceTracks(s.db, id, viewer.id, ids, now));
      const name = p.get('name');
      if (name) await mapped(updatePlaylist(s.db, id, viewer.id, { name }, now));
    } else {
      const name = p.required('name').trim().slice(0, 100);
      if (!name) throw new SubsonicError(10, 'Required parameter is missing: name');
      id = await mapped(createPlaylist(s.db, viewer.id, { name, description: '', isPublic: false, trackIds: ids }, now));
    }
    return playlistWithEntries(call, await mapped(getPlaylist(s.db, id, viewer.id)));
  },
  updatePlaylist: async ({ s, viewer, p }) => {
    const id = p.id('playlistId', 'Playlist');
    const now = s.clock.now();
    const patch: { name?: string; description?: string; isPublic?: boolean } = {};
    const name = p.get('name')?.trim().slice(0, 100);
    if (name) patch.name = name;
    const comment = p.get('comment');
    if (comment !== undefined) patch.description = comment.slice(0, 300);
    const isPublic = p.bool('public');
    if (isPublic !== undefined) patch.isPublic = isPublic;
    if (Object.keys(patch).length > 0) await mapped(updatePlaylist(s.db, id, viewer.id, patch, now));
    // Indexes count the songs as getPlaylist lists them (released tracks only).
    const indexes = p.ints('songIndexToRemove', 0, 100_000);
    if (indexes.length > 0) {
      const detail = await mapped(getPlaylist(s.db, id, viewer.id));
      const positions = indexes.map((i) => detail.entries[i]?.position).filter((x): x is number => x !== undefined);
      await mapped(removePositions(s.db, id, viewer.id, positions, now));
    }
    const add = songIds(p, 'songIdToAdd');
    if (add.length > 0) await mapped(addTracks(s.db, id, viewer.id, add, undefined, now));
    return {};
  },
  deletePlaylist: async ({ s, viewer, p }) => {
    await mapped(deletePlaylist(s.db, p.id('id', 'Playlist'), viewer.id));
    return {};
  },
};
