import { Hono } from 'hono';
import { z } from 'zod';
import { AddPlaylistTracksRequest, CreatePlaylistRequest, RemovePlaylistTrackQuery, ReorderPlaylistRequest, UpdatePlaylistRequest, type PlaylistListResponse, type PlaylistResponse } from '@encore/shared/api/social';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams, parseQuery } from '../../middleware/parse';
import type { Services } from '../../services/services';
import { addTracks, createPlaylist, deletePlaylist, getPlaylist, listPlaylists, removeTrack, reorderPlaylist, updatePlaylist } from '../../services/social/playlists';
import { optionalAuth } from '../catalog/optionalAuth';

const IdParam = z.object({ id: z.uuid() });
const EntryParam = z.object({ id: z.uuid(), trackId: z.uuid() });
const ListQuery = z.object({ ownerId: z.uuid().optional() });

/**
 * /api/playlists: server playlists of catalog tracks. Anyone reads a public playlist; only
 * its owner changes it. Every change of entries is one transaction that keeps positions
 * 0..n-1; each answer is the playlist as it is now.
 *
 * @example
 * app.route('/api/playlists', playlistRoutes(services));
 */
export function playlistRoutes(s: Services): Hono<AppEnv> {
  const auth = requireAuth(s);
  const detail = async (id: string, viewerId: string | undefined) => ({ playlist: await getPlaylist(s.db, id, viewerId) }) satisfies PlaylistResponse;
  return new Hono<AppEnv>()
    .get('/', auth, async (c) => {
      const { ownerId } = parseQuery(c, ListQuery);
      return c.json({ playlists: await listPlaylists(s.db, c.get('auth').userId, ownerId ? { ownerId } : {}) } satisfies PlaylistListResponse);
    })
    .post('/', auth, async (c) => {
      const body = await parseJson(c, CreatePlaylistRequest);
      const id = await createPlaylist(s.db, c.get('auth').userId, body, s.clock.now());
      return c.json(await detail(id, c.get('auth').userId), 201);
    })
    .get('/:id', async (c) => c.json(await detail(parseParams(c, IdParam).id, (await optionalAuth(s, c))?.userId)))
    .put('/:id', auth, async (c) => {
      const { id } = parseParams(c, IdParam);
      await updatePlaylist(s.db, id, c.get('auth').userId, await parseJson(c, UpdatePlaylistRequest), s.clock.now());
      return c.json(await detail(id, c.get('auth').userId));
    })
    .delete('/:id', auth, async (c) => {
      await deletePlaylist(s.db, parseParams(c, IdParam).id, c.get('auth').userId);
      return c.body(null, 204);
    })
    .post('/:id/tracks', auth, async (c) => {
      const { id } = parseParams(c, IdParam);
      const body = await parseJson(c, AddPlaylistTracksRequest);
      await addTracks(s.db, id, c.get('auth').userId, body.trackIds, body.position, s.clock.now());
      return c.json(await detail(id, c.get('auth').userId));
    })
    .delete('/:id/tracks/:trackId', auth, async (c) => {
      const { id, trackId } = parseParams(c, EntryParam);
      const { position } = parseQuery(c, RemovePlaylistTrackQuery);
      await removeTrack(s.db, id, c.get('auth').userId, trackId, position, s.clock.now());
      return c.json(await detail(id, c.get('auth').userId));
    })
    .put('/:id/reorder', auth, async (c) => {
      const { id } = parseParams(c, IdParam);
      const move = await parseJson(c, ReorderPlaylistRequest);
      await reorderPlaylist(s.db, id, c.get('auth').userId, move, s.clock.now());
      return c.json(await detail(id, c.get('auth').userId));
    });
}
