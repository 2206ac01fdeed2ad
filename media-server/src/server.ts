import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createAdaptorServer } from '@hono/node-server';
import { pino, type Logger } from 'pino';
import { createApp } from './app';

export interface MediaServerOptions {
  /** 0 picks a free port (tests). Default 8788. */
  port?: number;
  host?: string;
  logger?: Logger;
  version?: string;
  /** How long close() waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs?: number;
}

export interface MediaServer {
  /** `http://host:port` with the port actually bound. */
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to the timeout), then resolves. Idempotent. */
  close(): Promise<void>;
}

const DEFAULTS = { port: 8788, host: '127.0.0.1', shutdownTimeoutMs: 5_000 };

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Starts the media-server and resolves once it is listening; rejects if the port can't be bound.
 *
 * @example
 * const server = await startMediaServer({ port: 0 });
 * await fetch(`${server.url}/health`);
 * await server.close();
 */
export async function startMediaServer(opts: MediaServerOptions = {}): Promise<MediaServer> {
  const o = { ...DEFAULTS, ...opts };
  const logger = o.logger ?? pino({ name: 'media-server' });
  const app = createApp({ logger, version: o.version ?? packageVersion() });
  // createAdaptorServer builds a plain node:http server unless HTTP/2 options are passed.
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error({ err }, 'server error'));

  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  logger.info({ url }, 'media-server listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      // Keep-alive sockets would hold close() open forever; idle ones go now, busy ones at the deadline.
      const deadline = setTimeout(() => server.closeAllConnections(), o.shutdownTimeoutMs);
      deadline.unref();
      server.close((err) => {
        clearTimeout(deadline);
        if (err) reject(err);
        else {
          logger.info('media-server stopped');
          resolve();
        }
      });
      server.closeIdleConnections();
    }));

  return { url, close };
}
