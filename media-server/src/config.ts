import { z } from 'zod';
import { DEFAULT_PORTS, defaultDataDir } from '@encore/shared/dataDir';

const Port = z.coerce.number().int().min(0).max(65_535);

const Env = z.object({
  MEDIA_PORT: Port.default(DEFAULT_PORTS.mediaServer),
  MEDIA_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface MediaConfig {
  port: number;
  host: string;
  /** `<Encore data folder>/media`: recordings and room state will live here. */
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
}

/**
 * Reads the media-server's configuration from the environment, once, at start-up. A bad value
 * stops the process with every problem listed, rather than surfacing later as a failed bind.
 * Defaults bind to loopback: the server is reachable from elsewhere only when asked to be.
 *
 * @example
 * const config = loadConfig(process.env, { platform: process.platform, home: os.homedir() });
 */
export function loadConfig(env: Record<string, string | undefined>, machine: { platform: string; home: string }): MediaConfig {
  // An empty variable (`MEDIA_PORT=`) means "unset", as in most shells' scripts.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    throw new Error(`invalid media-server configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const { MEDIA_PORT, MEDIA_HOST, LOG_LEVEL } = parsed.data;
  const root = defaultDataDir({ env, ...machine });
  const sep = machine.platform === 'win32' ? '\\' : '/';
  return { port: MEDIA_PORT, host: MEDIA_HOST, dataDir: `${root}${sep}media`, logLevel: LOG_LEVEL };
}
