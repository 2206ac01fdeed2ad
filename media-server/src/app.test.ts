import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { EncoreError, ErrorEnvelope } from '@encore/shared/errors';
import { createApp } from './app';

/** A logger whose lines the test can read. */
function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines };
}

function setup() {
  let clock = 1_000_000;
  const { logger, lines } = captureLogger();
  const app = createApp({ logger, version: '1.2.3', now: () => clock });
  app.get('/boom', () => {
    throw new Error('ECONNREFUSED postgres://admin:hunter2@db');
  });
  app.get('/missing-track', () => {
    throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId: 't1' });
  });
  return { app, lines, advance: (ms: number) => (clock += ms) };
}

describe('media-server app', () => {
  it('answers /health with status, uptime and version', async () => {
    const { app, advance } = setup();
    advance(2_500);
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', uptime: 2.5, version: '1.2.3' });
  });

  it('gives every response a request id, reusing the caller’s', async () => {
    const { app } = setup();
    expect((await app.request('/health')).headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    const res = await app.request('/health', { headers: { 'X-Request-Id': 'from-sync-server-42' } });
    expect(res.headers.get('X-Request-Id')).toBe('from-sync-server-42');
  });

  it('logs each request with its id, route and status', async () => {
    const { app, lines } = setup();
    await app.request('/health', { headers: { 'X-Request-Id': 'req-1' } });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', requestId: 'req-1', route: '/health', status: 200, method: 'GET' }));
  });

  it('answers unknown routes with the ROUTE_NOT_FOUND envelope', async () => {
    const { app } = setup();
    const res = await app.request('/whip/abc', { method: 'POST', headers: { 'X-Request-Id': 'req-404' } });
    expect(res.status).toBe(404);
    const { error } = ErrorEnvelope.parse(await res.json());
    expect(error).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: 'req-404' });
    expect(Date.parse(error.timestamp)).not.toBeNaN();
  });

  it('answers a thrown error with INTERNAL and hides its message, but logs it', async () => {
    const { app, lines } = setup();
    const res = await app.request('/boom', { headers: { 'X-Request-Id': 'req-500' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(ErrorEnvelope.parse(JSON.parse(text)).error).toMatchObject({ code: 'INTERNAL', message: 'Internal server error', requestId: 'req-500' });
    const logged = lines.find((l) => l.msg === 'request failed');
    expect(logged).toMatchObject({ requestId: 'req-500', level: 50 });
    expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
  });

  it('passes an EncoreError through with its own code, status and details', async () => {
    const { app } = setup();
    const res = await app.request('/missing-track');
    expect(res.status).toBe(404);
    expect(ErrorEnvelope.parse(await res.json()).error).toMatchObject({ code: 'TRACK_NOT_FOUND', details: { trackId: 't1' } });
  });

  it('serves Prometheus text with request counts by route and status, and process metrics', async () => {
    const { app } = setup();
    await app.request('/health');
    await app.request('/health');
    await app.request('/nope/123');
    await app.request('/boom');
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE encore_media_http_requests_total counter');
    expect(text).toContain('encore_media_http_requests_total{method="GET",route="/health",status="200"} 2');
    expect(text).toContain('encore_media_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('encore_media_http_requests_total{method="GET",route="/boom",status="500"} 1');
    expect(text).toContain('# TYPE encore_media_http_request_duration_seconds histogram');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    // Every non-comment line is `name{labels} value` (Prometheus parses NaN/Inf case-insensitively).
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? ([-+0-9.eE]+|nan|[+-]?inf)$/i);
    }
  });

  it('allows the browser-mode origins and no others', async () => {
    const { app } = setup();
    for (const origin of ['http://127.0.0.1:8790', 'http://localhost:8790']) {
      const res = await app.request('/health', { headers: { Origin: origin } });
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    }
    const preflight = await app.request('/health', {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8790', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    const evil = await app.request('/health', { headers: { Origin: 'https://evil.example' } });
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
