import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../logger';
import type { AppEnv } from './env';

/**
 * Gives each request a child logger carrying its request id and logs one line per request
 * (method, path, route pattern, status, duration). Bodies and headers are never logged.
 *
 * @example
 * app.use(requestId(), requestLog(logger));
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    const status = c.res.status;
    const line = { method: c.req.method, path: c.req.path, route: routePath(c, -1), status, durationMs: Math.round((performance.now() - started) * 10) / 10 };
    if (status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request');
  };
}
