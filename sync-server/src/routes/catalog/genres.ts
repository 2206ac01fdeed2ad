import { Hono } from 'hono';
import type { TrackListResponse } from '@encore/shared/api/catalog';
import { GenreParam, Paging, type AlbumListResponse, type GenreListResponse } from '@encore/shared/api/catalogReleases';
import type { AppEnv } from '../../middleware/env';
import { parseParams, parseQuery } from '../../middleware/parse';
import { albumsByGenre, genres, tracksByGenre } from '../../services/catalog/browse';
import type { Services } from '../../services/services';

/**
 * Browsing by genre (public): the genres with counts, and a genre's tracks (most played first)
 * and albums (newest first). Genre names match case-insensitively.
 *
 * @example
 * app.route('/api/genres', genreRoutes(services));
 */
export function genreRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json({ genres: await genres(s.db) } satisfies GenreListResponse))
    .get('/:genre/tracks', async (c) => {
      const { genre } = parseParams(c, GenreParam);
      const { limit, offset } = parseQuery(c, Paging);
      return c.json({ tracks: await tracksByGenre(s.db, genre, limit, offset) } satisfies TrackListResponse);
    })
    .get('/:genre/albums', async (c) => {
      const { genre } = parseParams(c, GenreParam);
      const { limit, offset } = parseQuery(c, Paging);
      return c.json({ albums: await albumsByGenre(s.db, genre, limit, offset) } satisfies AlbumListResponse);
    });
}
