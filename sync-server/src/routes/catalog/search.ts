import { Hono } from 'hono';
import { SearchQuery, type AutocompleteResponse, type SearchResponse } from '@encore/shared/api/catalog';
import type { AppEnv } from '../../middleware/env';
import { parseQuery } from '../../middleware/parse';
import { autocomplete, search } from '../../services/catalog/search';
import type { Services } from '../../services/services';

/**
 * Catalog search (typo tolerant) and prefix autocomplete; public.
 *
 * @example
 * app.route('/api/search', searchRoutes(services));
 */
export function searchRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const { q, limit } = parseQuery(c, SearchQuery);
      return c.json((await search(s.db, q, limit)) satisfies SearchResponse);
    })
    .get('/autocomplete', async (c) => {
      const { q, limit } = parseQuery(c, SearchQuery);
      return c.json((await autocomplete(s.db, q, Math.min(limit, 10))) satisfies AutocompleteResponse);
    });
}
