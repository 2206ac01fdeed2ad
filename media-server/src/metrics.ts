import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
}

/**
 * A Prometheus registry with process metrics and HTTP request metrics. Each app gets its own
 * registry (not prom-client's global one) so tests and several servers in one process don't
 * collide on metric names.
 *
 * @example
 * const metrics = createMetrics();
 * const text = await metrics.registry.metrics();
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: 'encore_media_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'encore_media_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  return { registry, httpRequests, httpDuration };
}
