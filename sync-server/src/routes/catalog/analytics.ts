import { Hono } from 'hono';
import { PlayEventRequest, type PlayEventResponse } from '@encore/shared/api/catalog';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson } from '../../middleware/parse';
import { recordPlay } from '../../services/catalog/plays';
import type { Services } from '../../services/services';

/**
 * Play events, idempotent by the client's event id (201 when stored, 200 for a replay).
 *
 * @example
 * app.route('/api/analytics', analyticsRoutes(services));
 */
export function analyticsRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/events', requireAuth(s), async (c) => {
    const body = await parseJson(c, PlayEventRequest);
    const result = await recordPlay(s.db, c.get('auth').userId, body, s.clock.now());
    return c.json(result satisfies PlayEventResponse, result.recorded ? 201 : 200);
  });
}
