import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createApp, type EncoreApp } from '../app';
import { manualClock } from '../clock';
import { loadConfig, type Config } from '../config';
import type { JobQueue } from '../jobs/queue';
import type { CatalogOptions } from '../services/catalog/catalog';
import type { DatabaseHandle } from '../db/database';
import { MemoryMailer } from '../services/mailer/memoryMailer';
import { MemoryRateLimitStore } from '../services/rateLimit/memoryStore';
import type { RateLimitStore } from '../services/rateLimit/store';

export interface TestApp extends EncoreApp {
  config: Config;
  mailer: MemoryMailer;
  clock: ReturnType<typeof manualClock>;
  /** app.request with JSON helpers and a client address (as the socket would give it). */
  call(method: string, path: string, o?: { json?: unknown; body?: string; token?: string; headers?: Record<string, string>; ip?: string }): Promise<Response>;
}

/** Config for tests: cheap bcrypt, a random JWT secret, nothing read from the machine. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    env: { ENCORE_JWT_SECRET: randomBytes(32).toString('hex'), BCRYPT_COST: '4', NODE_ENV: 'test', LOG_LEVEL: 'silent', ENCORE_DATA_DIR: '/nonexistent/encore-test' },
    platform: 'linux',
    home: '/nonexistent',
  });
  return { ...base, ...overrides };
}

/**
 * A full app over a real database, with a manual clock, captured mail and fresh rate-limit
 * counters, for `app.request()` tests.
 *
 * @example
 * const t = testApp(db());
 * const res = await t.call('POST', '/api/auth/login', { json: { login: 'ada', password: 'x' } });
 */
export function testApp(handle: DatabaseHandle, o: { config?: Partial<Config>; rateLimits?: RateLimitStore; clock?: ReturnType<typeof manualClock>; jobs?: JobQueue; catalog?: Partial<CatalogOptions> } = {}): TestApp {
  const config = testConfig(o.config);
  const clock = o.clock ?? manualClock(new Date());
  const mailer = new MemoryMailer();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const encore = createApp({ db: handle.db, pingDatabase: handle.ping, config, logger, mailer, rateLimits: o.rateLimits ?? new MemoryRateLimitStore(clock), clock, ...(o.jobs ? { jobs: o.jobs } : {}), ...(o.catalog ? { catalog: o.catalog } : {}) });
  return {
    ...encore,
    config,
    mailer,
    clock,
    call: (method, path, c = {}) => {
      const headers: Record<string, string> = { ...c.headers };
      if (c.json !== undefined) headers['content-type'] ??= 'application/json';
      if (c.token) headers.authorization = `Bearer ${c.token}`;
      const body = c.json !== undefined ? JSON.stringify(c.json) : c.body;
      const env = { incoming: { socket: { remoteAddress: c.ip ?? '203.0.113.7' } } };
      return Promise.resolve(encore.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }, env as never));
    },
  };
}
