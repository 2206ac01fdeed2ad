/**
 * Which real services the tests run against. Outside CI a missing service means "run what
 * can run" and says so; in CI (CI=true) a missing service is a failure, never a silent skip.
 */
export interface TestServices {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
}

export function testServices(): TestServices {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const redisUrl = process.env.REDIS_URL || undefined;
  if (process.env.CI) {
    if (!databaseUrl) throw new Error('CI=true but DATABASE_URL is not set: the PostgreSQL tests cannot be skipped in CI');
    if (!redisUrl) throw new Error('CI=true but REDIS_URL is not set: the Redis tests cannot be skipped in CI');
  }
  return { databaseUrl, redisUrl };
}
