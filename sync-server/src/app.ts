import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Registry } from 'prom-client';
import { EncoreError } from '@encore/shared/errors';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import type { Logger } from './logger';
import type { AppEnv } from './middleware/env';
import { errorHandler, notFoundHandler } from './middleware/errors';
import { createHttpMetrics } from './middleware/metrics';
import { requestLog } from './middleware/requestLog';
import { InProcessQueue } from './jobs/inProcessQueue';
import type { JobQueue } from './jobs/queue';
import { adminUserRoutes } from './routes/admin/users';
import { apiKeyRoutes } from './routes/auth/apiKeys';
import { authRoutes } from './routes/auth/index';
import { albumRoutes, artistRoutes } from './routes/catalog/albums';
import { analyticsRoutes } from './routes/catalog/analytics';
import { coverRoutes } from './routes/catalog/covers';
import { collabPlaylistRoutes } from './routes/collab/playlists';
import { genreRoutes } from './routes/catalog/genres';
import { moderationRoutes } from './routes/catalog/moderation';
import { searchRoutes } from './routes/catalog/search';
import { trackRoutes } from './routes/catalog/tracks';
import { uploadRoutes } from './routes/catalog/uploads';
import { healthRoutes } from './routes/health/index';
import { deviceRoutes } from './routes/licences/devices';
import { licenceRoutes } from './routes/licences/licences';
import { metricsRoutes } from './routes/metrics/index';
import { meRoutes } from './routes/social/me';
import { playlistRoutes } from './routes/social/playlists';
import { socialStatsRoutes } from './routes/social/stats';
import { subsonicRoutes } from './routes/subsonic/index';
import { studioInviteRoutes } from './routes/studio/invites';
import { studioProjectRoutes } from './routes/studio/projects';
import { AccessTokens } from './services/accessTokens';
import { BackgroundTasks } from './services/backgroundTasks';
import { createCatalog, DEFAULT_CATALOG_OPTIONS, type CatalogOptions } from './services/catalog/catalog';
import type { Mailer } from './services/mailer/mailer';
import { PasswordHasher } from './services/passwords';
import type { RateLimitStore } from './services/rateLimit/store';
import type { Services } from './services/services';
import { DocumentGateway } from './services/studio/liveDocuments';
import { MembershipEvents } from './services/studio/membershipEvents';

export interface AppDeps {
  db: Database;
  /** Answers the health check; throws when the database is down. */
  pingDatabase: () => Promise<void>;
  config: Config;
  logger: Logger;
  mailer: Mailer;
  rateLimits: RateLimitStore;
  clock: Clock;
  /** Background jobs; default: the in-process queue (server.ts passes pg-boss on PostgreSQL). */
  jobs?: JobQueue;
  catalog?: Partial<CatalogOptions>;
}

export interface EncoreApp {
  app: Hono<AppEnv>;
  services: Services;
  /** The registry `/metrics` serves; the sync hub adds its series to it. */
  metrics: Registry;
}

/**
 * Builds the HTTP app from its dependencies, with no I/O of its own: tests call
 * `app.request()` on it; server.ts serves it with @hono/node-server.
 *
 * @example
 * const { app } = createApp({ db, pingDatabase, config, logger, mailer, rateLimits, clock: systemClock });
 * const res = await app.request('/health');
 */
export function createApp(deps: AppDeps): EncoreApp {
  const { config, logger, clock } = deps;
  const services: Services = {
    db: deps.db,
    config,
    clock,
    log: logger,
    mailer: deps.mailer,
    rateLimits: deps.rateLimits,
    passwords: new PasswordHasher(config.bcryptCost),
    accessTokens: new AccessTokens({ secret: config.jwtSecret, ttlMs: config.accessTokenTtlMs, clock }),
    tasks: new BackgroundTasks(logger),
    membership: new MembershipEvents(),
    documents: new DocumentGateway(),
    catalog: createCatalog(config.dataDir, deps.jobs ?? new InProcessQueue(logger, deps.catalog?.processing ?? DEFAULT_CATALOG_OPTIONS.processing), { autoApprove: config.catalogAutoApprove, ...deps.catalog }),
  };
  const metrics = createHttpMetrics();
  const app = new Hono<AppEnv>();

  app.use(requestId({ limitLength: 128, generator: () => `req_${randomBytes(12).toString('base64url')}` }));
  app.use(requestLog(logger));
  app.use(metrics.middleware);
  // The OpenSubsonic API is for third-party players, web ones included (Airsonic-refix, Feishin
  // web): they call it from their own origin and play `stream` / show `getCoverArt` in <audio> and
  // <img>. Its credentials travel in the query (token + salt, API key), never in cookies, so any
  // origin may read it (as Navidrome does); the rest of the API keeps the configured origins.
  const subsonic = (c: { req: { path: string } }) => c.req.path === '/rest' || c.req.path.startsWith('/rest/');
  app.use(except(subsonic, secureHeaders()));
  app.use('/rest/*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use(
    except(
      subsonic,
      cors({
        origin: (origin) => (config.corsOrigins.includes(origin) ? origin : null),
        allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
        exposeHeaders: ['X-Request-Id', 'Retry-After'],
        maxAge: 600,
      }),
    ),
  );
  app.use('/rest/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type', 'Range'], exposeHeaders: ['Content-Range', 'Content-Length', 'Accept-Ranges', 'Content-Type'], maxAge: 86_400 }));
  app.use(
    // Cover art uploads set their own, larger limit (routes/catalog/covers.ts).
    except(
      (c) => c.req.method === 'POST' && c.req.path === '/api/covers',
      bodyLimit({
        maxSize: config.bodyLimitBytes,
        onError: () => {
          throw new EncoreError('PAYLOAD_TOO_LARGE', 'The request body is too large', { limitBytes: config.bodyLimitBytes });
        },
      }),
    ),
  );

  app.route('/health', healthRoutes(deps.pingDatabase));
  app.route('/metrics', metricsRoutes(metrics.registry));
  app.route('/api/auth', authRoutes(services));
  app.route('/api/admin/users', adminUserRoutes(services));
  app.route('/api/studio/projects', studioProjectRoutes(services));
  app.route('/api/studio/invites', studioInviteRoutes(services));
  app.route('/api/uploads', uploadRoutes(services));
  app.route('/api/tracks', trackRoutes(services));
  app.route('/api/albums', albumRoutes(services));
  app.route('/api/artists', artistRoutes(services));
  app.route('/api/search', searchRoutes(services));
  app.route('/api/analytics', analyticsRoutes(services));
  app.route('/api/covers', coverRoutes(services));
  app.route('/api/genres', genreRoutes(services));
  app.route('/api/admin/moderation', moderationRoutes(services));
  app.route('/api/devices', deviceRoutes(services));
  app.route('/api/licences', licenceRoutes(services));
  app.route('/api/auth/api-keys', apiKeyRoutes(services));
  app.route('/api/me', meRoutes(services));
  app.route('/api/social', socialStatsRoutes(services));
  // Before /api/playlists, whose /:id would otherwise take `collab` for a playlist id.
  app.route('/api/playlists/collab', collabPlaylistRoutes(services));
  app.route('/api/playlists', playlistRoutes(services));
  app.route('/rest', subsonicRoutes(services));

  app.notFound(notFoundHandler(clock));
  app.onError(errorHandler(logger, clock));
  return { app, services, metrics: metrics.registry };
}
