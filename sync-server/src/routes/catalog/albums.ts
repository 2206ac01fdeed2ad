import { Hono } from 'hono';
import { z } from 'zod';
import { CreateAlbumRequest, type AlbumResponse, type ArtistPageResponse } from '@encore/shared/api/catalog';
import { Paging, type AlbumListResponse, type ArtistListResponse } from '@encore/shared/api/catalogReleases';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams, parseQuery } from '../../middleware/parse';
import { artistList, newAlbums } from '../../services/catalog/browse';
import { artistPage, createAlbum, getAlbum } from '../../services/catalog/reads';
import type { Services } from '../../services/services';
import { albumEditRoutes } from './albumEdits';
import { optionalAuth } from './optionalAuth';

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
      return c.json({ album: await getAlbum(s.db, row.id, c.get('auth').userId) } satisfies AlbumResponse, 201);
    })
    .get('/new', async (c) => {
      const { limit, offset } = parseQuery(c, Paging);
      return c.json({ albums: await newAlbums(s.db, limit, offset) } satisfies AlbumListResponse);
    })
    .get('/:id', async (c) => {
      const { id } = parseParams(c, IdParam);
      const viewer = await optionalAuth(s, c);
      return c.json({ album: await getAlbum(s.db, id, viewer?.userId) } satisfies AlbumResponse);
    })
    .route('/', albumEditRoutes(s));
}

/** Artists: GET /api/artists (those with a release, by name) and the artist page GET /api/artists/:id. */
export function artistRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const { limit, offset } = parseQuery(c, Paging);
      return c.json({ artists: await artistList(s.db, limit, offset) } satisfies ArtistListResponse);
    })
    .get('/:id', async (c) => {
      const { id } = parseParams(c, IdParam);
      return c.json((await artistPage(s.db, id)) satisfies ArtistPageResponse);
    });
}
