import { Hono } from 'hono';
import { z } from 'zod';
import type { SocialStats } from '@encore/shared/api/social';
import type { AppEnv } from '../../middleware/env';
import { parseParams } from '../../middleware/parse';
import type { Services } from '../../services/services';
import { albumStats, artistStats, trackStats } from '../../services/social/stats';
import { optionalAuth } from '../catalog/optionalAuth';

const IdParam = z.object({ id: z.uuid() });

/**
 * /api/social/{tracks|albums|artists}/:id: like/save/follow counts and mean rating, public;
 * with a token, also whether the caller liked (saved, follows) it and their rating.
 *
 * @example
 * app.route('/api/social', socialStatsRoutes(services));
 */
export function socialStatsRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/tracks/:id', async (c) => c.json((await trackStats(s.db, parseParams(c, IdParam).id, (await optionalAuth(s, c))?.userId)) satisfies SocialStats))
    .get('/albums/:id', async (c) => c.json((await albumStats(s.db, parseParams(c, IdParam).id, (await optionalAuth(s, c))?.userId)) satisfies SocialStats))
    .get('/artists/:id', async (c) => c.json((await artistStats(s.db, parseParams(c, IdParam).id, (await optionalAuth(s, c))?.userId)) satisfies SocialStats));
}
