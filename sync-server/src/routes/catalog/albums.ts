import { Hono } from 'hono';
import { z } from 'zod';
import { CreateAlbumRequest, type AlbumResponse, type ArtistPageResponse } from '@encore/shared/api/catalog';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import { artistPage, createAlbum, getAlbum } from '../../services/catalog/reads';
import type { Services } from '../../services/services';

const IdParam = z.object({ id: z.uuid() });

/**
 * Albums (create: artists; read: everyone), running order by track number.
 *
 * @example
 * app.route('/api/albums', albumRoutes(services));
 */
export function albumRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const body = await parseJson(c, CreateAlbumRequest);
      const row = await createAlbum(s.db, c.get('auth').userId, body, s.clock.now());
      return c.json({ album: await getAlbum(s.db, row.id) } satisfies AlbumResponse, 201);
    })
    .get('/:id', async (c) => {
      const { id } = parseParams(c, IdParam);
      return c.json({ album: await getAlbum(s.db, id) } satisfies AlbumResponse);
    });
}

/** Artist pages: GET /api/artists/:id. */
export function artistRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/:id', async (c) => {
    const { id } = parseParams(c, IdParam);
    return c.json((await artistPage(s.db, id)) satisfies ArtistPageResponse);
  });
}
