import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { testServices } from '../../scripts/test-env';
import { startServer } from './server';
import { MemoryMailer } from './services/mailer/memoryMailer';
import { testConfig } from './test/harness';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-server-'));
const redisKeyPrefix = `encore:test:${randomBytes(6).toString('hex')}:`;
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const url = testServices().redisUrl;
  if (!url) return;
  const redis = new Redis(url);
  const keys = await redis.keys(`${redisKeyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

it('starts on a real socket with PGlite in the data folder, serves, and closes cleanly', async () => {
  const config = testConfig({ port: 0, pgliteDir: path.join(dataDir, 'pglite'), databaseUrl: undefined, redisUrl: testServices().redisUrl, redisKeyPrefix });
  const server = await startServer({ config, logger: pino({ level: 'silent' }), mailer: new MemoryMailer() });
  try {
    expect(server.database.driver).toBe('pglite');
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const res = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'net@example.com', username: 'net', password: 'correct horse battery staple' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const url = testServices().redisUrl;
    if (url) {
      // With REDIS_URL the rate-limit counters live in Redis, under the configured prefix.
      const redis = new Redis(url);
      expect(await redis.keys(`${redisKeyPrefix}rl:register:ip:*`)).toHaveLength(1);
      await redis.quit();
    }
  } finally {
    await server.close();
  }
  await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
});
