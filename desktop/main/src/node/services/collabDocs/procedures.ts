import type { collabDocsContract } from '@encore/shared/host/collabDocs';
import type { HostProcedures } from '../../host/router';
import type { CollabDocsService } from './CollabDocsService';

export type CollabDocsProcedures = Pick<HostProcedures, keyof typeof collabDocsContract>;

/**
 * Binds `sharedPlaylists.*` and `libraryState.*` to the collab-docs service.
 *
 * @example
 * return { ...otherProcedures, ...createCollabDocsProcedures(services.collabDocs) };
 */
export function createCollabDocsProcedures(s: CollabDocsService): CollabDocsProcedures {
  return {
    'sharedPlaylists.list': async () => {
      await s.refresh();
      return s.listPlaylists();
    },
    'sharedPlaylists.get': ({ playlistId }) => s.getPlaylist(playlistId),
    'sharedPlaylists.create': ({ name }) => s.createPlaylist(name),
    'sharedPlaylists.addEntry': ({ playlistId, ...entry }) => s.addEntry(playlistId, entry),
    'sharedPlaylists.moveEntry': ({ playlistId, entryId, index }) => s.moveEntry(playlistId, entryId, index),
    'sharedPlaylists.removeEntry': ({ playlistId, entryId }) => s.removeEntry(playlistId, entryId),
    'sharedPlaylists.members': ({ playlistId }) => s.members(playlistId),
    'sharedPlaylists.invite': ({ playlistId, username, role }) => s.invite(playlistId, username, role),
    'libraryState.get': async () => {
      await s.refresh();
      return s.libraryState();
    },
    'libraryState.setLiked': ({ trackId, liked }) => s.setLiked(trackId, liked),
    'libraryState.setSaved': ({ albumId, saved }) => s.setSaved(albumId, saved),
    'libraryState.setSettings': (patch) => s.setSettings(patch),
  };
}
