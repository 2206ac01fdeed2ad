import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Redis } from 'ioredis';
import { createApp, type EncoreApp } from './app';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { startCatalogWorkers } from './jobs/processTrack';
import { PgBossQueue } from './jobs/pgBossQueue';
import type { JobQueue } from './jobs/queue';
import type { Logger } from './logger';
import { DEFAULT_CATALOG_OPTIONS } from './services/catalog/catalog';
import { LogMailer } from './services/mailer/logMailer';
import type { Mailer } from './services/mailer/mailer';
import { MemoryRateLimitStore } from './services/rateLimit/memoryStore';
import { RedisRateLimitStore } from './services/rateLimit/redisStore';
import type { RateLimitStore } from './services/rateLimit/store';
import { autoVersionHook } from './services/studio/versions';
import { SyncHub } from './sync/hub';
import { SyncMetrics } from './sync/metrics';
import { attachSyncUpgrade } from './sync/upgrade';

export interface RunningServer {
  url: string;
  port: number;
  encore: EncoreApp;
  database: DatabaseHandle;
  /** The collaboration documents and sockets of `/sync/<docId>`. */
  sync: SyncHub;
  /** Stops accepting connections, finishes background work, closes Redis and the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  mailer?: Mailer;
  clock?: Clock;
  /** An open, migrated database to use instead of the configured one (left open by close()). */
  database?: DatabaseHandle;
}

/**
 * Opens the database (PostgreSQL when DATABASE_URL is set, else PGlite in the data folder),
 * applies migrations, connects Redis when REDIS_URL is set, and serves the app.
 *
 * @example
 * const server = await startServer({ config: loadConfig(), logger });
 * console.log(server.url);
 * await server.close();
 */
export async function startServer(o: StartOptions): Promise<RunningServer> {
  const { config, logger } = o;
  const clock = o.clock ?? systemClock;
  const ownsDatabase = !o.database;
  const database = o.database ?? (await openDatabase(config.databaseUrl ? { driver: 'postgres', url: config.databaseUrl } : { driver: 'pglite', dir: config.pgliteDir }));
  const closeDatabase = () => (ownsDatabase ? database.close() : Promise.resolve());
  let rateLimits: RateLimitStore | undefined;
  let hub: SyncHub | undefined;
  let jobs: JobQueue | undefined;
  try {
    if (ownsDatabase) await database.migrate();
    rateLimits = config.redisUrl ? new RedisRateLimitStore(new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }), `${config.redisKeyPrefix}rl:`) : new MemoryRateLimitStore(clock);
    // pg-boss needs a real PostgreSQL; on embedded PGlite the same job code runs in-process.
    jobs = config.databaseUrl ? await PgBossQueue.start(config.databaseUrl, logger, DEFAULT_CATALOG_OPTIONS.processing) : undefined;
    const encore = createApp({ db: database.db, pingDatabase: database.ping, config, logger, mailer: o.mailer ?? new LogMailer(logger), rateLimits, clock, ...(jobs ? { jobs } : {}) });
    jobs = encore.services.catalog.jobs;
    await startCatalogWorkers({ db: database.db, catalog: encore.services.catalog, clock, log: logger });
    const sync = await SyncHub.create({
      db: database.db,
      log: logger,
      sync: config.sync,
      redis: config.redisUrl ? { url: config.redisUrl, keyPrefix: config.redisKeyPrefix } : undefined,
      metrics: new SyncMetrics(encore.metrics),
      autoVersions: autoVersionHook(database.db, clock),
    });
    hub = sync;
    encore.services.documents.bind({ state: (docId) => sync.documentState(docId), change: (docId, fn) => sync.changeDocument(docId, fn) });
    encore.services.membership.on((e) => sync.applyMembership(e));
    const server = await listen(encore, config);
    const detachSync = attachSyncUpgrade(server as Server, { services: encore.services, hub: sync, log: logger, maxMessageBytes: config.sync.maxMessageBytes });
    const port = (server.address() as AddressInfo).port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const store = rateLimits;
    return {
      url: `http://${host}:${port}`,
      port,
      encore,
      database,
      sync,
      close: async () => {
        detachSync();
        await sync.close();
        await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
        await encore.services.tasks.close();
        await encore.services.catalog.jobs.close();
        await store.close();
        await closeDatabase();
      },
    };
  } catch (e) {
    await hub?.close().catch(() => undefined);
    await jobs?.close().catch(() => undefined);
    await rateLimits?.close().catch(() => undefined);
    await closeDatabase().catch(() => undefined);
    throw e;
  }
}

function listen(encore: EncoreApp, config: Config): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: encore.app.fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', reject);
  });
}
