import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defaultDataDir, DEFAULT_PORTS } from '@encore/shared/dataDir';
import { loadOrCreateSecret } from './secretFile';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const MIB = 1024 * 1024;

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** The environment variables the sync-server reads, with their defaults. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_PORTS.syncServer),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  APP_URL: z.url().default(`http://127.0.0.1:${DEFAULT_PORTS.browserMode}`),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'letters, digits and _ : . - only').default('encore:'),
  ENCORE_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  CORS_ORIGINS: csv.pipe(z.array(z.url())).default([`http://127.0.0.1:${DEFAULT_PORTS.browserMode}`, `http://localhost:${DEFAULT_PORTS.browserMode}`]),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  TRUST_PROXY: flag.default(false),
  SYNC_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(256 * MIB).default(16 * MIB),
  SYNC_MAX_DOC_BYTES: z.coerce.number().int().min(1024).max(2048 * MIB).default(64 * MIB),
  SYNC_FLUSH_MS: z.coerce.number().int().min(1).max(5_000).default(50),
  SYNC_FLUSH_MAX_UPDATES: z.coerce.number().int().min(1).max(10_000).default(100),
  SYNC_COMPACT_AFTER: z.coerce.number().int().min(2).max(100_000).default(500),
  SYNC_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).max(24 * 60 * MINUTE_MS).default(30_000),
  SYNC_RECONCILE_MS: z.coerce.number().int().min(100).max(60 * MINUTE_MS).default(10_000),
  SYNC_RATE_MESSAGES: z.coerce.number().int().min(1).max(1_000_000).default(300),
  SYNC_RATE_BYTES: z.coerce.number().int().min(1024).max(1024 * MIB).default(32 * MIB),
  CATALOG_AUTO_APPROVE: flag.default(true),
  STUDIO_BLOB_MAX_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * MIB).default(2048 * MIB),
  STUDIO_BLOB_GC_GRACE_HOURS: z.coerce.number().min(0).max(24 * 365).default(7 * 24),
  STUDIO_BLOB_GC_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_PREFIX: z.string().regex(/^[\w./-]{0,200}$/).default(''),
  S3_FORCE_PATH_STYLE: flag.default(true),
  ENCORE_ADMIN_EMAILS: csv.pipe(z.array(z.email().transform((e) => e.toLowerCase()))).default([]),
});

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/** Where shared projects' audio assets are stored: a local folder unless S3 is configured. */
export type BlobStorageConfig =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; prefix: string; forcePathStyle: boolean };

export interface Config {
  port: number;
  host: string;
  /** Base URL of this server as mail links show it. */
  publicUrl: string;
  /** Base URL of the app (renderer) for links such as password reset. */
  appUrl: string;
  dataDir: string;
  /** Absent: embedded PGlite in {@link pgliteDir}. */
  databaseUrl: string | undefined;
  pgliteDir: string;
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so deployments (and test runs) can share one Redis. */
  redisKeyPrefix: string;
  jwtSecret: Uint8Array;
  bcryptCost: number;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  emailVerificationTtlMs: number;
  passwordResetTtlMs: number;
  corsOrigins: string[];
  bodyLimitBytes: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  nodeEnv: z.infer<typeof Env>['NODE_ENV'];
  trustProxy: boolean;
  adminEmails: string[];
  /** New releases are approved at once (true) or wait in the moderation queue. */
  catalogAutoApprove: boolean;
  sync: SyncConfig;
  /** Shared projects' audio assets (`/api/studio/projects/:id/blobs`). */
  studioBlobs: {
    storage: BlobStorageConfig;
    maxBytes: number;
    /** Partial (resumable) uploads, always local. */
    uploadDir: string;
    /** Blob garbage collection: a blob no project links is deleted `graceMs` after its last link went; a run every `intervalMs` (0 or absent: never). */
    gc?: { graceMs: number; intervalMs: number };
  };
  rateLimits: {
    loginPerIp: RateLimitRule;
    registerPerIp: RateLimitRule;
    forgotPasswordPerIp: RateLimitRule;
    resendVerificationPerUser: RateLimitRule;
    /** Failed logins per account before it is locked for `lockoutMs`. */
    loginFailures: RateLimitRule;
    lockoutMs: number;
  };
}

