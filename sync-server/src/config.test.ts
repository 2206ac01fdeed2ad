import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const load = (env: Record<string, string | undefined>) => loadConfig({ env, platform: 'linux', home: '/home/nobody' });

describe('loadConfig', () => {
  it('has working defaults: PGlite under the data folder, a persisted 0600 JWT secret', () => {
    const dataDir = tmp();
    const config = load({ ENCORE_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8787',
      databaseUrl: undefined,
      pgliteDir: path.join(dataDir, 'server', 'pglite'),
      redisUrl: undefined,
      bcryptCost: 12,
      accessTokenTtlMs: 15 * 60_000,
      refreshTokenTtlMs: 30 * 24 * 3_600_000,
      corsOrigins: ['http://127.0.0.1:8790', 'http://localhost:8790'],
      bodyLimitBytes: 1024 * 1024,
      trustProxy: false,
      adminEmails: [],
    });
    const secretFile = path.join(dataDir, 'server', 'jwt-secret');
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    // The same secret on the next start: tokens survive restarts.
    expect(Buffer.from(load({ ENCORE_DATA_DIR: dataDir }).jwtSecret).equals(Buffer.from(config.jwtSecret))).toBe(true);
  });

  it('reads every variable', () => {
    const config = load({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/encore',
      REDIS_URL: 'redis://cache:6379',
      ENCORE_JWT_SECRET: 'x'.repeat(40),
      BCRYPT_COST: '4',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      BODY_LIMIT_BYTES: '2048',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      TRUST_PROXY: 'true',
      ENCORE_ADMIN_EMAILS: 'Boss@Example.com,ops@example.com',
      ENCORE_DATA_DIR: '/unused',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db:5432/encore',
      redisUrl: 'redis://cache:6379',
      bcryptCost: 4,
      corsOrigins: ['https://a.example', 'https://b.example'],
      bodyLimitBytes: 2048,
      logLevel: 'debug',
      nodeEnv: 'production',
      trustProxy: true,
      adminEmails: ['boss@example.com', 'ops@example.com'],
    });
    expect(new TextDecoder().decode(config.jwtSecret)).toBe('x'.repeat(40));
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['REDIS_URL', 'not a url'],
    ['ENCORE_JWT_SECRET', 'short'],
    ['BCRYPT_COST', '31'],
    ['CORS_ORIGINS', 'not-an-origin'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'maybe'],
    ['ENCORE_ADMIN_EMAILS', 'root'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => load({ ENCORE_JWT_SECRET: 'y'.repeat(32), [name]: value })).toThrow(ConfigError);
    expect(() => load({ ENCORE_JWT_SECRET: 'y'.repeat(32), [name]: value })).toThrow(new RegExp(`Invalid environment variable ${name}:`));
  });
});
