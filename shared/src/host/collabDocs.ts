import { z } from 'zod';
import { Collaborator, StudioRole } from '../api/studio';
import { PlaylistEntry, PlaylistTrackRef } from '../collab/playlistDoc';
import { SyncedPlayerSettings } from '../collab/libraryStateDoc';
import { Username } from '../domain/user';
import { SyncState } from './collab';

/**
 * The host API of the synced documents other than studio projects: collaborative playlists
 * (the host keeps each one's replica in SQLite and syncs it while signed in) and the user's
 * library state (likes, saved albums, player settings), shared by all their devices.
 * Merged into `hostContract` / `hostEvents`.
 */

const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const SharedPlaylistSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The user's role, as last seen from the server. */
  role: StudioRole.nullable(),
  state: SyncState,
  entryCount: z.number().int().nonnegative(),
});
export type SharedPlaylistSummary = z.infer<typeof SharedPlaylistSummary>;

export const SharedPlaylistDetail = SharedPlaylistSummary.extend({
  description: z.string(),
  entries: z.array(PlaylistEntry),
});
export type SharedPlaylistDetail = z.infer<typeof SharedPlaylistDetail>;

export const LibraryState = z.object({
  likedTracks: z.array(z.uuid()),
  savedAlbums: z.array(z.uuid()),
  settings: SyncedPlayerSettings.partial(),
  state: SyncState,
});
export type LibraryState = z.infer<typeof LibraryState>;

const ById = z.object({ playlistId: z.uuid() });

export const collabDocsContract = {
  /** Shared playlists kept on this device (refreshed from the server when online). */
  'sharedPlaylists.list': procedure(z.void(), z.array(SharedPlaylistSummary)),
  'sharedPlaylists.get': procedure(ById, SharedPlaylistDetail),
  /** Creates the playlist on the server (signed in and online) and keeps its replica here. */
  'sharedPlaylists.create': procedure(z.object({ name: z.string().trim().min(1).max(200) }), SharedPlaylistSummary),
  'sharedPlaylists.addEntry': procedure(
    ById.extend({ track: PlaylistTrackRef, title: z.string().max(500), artist: z.string().max(500), index: z.number().int().nonnegative().optional() }),
    SharedPlaylistDetail,
  ),
  'sharedPlaylists.moveEntry': procedure(ById.extend({ entryId: z.string().min(1).max(64), index: z.number().int().nonnegative() }), SharedPlaylistDetail),
  'sharedPlaylists.removeEntry': procedure(ById.extend({ entryId: z.string().min(1).max(64) }), SharedPlaylistDetail),
  'sharedPlaylists.members': procedure(ById, z.array(Collaborator)),
  'sharedPlaylists.invite': procedure(ById.extend({ username: Username, role: StudioRole.exclude(['owner']) }), Collaborator),
  'libraryState.get': procedure(z.void(), LibraryState),
  'libraryState.setLiked': procedure(z.object({ trackId: z.uuid(), liked: z.boolean() }), LibraryState),
  'libraryState.setSaved': procedure(z.object({ albumId: z.uuid(), saved: z.boolean() }), LibraryState),
  'libraryState.setSettings': procedure(SyncedPlayerSettings.partial(), LibraryState),
} as const;

export const collabDocsEvents = {
  /** A shared playlist changed (here, from another member, or its sync state); re-read it. */
  'sharedPlaylists.changed': z.object({ playlistId: z.uuid().nullable() }),
  'libraryState.changed': LibraryState,
} as const;
