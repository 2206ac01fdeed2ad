import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { MEDIA_DOWNLOAD_PREFIX } from '@encore/shared/host/downloads';
import { parseMediaPath } from '@encore/shared/host/media';
import type { LibraryService } from '../node/services/library/LibraryService';
import type { Logger } from '../node/logger';

/**
 * Resolves a track id to the absolute path of its file, through the library database only.
 * `downloadOf` names the download of a downloaded catalog track (no file of its own: its bytes
 * come decrypted from the download route, see {@link catalogDownloadPath}).
 */
export type MediaResolver = ((trackId: string) => string | null) & { downloadOf?: (trackId: string) => string | null };

const MIME: Record<string, string> = {
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg; codecs=opus',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.aif': 'audio/aiff',
  '.aiff': 'audio/aiff',
};

/**
 * A resolver over the library: the track's stored path, accepted only while it still lies
 * inside its library folder (a folder re-pointed by a symlink swap cannot leak other files).
 *
 * @example
 * const resolve = libraryMediaResolver(services.library);
 * resolve('ab'.repeat(32)); // '/home/me/Music/Kind of Blue/01 So What.flac' or null
 */
export function libraryMediaResolver(library: LibraryService): MediaResolver {
  const resolve: MediaResolver = (trackId) => {
    const row = library.sql.read((r) =>
      r.get<{ path: string; folder_path: string }>('SELECT t.path, f.path AS folder_path FROM tracks t JOIN library_folders f ON f.id = t.folder_id WHERE t.hash = ? LIMIT 1', [trackId]),
    );
    if (!row) return null;
    const rel = path.relative(row.folder_path, row.path);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return row.path;
  };
  resolve.downloadOf = (trackId) =>
    library.sql.read((r) => r.get<{ download_id: string }>(`SELECT download_id FROM tracks WHERE hash = ? AND source = 'catalog' ORDER BY id LIMIT 1`, [trackId]))?.download_id ?? null;
  return resolve;
}

/**
 * `media/library/<id>` of a downloaded catalog track, as its `/media/download/<downloadId>`
 * path: the player plays every library track by the same URL, and this one is decrypted on
 * the fly by the download route (licence checks included). Null for local tracks.
 *
 * @example
 * const p = catalogDownloadPath(pathname, resolve);
 * if (p) return serveDownload(req, res, p, open, log);
 */
export function catalogDownloadPath(pathname: string, resolve: MediaResolver): string | null {
  const id = parseMediaPath(pathname);
  const downloadId = id && resolve.downloadOf ? resolve.downloadOf(id) : null;
  return downloadId ? `${MEDIA_DOWNLOAD_PREFIX}${downloadId}` : null;
}

/** A transport-neutral answer: the HTTP adapter below and Electron's protocol handler both render it. */
export interface MediaResponse {
  status: 200 | 206 | 304 | 400 | 404 | 416;
  headers: Record<string, string>;
  /** Inclusive byte range of `file` to send; null for no body. */
  body: { file: string; start: number; end: number } | null;
}

export interface MediaRequest {
  pathname: string;
  method: string;
  range?: string | undefined;
  ifNoneMatch?: string | undefined;
  ifRange?: string | undefined;
}

/**
 * Answers one media request: validates the id (64 hex), resolves it through the library,
 * and honours a single `bytes=` range (206 with Content-Range; 416 when unsatisfiable).
 * Electron's `protocol.handle(APP_SCHEME, …)` in electron-main/main.ts maps a request whose
 * pathname starts with `MEDIA_LIBRARY_PREFIX` (shared/src/host/media.ts) to this same function and turns the
 * result into a `Response` over `fs.createReadStream(file, { start, end })`.
 *
 * @example
 * const r = await mediaResponse({ pathname: '/media/library/' + id, method: 'GET', range: 'bytes=0-1023' }, resolve);
 * r.status; // 206
 */
export async function mediaResponse(req: MediaRequest, resolve: MediaResolver): Promise<MediaResponse> {
  const none = (status: MediaResponse['status'], extra: Record<string, string> = {}): MediaResponse => ({ status, headers: { 'Cache-Control': 'no-store', ...extra }, body: null });
  const id = parseMediaPath(req.pathname);
  if (!id) return none(400);
  const file = resolve(id);
  if (!file) return none(404);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    return none(404);
  }
  if (!stat.isFile()) return none(404);

  const size = stat.size;
  const etag = `"${id.slice(0, 16)}-${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const base: Record<string, string> = {
    'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': stat.mtime.toUTCString(),
    // Private: the bytes are the user's files, behind the launch cookie.
    'Cache-Control': 'private, no-cache',
  };
  if (req.ifNoneMatch && req.ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return { status: 304, headers: base, body: null };

  // If-Range with a stale validator means "send the whole file".
  const useRange = req.range !== undefined && (req.ifRange === undefined || req.ifRange === etag);
  if (useRange) {
    const range = parseRange(req.range!, size);
    if (range === 'unsatisfiable') return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` }, body: null };
    if (range) {
      const [start, end] = range;
      return {
        status: 206,
        headers: { ...base, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) },
        body: req.method === 'HEAD' ? null : { file, start, end },
      };
    }
  }
  return { status: 200, headers: { ...base, 'Content-Length': String(size) }, body: req.method === 'HEAD' || size === 0 ? null : { file, start: 0, end: size - 1 } };
}

/**
 * One `bytes=` range (RFC 9110 §14.1.2). Multiple ranges are answered with the whole file
 * (allowed: a server may ignore Range), as is a header that does not parse.
 */
export function parseRange(header: string, size: number): [number, number] | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return null;
    if (start >= size) return 'unsatisfiable';
  }
  return [start, end];
}

/**
 * The browser-mode adapter: answers `GET|HEAD /media/library/<id>` when the request carries
 * the launch cookie (checked by the caller, like every non-asset route).
 */
export async function serveMedia(req: IncomingMessage, res: ServerResponse, pathname: string, resolve: MediaResolver, log: Logger): Promise<void> {
  const header = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);
  const r = await mediaResponse({ pathname, method: req.method ?? 'GET', range: header(req.headers.range), ifNoneMatch: header(req.headers['if-none-match']), ifRange: header(req.headers['if-range']) }, resolve);
  res.writeHead(r.status, r.headers);
  if (!r.body) return void res.end();
  try {
    await pipeline(fs.createReadStream(r.body.file, { start: r.body.start, end: r.body.end }), res);
  } catch (e) {
    // Players abort ranged reads all the time (seeks, prefetch cancelled): not an error.
    log.debug({ err: e, pathname }, 'media response aborted');
  }
}

