import type { libraryContract } from '@encore/shared/host/library';
import type { HostProcedures } from '../../host/router';
import type { LibraryService } from './LibraryService';

type LibraryProcedures = Pick<HostProcedures, keyof typeof libraryContract>;

/**
 * Binds the library's host procedures to the service. Inputs arrive parsed by the router
 * against shared/src/host/library.ts; outputs are parsed on the way out.
 *
 * @example
 * const procedures = { ...createProcedures(services, 'browser') }; // spreads this in
 */
export function createLibraryProcedures(l: LibraryService): LibraryProcedures {
  return {
    'library.folders.list': () => l.folders(),
    'library.folders.add': ({ path }) => l.addFolder(path),
    'library.folders.remove': ({ id }) => l.removeFolder(id),
    'library.folders.browse': ({ path, showHidden }) => l.browseFolders(path, showHidden),
    'library.folders.pick': () => l.pickFolder(),
    'library.scan': ({ folderId }) => l.scan(folderId),
    'library.badFiles': ({ offset, limit }) => l.badFiles(offset, limit),
    'library.stats': () => l.stats(),
    'library.search': ({ query, limit }) => l.search(query, limit),
    'library.songs': (q) => l.songs(q),
    'library.albums': (q) => l.albums(q),
    'library.artists': (q) => l.artists(q),
    'library.genres': () => l.genres(),
    'library.folder': ({ folderId, dir }) => l.folder(folderId, dir),
    'library.track': ({ id }) => l.track(id),
    'library.lyrics': ({ id }) => l.lyrics(id),
    'library.artwork': ({ hash }) => l.artworkBytes(hash),
    'library.albumLoudness': ({ id }) => l.albumLoudness(id),
    'library.setLiked': ({ id, liked }) => l.setLiked(id, liked),
    'library.setRating': ({ id, rating }) => l.setRating(id, rating),
    'library.recordPlay': ({ id, playedAt, msPlayed }) => l.recordPlay(id, playedAt, msPlayed),
    'library.history': ({ offset, limit }) => l.history(offset, limit),
    'library.playlists.list': () => l.playlists(),
    'library.playlists.create': ({ name }) => l.createPlaylist(name),
    'library.playlists.rename': ({ id, name }) => l.renamePlaylist(id, name),
    'library.playlists.delete': ({ id }) => l.deletePlaylist(id),
    'library.playlists.entries': ({ id }) => l.playlistEntries(id),
    'library.playlists.add': ({ id, trackIds, position }) => l.addToPlaylist(id, trackIds, position),
    'library.playlists.remove': ({ id, positions }) => l.removeFromPlaylist(id, positions),
    'library.playlists.move': ({ id, from, to }) => l.movePlaylistEntry(id, from, to),
    'library.playlists.importM3u': ({ path, name }) => l.importM3u(path, name),
    'library.playlists.exportM3u': ({ id, path }) => l.exportM3u(id, path),
    'library.smart.list': () => l.smartPlaylists(),
    'library.smart.create': ({ name, rules }) => l.createSmart(name, rules),
    'library.smart.update': ({ id, name, rules }) => l.updateSmart(id, { name, rules }),
    'library.smart.delete': ({ id }) => l.deleteSmart(id),
    'library.smart.tracks': ({ id, offset, limit }) => l.smartTracks(id, offset, limit),
  };
}
