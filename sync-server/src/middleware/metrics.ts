import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { AppEnv } from './env';

export interface HttpMetrics {
  registry: Registry;
  middleware: MiddlewareHandler<AppEnv>;
}

/**
 * Prometheus metrics of one app: request counts and durations by method, route pattern and
 * status, plus Node process metrics. A registry per app (not prom-client's global one) so
 * several apps in one process, as in tests, do not collide.
 *
 * @example
 * const metrics = createHttpMetrics();
 * app.use(metrics.middleware);
 * app.get('/metrics', async (c) => c.text(await metrics.registry.metrics()));
 */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by method, route pattern and status', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const stop = duration.startTimer();
    await next();
    // Route patterns, never raw paths: /verify-email/:token must not become one series per token.
    const matched = routePath(c, -1);
    const route = c.res.status === 404 && (matched === '*' || matched === '/*') ? 'unmatched' : matched;
    const labels = { method: c.req.method, route, status: String(c.res.status) };
    requests.inc(labels);
    stop(labels);
  };
  return { registry, middleware };
}
