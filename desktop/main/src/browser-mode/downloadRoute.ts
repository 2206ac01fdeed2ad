import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EncoreError, statusOf } from '@encore/shared/errors';
import { parseDownloadMediaPath } from '@encore/shared/host/downloads';
import type { Logger } from '../node/logger';
import type { PlayableDownload } from '../node/services/downloads/playback';
import { parseRange } from './mediaRoute';

/** Opens a finished download by id; throws EncoreError (LICENCE_EXPIRED, DOWNLOAD_NOT_FOUND, ...). */
export type DownloadOpener = (id: string) => PlayableDownload;

/** A transport-neutral answer; the body is decrypted on the fly and never touches the disk. */
export interface DownloadMediaResponse {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Buffer> | null;
}

/**
 * Answers `GET|HEAD /media/download/<id>`: one `bytes=` range (206/416) over the plain bytes,
 * decrypting only the chunks the range covers. A download that cannot play answers its error
 * code as JSON (403 LICENCE_EXPIRED when its 30 days offline are over, 404 when unknown), so the
 * renderer can say why.
 *
 * @example
 * const r = downloadMediaResponse({ pathname: '/media/download/' + id, method: 'GET', range: 'bytes=0-' }, (id) => downloads.open(id));
 */
export function downloadMediaResponse(req: { pathname: string; method: string; range?: string | undefined; ifRange?: string | undefined }, open: DownloadOpener): DownloadMediaResponse {
  const id = parseDownloadMediaPath(req.pathname);
  if (!id) return failure(new EncoreError('BAD_REQUEST', 'Not a download URL'));
  let d: PlayableDownload;
  try {
    d = open(id);
  } catch (e) {
    if (e instanceof EncoreError) return failure(e);
    throw e;
  }
  const base = { 'Content-Type': d.contentType, 'Accept-Ranges': 'bytes', ETag: d.etag, 'Cache-Control': 'private, no-store' };
  const useRange = req.range !== undefined && (req.ifRange === undefined || req.ifRange === d.etag);
  const range = useRange ? parseRange(req.range!, d.size) : null;
  if (range === 'unsatisfiable') return { status: 416, headers: { ...base, 'Content-Range': `bytes */${d.size}` }, body: null };
  const [start, end] = range ?? [0, d.size - 1];
  const headers = { ...base, 'Content-Length': String(Math.max(0, end - start + 1)), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${d.size}` } : {}) };
  const body = req.method === 'HEAD' || d.size === 0 ? null : d.read(start, end);
  return { status: range ? 206 : 200, headers, body };
}

function failure(e: EncoreError): DownloadMediaResponse {
  return { status: statusOf(e.code), headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body: toIterable(JSON.stringify({ error: { code: e.code, message: e.message } })) };
}

async function* toIterable(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text, 'utf8');
}

/** The browser-mode adapter (the caller checks the launch cookie first). */
export async function serveDownload(req: IncomingMessage, res: ServerResponse, pathname: string, open: DownloadOpener, log: Logger): Promise<void> {
  const header = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);
  const r = downloadMediaResponse({ pathname, method: req.method ?? 'GET', range: header(req.headers.range), ifRange: header(req.headers['if-range']) }, open);
  res.writeHead(r.status, r.headers);
  if (!r.body) return void res.end();
  try {
    await pipeline(Readable.from(r.body), res);
  } catch (e) {
    // Seeks abort ranged reads; a tampered chunk ends the response early (logged, never sent).
    log.debug({ err: e, pathname }, 'download response ended early');
    res.destroy();
  }
}
