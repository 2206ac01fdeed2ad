import { pino, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/**
 * The server's pino logger. Secrets are redacted at the logger, not at each call site, so a
 * careless `log.info({ headers })` cannot leak a bearer token or a password.
 *
 * @example
 * const log = createLogger({ logLevel: 'info', nodeEnv: 'development' });
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'nodeEnv'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'sync-server' },
    redact: {
      paths: ['password', '*.password', '*.newPassword', '*.currentPassword', 'refreshToken', '*.refreshToken', 'headers.authorization', '*.headers.authorization', 'headers.cookie'],
      censor: '[redacted]',
    },
  });
}
