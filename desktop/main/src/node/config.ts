import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultDataDir, DEFAULT_PORTS } from '@encore/shared/dataDir';

/** Everything the host reads from the environment, parsed once at startup. */
export interface HostConfig {
  /** Encore's data folder (shared with the servers); the host owns `<dataDir>/desktop/`. */
  dataDir: string;
  desktopDir: string;
  dbPath: string;
  host: string;
  port: number;
  syncServerUrl: string;
  mediaServerUrl: string;
  rendererDist: string;
  /** Fixed per-launch secret for browser mode (e2e tests); random when absent. */
  hostToken: string | undefined;
  logLevel: LogLevel;
}

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
export type LogLevel = z.infer<typeof LogLevel>;

// An empty variable means "unset": shells and .env files often export KEY= to clear one.
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const Env = z.object({
  ENCORE_DATA_DIR: opt(z.string()),
  ENCORE_HOST_PORT: opt(z.coerce.number().int().min(0).max(65535)),
  ENCORE_HOST_HOST: opt(z.string().regex(/^[A-Za-z0-9.:-]+$/, 'a host name or IP address')),
  ENCORE_SYNC_URL: opt(z.url({ protocol: /^https?$/ })),
  ENCORE_MEDIA_URL: opt(z.url({ protocol: /^https?$/ })),
  ENCORE_RENDERER_DIST: opt(z.string()),
  ENCORE_HOST_TOKEN: opt(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16-256 characters of [A-Za-z0-9_-]')),
  ENCORE_LOG_LEVEL: opt(LogLevel),
  // The servers' variable, honoured too so one LOG_LEVEL quiets the whole stack.
  LOG_LEVEL: opt(LogLevel),
});

/** desktop/renderer/dist, found from this file's place in the repository. */
const DEFAULT_RENDERER_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../renderer/dist');

/**
 * Reads the host configuration from environment variables; a bad value stops startup with
 * a message naming the variable.
 *
 * @example
 * const config = loadConfig(process.env);
 * config.dbPath; // ~/.local/share/encore/desktop/encore.db on Linux
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, platform: string = process.platform, home: string = os.homedir()): HostConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid Encore host configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(defaultDataDir({ env: { ...env, ENCORE_DATA_DIR: e.ENCORE_DATA_DIR }, platform, home }));
  const desktopDir = path.join(dataDir, 'desktop');
  return {
    dataDir,
    desktopDir,
    dbPath: path.join(desktopDir, 'encore.db'),
    host: e.ENCORE_HOST_HOST ?? '127.0.0.1',
    port: e.ENCORE_HOST_PORT ?? DEFAULT_PORTS.browserMode,
    syncServerUrl: stripSlash(e.ENCORE_SYNC_URL ?? `http://127.0.0.1:${DEFAULT_PORTS.syncServer}`),
    mediaServerUrl: stripSlash(e.ENCORE_MEDIA_URL ?? `http://127.0.0.1:${DEFAULT_PORTS.mediaServer}`),
    rendererDist: path.resolve(e.ENCORE_RENDERER_DIST ?? DEFAULT_RENDERER_DIST),
    hostToken: e.ENCORE_HOST_TOKEN,
    logLevel: e.ENCORE_LOG_LEVEL ?? e.LOG_LEVEL ?? 'info',
  };
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