/** Limits and timings of the collaboration socket (`/sync/<docId>`). */
export interface SyncConfig {
  /** Largest WebSocket message; a bigger frame is refused from its header (ws maxPayload). */
  maxMessageBytes: number;
  /** Largest document (encoded state); an update that would exceed it is refused. */
  maxDocumentBytes: number;
  /** Group commit: accepted updates wait at most this long before their INSERT ... */
  flushDelayMs: number;
  /** ... or until this many are queued. */
  flushMaxUpdates: number;
  /** Log rows of one document before compaction folds them into its snapshot. */
  compactAfterUpdates: number;
  /** A document with no socket for this long is unloaded from memory. */
  idleUnloadMs: number;
  /** With Redis: how often a document that saw relayed traffic is reconciled with PostgreSQL. */
  reconcileIntervalMs: number;
  /** Per connection: messages per second (burst: two seconds' worth). */
  rateMessagesPerSecond: number;
  /** Per connection: bytes per second (burst: two seconds' worth). */
  rateBytesPerSecond: number;
  /** A client whose unsent data exceeds this is too slow and is disconnected. */
  maxBufferedBytes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface ConfigSource {
  env: Record<string, string | undefined>;
  platform: string;
  home: string;
}

/**
 * Reads the configuration from the environment. Fails with a {@link ConfigError} naming the
 * first bad variable, so a typo stops the server at startup instead of at first use. When
 * ENCORE_JWT_SECRET is absent a secret is generated once and kept (mode 0600) in the data
 * folder, so tokens survive restarts without a secret ever living in the repository.
 *
 * @example
 * const config = loadConfig({ env: process.env, platform: process.platform, home: os.homedir() });
 */
export function loadConfig(source: ConfigSource = { env: process.env, platform: process.platform, home: os.homedir() }): Config {
  // Empty strings mean "unset" (as `FOO= npm start` does), not "invalid".
  const raw = Object.fromEntries(Object.entries(source.env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid environment variable ${variable}: ${issue?.message ?? 'invalid'}`);
  }
  const env = parsed.data;
  const dataDir = defaultDataDir(source);
  const serverDir = path.join(dataDir, 'server');
  const jwtSecret = env.ENCORE_JWT_SECRET ?? loadOrCreateSecret(path.join(serverDir, 'jwt-secret'));
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL ?? `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`,
    appUrl: env.APP_URL,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    pgliteDir: path.join(serverDir, 'pglite'),
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    jwtSecret: new TextEncoder().encode(jwtSecret),
    bcryptCost: env.BCRYPT_COST,
    accessTokenTtlMs: 15 * MINUTE_MS,
    refreshTokenTtlMs: 30 * DAY_MS,
    emailVerificationTtlMs: DAY_MS,
    passwordResetTtlMs: 60 * MINUTE_MS,
    corsOrigins: env.CORS_ORIGINS,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    logLevel: env.LOG_LEVEL,
    nodeEnv: env.NODE_ENV,
    trustProxy: env.TRUST_PROXY,
    adminEmails: env.ENCORE_ADMIN_EMAILS,
    catalogAutoApprove: env.CATALOG_AUTO_APPROVE,
    sync: {
      maxMessageBytes: env.SYNC_MAX_MESSAGE_BYTES,
      maxDocumentBytes: env.SYNC_MAX_DOC_BYTES,
      flushDelayMs: env.SYNC_FLUSH_MS,
      flushMaxUpdates: env.SYNC_FLUSH_MAX_UPDATES,
      compactAfterUpdates: env.SYNC_COMPACT_AFTER,
      idleUnloadMs: env.SYNC_IDLE_UNLOAD_MS,
      reconcileIntervalMs: env.SYNC_RECONCILE_MS,
      rateMessagesPerSecond: env.SYNC_RATE_MESSAGES,
      rateBytesPerSecond: env.SYNC_RATE_BYTES,
      maxBufferedBytes: 4 * env.SYNC_MAX_MESSAGE_BYTES,
    },
    studioBlobs: {
      storage: blobStorage(env, serverDir),
      maxBytes: env.STUDIO_BLOB_MAX_BYTES,
      uploadDir: path.join(serverDir, 'media', 'studio-uploads'),
      gc: { graceMs: Math.round(env.STUDIO_BLOB_GC_GRACE_HOURS * 60 * MINUTE_MS), intervalMs: env.STUDIO_BLOB_GC_INTERVAL_MINUTES * MINUTE_MS },
    },
    rateLimits: {
      loginPerIp: { limit: 30, windowMs: MINUTE_MS },
      registerPerIp: { limit: 10, windowMs: 60 * MINUTE_MS },
      forgotPasswordPerIp: { limit: 5, windowMs: 15 * MINUTE_MS },
      resendVerificationPerUser: { limit: 5, windowMs: 60 * MINUTE_MS },
      loginFailures: { limit: 5, windowMs: 15 * MINUTE_MS },
      lockoutMs: 15 * MINUTE_MS,
    },
  };
}

/** S3 when an endpoint and bucket are set (credentials then required), else a local folder. */
function blobStorage(env: z.infer<typeof Env>, serverDir: string): BlobStorageConfig {
  if (!env.S3_ENDPOINT && !env.S3_BUCKET) return { kind: 'local', dir: path.join(serverDir, 'media', 'blobs') };
  if (!env.S3_ENDPOINT || !env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
    throw new ConfigError('S3 storage needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together');
  }
  return {
    kind: 's3',
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    prefix: env.S3_PREFIX,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  };
}
