import { Hono } from 'hono';
import { z } from 'zod';
import { ModerationQuery, RejectRequest, type ModerationListResponse } from '@encore/shared/api/catalogReleases';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams, parseQuery } from '../../middleware/parse';
import { decide, moderationList } from '../../services/catalog/moderation';
import type { Services } from '../../services/services';

const TrackParam = z.object({ id: z.uuid() });

/**
 * The moderation queue (admins and moderators): list tracks by state, approve, reject with a reason. Only
 * approved tracks reach the catalog; new releases are approved at once unless
 * CATALOG_AUTO_APPROVE=false.
 *
 * @example
 * app.route('/api/admin/moderation', moderationRoutes(services));
 */
export function moderationRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireAuth(s), requireRole('admin', 'moderator'))
    .get('/', async (c) => {
      const q = parseQuery(c, ModerationQuery);
      return c.json({ tracks: await moderationList(s.db, q.state, q.limit, q.offset) } satisfies ModerationListResponse);
    })
    .post('/tracks/:id/approve', async (c) => {
      const { id } = parseParams(c, TrackParam);
      await decide(s.db, c.get('auth').userId, id, { decision: 'approved' }, s.clock.now());
      c.get('log').info({ trackId: id, by: c.get('auth').userId }, 'track approved');
      return c.body(null, 204);
    })
    .post('/tracks/:id/reject', async (c) => {
      const { id } = parseParams(c, TrackParam);
      const { reason } = await parseJson(c, RejectRequest);
      await decide(s.db, c.get('auth').userId, id, { decision: 'rejected', reason }, s.clock.now());
      c.get('log').info({ trackId: id, by: c.get('auth').userId }, 'track rejected');
      return c.body(null, 204);
    });
}
