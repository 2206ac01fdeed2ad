import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { requestId, type RequestIdVariables } from 'hono/request-id';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import { DEFAULT_PORTS } from '@encore/shared/dataDir';
import { EncoreError } from '@encore/shared/errors';
import { errorResponse } from './errors';
import { createMetrics, type Metrics } from './metrics';

export interface AppDeps {
  logger: Logger;
  /** Reported by /health so a client can tell which build it talks to. */
  version: string;
  metrics?: Metrics;
  /** Milliseconds; injectable so uptime is testable. */
  now?: () => number;
}

/** The renderer in browser mode is served from here; Electron's file origin needs no CORS. */
export const BROWSER_ORIGINS = [`http://127.0.0.1:${DEFAULT_PORTS.browserMode}`, `http://localhost:${DEFAULT_PORTS.browserMode}`];

export type MediaApp = Hono<{ Variables: RequestIdVariables }>;

/**
 * The media-server's HTTP app: request ids, request logs and metrics, the error envelope on
 * every failure, `/health` and `/metrics`. Live ingest and playback routes mount here later.
 *
 * @example
 * const app = createApp({ logger: pino(), version: '0.1.0' });
 * const res = await app.request('/health');
 */
export function createApp(deps: AppDeps): MediaApp {
  const { logger, version } = deps;
  const metrics = deps.metrics ?? createMetrics();
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const app: MediaApp = new Hono();

  app.use(requestId());
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    const seconds = (performance.now() - start) / 1000;
    // Label by route pattern, never by raw path: ids in paths would explode the series count.
    const handler = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
    const route = handler?.path ?? 'unmatched';
    const status = c.res.status;
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(status) });
    metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
    logger.info(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, route, status, durationMs: Math.round(seconds * 1e4) / 10 },
      'request',
    );
  });

  // After the logger, so preflight answers are logged and counted too.
  app.use(cors({ origin: BROWSER_ORIGINS, exposeHeaders: ['X-Request-Id'], maxAge: 600 }));

  app.get('/health', (c) => c.json({ status: 'ok' as const, uptime: (now() - startedAt) / 1000, version }));
  app.get('/metrics', async (c) => {
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'Content-Type': metrics.registry.contentType });
  });

  app.notFound((c) => errorResponse(c, new EncoreError('ROUTE_NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), logger));
  app.onError((err, c) => errorResponse(c, err, logger));
  return app;
}
