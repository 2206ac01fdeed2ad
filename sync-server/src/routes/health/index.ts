import { Hono } from 'hono';
import { EncoreError } from '@encore/shared/errors';
import type { AppEnv } from '../../middleware/env';

/**
 * GET /health: 200 when the database answers a query, 503 SERVICE_UNAVAILABLE (in the
 * envelope) when it does not, so a load balancer stops sending traffic here.
 *
 * @example
 * app.route('/health', healthRoutes(() => handle.ping()));
 */
export function healthRoutes(pingDatabase: () => Promise<void>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    try {
      await pingDatabase();
    } catch (err) {
      c.get('log').error({ err }, 'health check: database down');
      throw new EncoreError('SERVICE_UNAVAILABLE', 'The database is not answering', { database: 'down' });
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok', database: 'up' });
  });
}
