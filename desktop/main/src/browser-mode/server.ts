import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCsp } from '../common/csp';
import type { HostEventBus } from '../common/hostEventBus';
import type { HostRouter } from '../node/host/router';
import type { Logger } from '../node/logger';
import { createHttpHandler } from './httpHandler';
import type { MediaResolver } from './mediaRoute';
import type { DownloadOpener } from './downloadRoute';
import type { CatalogStreamSource } from './catalogRoute';
import type { ArtworkThumbnails } from '../node/services/library/thumbnails';
import { newLaunchToken } from './launchToken';
import { PAGES } from './pages';
import { WsTransport } from './wsTransport';

export interface BrowserModeOptions {
  router: HostRouter;
  events: HostEventBus;
  rendererDist: string;
  /** Loopback by default; the Origin and Host checks use this exact name. */
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Fixed launch token (ENCORE_HOST_TOKEN, for e2e tests); random otherwise. */
  token?: string;
  /** Sync and media server URLs the renderer may connect to; read per response for the CSP. */
  serverUrls: () => readonly string[];
  log: Logger;
  /** Library audio at /media/library/<trackId>; absent: no media route. */
  media?: MediaResolver;
  /** Project assets at /media/blob/<sha256> from the BlobStore's folder; absent: no blob route. */
  blobRoot?: string;
  /** Cover thumbnails at /media/artwork/<px>/<hash>; absent: no artwork route. */
  artwork?: ArtworkThumbnails;
  /** Offline downloads at /media/download/<id>, decrypted on the fly; absent: no download route. */
  downloads?: DownloadOpener;
  /** Catalog streams proxied at /media/catalog/<trackId>; absent: no catalog route. */
  catalog?: CatalogStreamSource;
}

export interface BrowserModeHandle {
  /** The link to open: sets the launch cookie, then redirects to the app. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Runs the host headless: one HTTP server that serves the renderer build and carries the
 * host API over WebSocket at `/host`, guarded by a per-launch token.
 *
 * @example
 * const handle = await startBrowserMode({ router, events, rendererDist, serverUrls: () => [syncUrl, mediaUrl], log });
 * console.log(`Open ${handle.url}`);
 * await handle.close();
 */
export async function startBrowserMode(o: BrowserModeOptions): Promise<BrowserModeHandle> {
  const host = o.host ?? '127.0.0.1';
  const token = o.token ?? newLaunchToken();
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  let bound = { origin: `http://${hostForUrl}:${o.port ?? 0}`, port: o.port ?? 0 };
  const origin = () => bound;
  const csp = () => buildCsp({ selfOrigin: bound.origin, serverUrls: o.serverUrls() });

  const handler = createHttpHandler({ rendererDist: o.rendererDist, token, origin, csp, log: o.log, media: o.media, blobRoot: o.blobRoot, artwork: o.artwork, downloads: o.downloads, catalog: o.catalog });
  const server = http.createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      o.log.error({ err: e, url: req.url }, 'browser-mode request failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGES.internal());
      else res.destroy();
    });
  });
  const ws = new WsTransport({ router: o.router, events: o.events, token, origin, log: o.log });
  server.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new Error(`Port ${o.port} on ${host} is in use: is Encore already running? Set ENCORE_HOST_PORT to use another port.`, { cause: e }) : e);
    };
    server.once('error', onError);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  bound = { origin: `http://${hostForUrl}:${port}`, port };

  let closing: Promise<void> | null = null;
  return {
    url: `${bound.origin}/?token=${token}`,
    origin: bound.origin,
    port,
    token,
    close() {
      closing ??= (async () => {
        await ws.dispose();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
