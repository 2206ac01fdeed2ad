import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { MEDIA_ARTWORK_PREFIX } from '@encore/shared/host/library';
import { MEDIA_CATALOG_PREFIX, MEDIA_LIBRARY_PREFIX } from '@encore/shared/host/media';
import { SECURITY_HEADERS } from '../common/csp';
import type { Logger } from '../node/logger';
import { resolveStatic } from '../node/static/staticFiles';
import { hasValidCookie, sessionCookie, tokenMatches } from './launchToken';
import { MEDIA_BLOB_PREFIX, serveBlob } from './blobRoute';
import { catalogDownloadPath, serveMedia, type MediaResolver } from './mediaRoute';
import { serveArtwork } from './artworkRoute';
import { MEDIA_DOWNLOAD_PREFIX } from '@encore/shared/host/downloads';
import { serveDownload, type DownloadOpener } from './downloadRoute';
import { serveCatalogStream, type CatalogStreamSource } from './catalogRoute';
import type { ArtworkThumbnails } from '../node/services/library/thumbnails';
import { PAGES } from './pages';

export interface HttpHandlerOptions {
  rendererDist: string;
  token: string;
  /** The served origin and port, known once the server listens. */
  origin: () => { origin: string; port: number };
  csp: () => string;
  log: Logger;
  /** Serves library audio at /media/library/<trackId> (cookie-authenticated). */
  media?: MediaResolver;
  /** Serves project assets at /media/blob/<sha256> from this BlobStore folder (cookie-authenticated). */
  blobRoot?: string;
  /** Serves cover thumbnails at /media/artwork/<px>/<hash> (cookie-authenticated). */
  artwork?: ArtworkThumbnails;
  /** Serves offline downloads at /media/download/<id>, decrypted on the fly (cookie-authenticated). */
  downloads?: DownloadOpener;
  /** Proxies catalog streams at /media/catalog/<trackId> to the sync-server with the user's token (cookie-authenticated). */
  catalog?: CatalogStreamSource;
}

/**
 * Serves the renderer build. Built assets (scripts, styles, images) are public; the HTML
 * shell needs the launch cookie, which the `?token=` link sets. Host-header checked, so a
 * DNS-rebinding page under another name is turned away.
 */
export function createHttpHandler(o: HttpHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { origin, port } = o.origin();
    res.setHeader('Content-Security-Policy', o.csp());
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const page = (status: number, html: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : html);
    };

    if (req.headers.host !== new URL(origin).host) return page(400, PAGES.badHost());
    if (req.method !== 'GET' && req.method !== 'HEAD') return page(405, PAGES.badRequest(), { Allow: 'GET, HEAD' });

    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const rawPath = q === -1 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
    if (query.has('token')) {
      if (!tokenMatches(o.token, query.get('token'))) return page(403, PAGES.badToken());
      // Redirect so the token leaves the address bar and history.
      res.writeHead(302, { Location: rawPath.startsWith('/') && !rawPath.startsWith('//') ? rawPath : '/', 'Set-Cookie': sessionCookie(port, o.token), 'Cache-Control': 'no-store' });
      return void res.end();
    }

    // A downloaded catalog track in the library: same URL as local tracks, bytes from its encrypted download.
    const catalogPath = o.media && o.downloads ? catalogDownloadPath(rawPath, o.media) : null;
    if (catalogPath && o.downloads) return hasValidCookie(req, port, o.token) ? serveDownload(req, res, catalogPath, o.downloads, o.log) : page(401, PAGES.needsToken());
    if (rawPath.startsWith(MEDIA_LIBRARY_PREFIX) && o.media) return hasValidCookie(req, port, o.token) ? serveMedia(req, res, rawPath, o.media, o.log) : page(401, PAGES.needsToken());
    if (rawPath.startsWith(MEDIA_ARTWORK_PREFIX) && o.artwork) return hasValidCookie(req, port, o.token) ? serveArtwork(req, res, rawPath, o.artwork, o.log) : page(401, PAGES.needsToken());
    if (rawPath.startsWith(MEDIA_DOWNLOAD_PREFIX) && o.downloads) return hasValidCookie(req, port, o.token) ? serveDownload(req, res, rawPath, o.downloads, o.log) : page(401, PAGES.needsToken());
    if (rawPath.startsWith(MEDIA_CATALOG_PREFIX) && o.catalog) return hasValidCookie(req, port, o.token) ? serveCatalogStream(req, res, rawPath, q === -1 ? '' : raw.slice(q + 1), o.catalog, o.log) : page(401, PAGES.needsToken());
    if (rawPath.startsWith(MEDIA_BLOB_PREFIX) && o.blobRoot) return hasValidCookie(req, port, o.token) ? serveBlob(req, res, rawPath, o.blobRoot, o.log) : page(401, PAGES.needsToken());
    if (!fs.existsSync(path.join(o.rendererDist, 'index.html'))) return page(503, PAGES.noBuild(o.rendererDist));
    let target = await resolveStatic(o.rendererDist, rawPath);
    if (target.kind === 'bad-request') return page(400, PAGES.badRequest());
    if (target.kind === 'not-found') return page(404, PAGES.notFound());
    if (target.kind === 'spa') target = await resolveStatic(o.rendererDist, '/index.html');
    if (target.kind !== 'file') return page(404, PAGES.notFound());
    if (target.isHtml && !hasValidCookie(req, port, o.token)) return page(401, PAGES.needsToken());

    res.writeHead(200, { 'Content-Type': target.contentType, 'Content-Length': String(target.size), 'Cache-Control': target.cacheControl });
    if (req.method === 'HEAD') return void res.end();
    try {
      await pipeline(fs.createReadStream(target.file), res);
    } catch (e) {
      o.log.debug({ err: e, path: rawPath }, 'static response aborted');
    }
  };
}
