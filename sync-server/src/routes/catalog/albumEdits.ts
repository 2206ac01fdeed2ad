import { Hono } from 'hono';
import { z } from 'zod';
import type { AlbumResponse } from '@encore/shared/api/catalog';
import { AddAlbumTrackRequest, AlbumOrderRequest, UpdateAlbumRequest } from '@encore/shared/api/catalogReleases';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import { addAlbumTrack, removeAlbumTrack, setAlbumOrder, updateAlbum } from '../../services/catalog/albumEdits';
import { getAlbum } from '../../services/catalog/reads';
import type { Services } from '../../services/services';

const IdParam = z.object({ id: z.uuid() });
const AlbumTrackParam = z.object({ id: z.uuid(), trackId: z.uuid() });

/**
 * Changes to an album by its artist or an admin: metadata and cover, the running order
 * (PUT the whole list), adding and removing one track. Each answers the album as its artist sees it.
 *
 * @example
 * albumRoutes.route('/', albumEditRoutes(services));
 */
export function albumEditRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .patch('/:id', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const { id } = parseParams(c, IdParam);
      const row = await updateAlbum(s.db, c.get('auth'), id, await parseJson(c, UpdateAlbumRequest), s.clock.now());
      return c.json({ album: await albumAsOwner(s, row.id) } satisfies AlbumResponse);
    })
    .put('/:id/tracks', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const { id } = parseParams(c, IdParam);
      await setAlbumOrder(s.db, c.get('auth'), id, await parseJson(c, AlbumOrderRequest), s.clock.now());
      return c.json({ album: await albumAsOwner(s, id) } satisfies AlbumResponse);
    })
    .post('/:id/tracks', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const { id } = parseParams(c, IdParam);
      await addAlbumTrack(s.db, c.get('auth'), id, await parseJson(c, AddAlbumTrackRequest), s.clock.now());
      return c.json({ album: await albumAsOwner(s, id) } satisfies AlbumResponse);
    })
    .delete('/:id/tracks/:trackId', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const { id, trackId } = parseParams(c, AlbumTrackParam);
      await removeAlbumTrack(s.db, c.get('auth'), id, trackId, s.clock.now());
      return c.json({ album: await albumAsOwner(s, id) } satisfies AlbumResponse);
    });
}

/** The album with every track, as its artist sees it (the caller is authorised already). */
function albumAsOwner(s: Services, id: string) {
  return getAlbum(s.db, id, undefined, true);
}
