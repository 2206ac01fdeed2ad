import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseArtworkPath } from '@encore/shared/host/library';
import type { Logger } from '../node/logger';
import type { ArtworkThumbnails } from '../node/services/library/thumbnails';
import type { MediaResponse } from './mediaRoute';

/**
 * Answers `GET|HEAD /media/artwork/<px>/<hash>` with a cover thumbnail. The hash names the
 * cover's content, so the answer never changes: cached privately and immutably by the
 * browser, ETag = size and hash. Electron's protocol handler calls the same function.
 *
 * @example
 * const r = await artworkResponse({ pathname: '/media/artwork/256/' + hash, method: 'GET' }, thumbs);
 * r.status; // 200, body: the cached .webp file
 */
export async function artworkResponse(req: { pathname: string; method: string; ifNoneMatch?: string | undefined }, thumbs: ArtworkThumbnails): Promise<MediaResponse> {
  const parsed = parseArtworkPath(req.pathname);
  if (!parsed) return { status: 400, headers: { 'Cache-Control': 'no-store' }, body: null };
  const thumb = await thumbs.get(parsed.hash, parsed.px);
  if (!thumb) return { status: 404, headers: { 'Cache-Control': 'no-store' }, body: null };
  const etag = `"${parsed.px}-${parsed.hash}"`;
  const headers = { 'Content-Type': thumb.mime, ETag: etag, 'Cache-Control': 'private, max-age=31536000, immutable' };
  if (req.ifNoneMatch?.split(',').some((t) => t.trim() === etag)) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, 'Content-Length': String(thumb.size) }, body: req.method === 'HEAD' ? null : { file: thumb.file, start: 0, end: thumb.size - 1 } };
}

/** The browser-mode adapter (the caller has checked the launch cookie). */
export async function serveArtwork(req: IncomingMessage, res: ServerResponse, pathname: string, thumbs: ArtworkThumbnails, log: Logger): Promise<void> {
  const inm = req.headers['if-none-match'];
  let r: MediaResponse;
  try {
    r = await artworkResponse({ pathname, method: req.method ?? 'GET', ifNoneMatch: Array.isArray(inm) ? inm[0] : inm }, thumbs);
  } catch (e) {
    log.warn({ err: e, pathname }, 'artwork thumbnail failed');
    r = { status: 404, headers: { 'Cache-Control': 'no-store' }, body: null };
  }
  res.writeHead(r.status, r.headers);
  if (!r.body) return void res.end();
  try {
    await pipeline(fs.createReadStream(r.body.file, { start: r.body.start, end: r.body.end }), res);
  } catch (e) {
    log.debug({ err: e, pathname }, 'artwork response aborted');
  }
}
