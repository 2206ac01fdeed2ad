import { Hono } from 'hono';
import { z } from 'zod';
import { CreateCollabPlaylistRequest, UpdateCollabPlaylistRequest, type CollabPlaylistListResponse, type CollabPlaylistResponse } from '@encore/shared/api/collabPlaylists';
import { AddCollaboratorRequest, type CollaboratorListResponse, type CollaboratorResponse } from '@encore/shared/api/studio';
import { playlistDocId } from '@encore/shared/sync/docIds';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import {
  createPlaylist,
  deletePlaylist,
  listPlaylistCollaborators,
  listPlaylists,
  playlistForMember,
  removePlaylistCollaborator,
  updatePlaylist,
  upsertPlaylistCollaborator,
} from '../../services/collab/playlists';
import type { Services } from '../../services/services';

const PlaylistParam = z.object({ id: z.uuid() });
const MemberParam = z.object({ id: z.uuid(), userId: z.uuid() });

/**
 * Collaborative playlists (each one a Yjs document at `/sync/playlist:<id>`) and their
 * members. Owners rename, delete and manage members; removals and role changes reach open
 * sockets at once.
 *
 * @example
 * app.route('/api/playlists/collab', collabPlaylistRoutes(services));
 */
export function collabPlaylistRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireAuth(s))
    .post('/', async (c) => {
      const body = await parseJson(c, CreateCollabPlaylistRequest);
      const playlist = await createPlaylist(s.db, c.get('auth').userId, body, s.clock.now());
      return c.json({ playlist } satisfies CollabPlaylistResponse, 201);
    })
    .get('/', async (c) => c.json({ playlists: await listPlaylists(s.db, c.get('auth').userId) } satisfies CollabPlaylistListResponse))
    .get('/:id', async (c) => {
      const { id } = parseParams(c, PlaylistParam);
      return c.json({ playlist: await playlistForMember(s.db, id, c.get('auth').userId) } satisfies CollabPlaylistResponse);
    })
    .put('/:id', async (c) => {
      const { id } = parseParams(c, PlaylistParam);
      const patch = await parseJson(c, UpdateCollabPlaylistRequest);
      const { role } = await playlistForMember(s.db, id, c.get('auth').userId, ['owner']);
      return c.json({ playlist: await updatePlaylist(s.db, id, role, patch, s.clock.now()) } satisfies CollabPlaylistResponse);
    })
    .delete('/:id', async (c) => {
      const { id } = parseParams(c, PlaylistParam);
      await playlistForMember(s.db, id, c.get('auth').userId, ['owner']);
      await deletePlaylist(s.db, id);
      s.membership.emit({ type: 'project-deleted', docId: playlistDocId(id) });
      c.get('log').info({ playlistId: id, by: c.get('auth').userId }, 'collaborative playlist deleted');
      return c.body(null, 204);
    })
    .get('/:id/collaborators', async (c) => {
      const { id } = parseParams(c, PlaylistParam);
      await playlistForMember(s.db, id, c.get('auth').userId);
      return c.json({ collaborators: await listPlaylistCollaborators(s.db, id) } satisfies CollaboratorListResponse);
    })
    .post('/:id/collaborators', async (c) => {
      const { id } = parseParams(c, PlaylistParam);
      const body = await parseJson(c, AddCollaboratorRequest);
      await playlistForMember(s.db, id, c.get('auth').userId, ['owner']);
      const collaborator = await upsertPlaylistCollaborator(s.db, id, body.username, body.role, s.clock.now());
      s.membership.emit({ type: 'role-changed', docId: playlistDocId(id), userId: collaborator.userId, role: collaborator.role });
      return c.json({ collaborator } satisfies CollaboratorResponse, 201);
    })
    .delete('/:id/collaborators/:userId', async (c) => {
      const { id, userId } = parseParams(c, MemberParam);
      await playlistForMember(s.db, id, c.get('auth').userId, ['owner']);
      await removePlaylistCollaborator(s.db, id, userId);
      s.membership.emit({ type: 'member-removed', docId: playlistDocId(id), userId });
      c.get('log').info({ playlistId: id, userId, by: c.get('auth').userId }, 'playlist collaborator removed');
      return c.body(null, 204);
    });
}
