import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../../middleware/env';

/** GET /metrics in the Prometheus text exposition format. */
export function metricsRoutes(registry: Registry): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    c.header('Content-Type', registry.contentType);
    return c.body(await registry.metrics());
  });
}
