import { pino, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/**
 * The host's structured logger. Logs go to stderr so stdout stays free for the one line
 * people and scripts read: the URL to open.
 *
 * @example
 * const log = createLogger('info');
 * log.child({ service: 'account' }).warn({ code }, 'refresh refused');
 */
export function createLogger(level: LogLevel): Logger {
  return pino({ name: 'encore-host', level }, pino.destination(2));
}

/** A logger that writes nothing, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
