import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EncoreError, statusOf, type ErrorCode } from '@encore/shared/errors';
import { parseCatalogMediaPath } from '@encore/shared/host/media';
import type { Logger } from '../node/logger';

/** Where the catalog is and who listens: both read per request (server changed, token refreshed). */
export interface CatalogStreamSource {
  syncServerUrl(): string;
  /** The signed-in user's access token; null when signed out or offline. */
  accessToken(): Promise<string | null>;
  fetch?: typeof fetch;
}

export interface CatalogStreamRequest {
  pathname: string;
  search: string;
  method: string;
  range?: string | undefined;
  ifRange?: string | undefined;
  /** Aborts the upstream request when the player drops the connection (a seek, a skip). */
  signal?: AbortSignal;
}

/** Upstream headers the player needs; everything else (cookies, server names) stays behind. */
const FORWARDED = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified', 'x-encore-quality'];

/**
 * Answers `GET|HEAD /media/catalog/<trackId>[?quality=…]` by forwarding it to the sync-server's
 * `GET /api/tracks/<id>/stream` with the user's access token and the player's `Range`, and
 * streaming the answer back as it arrives: playback starts on the first bytes and a seek is
 * one more ranged request. The token stays in the host. Server errors (404, 416 with its
 * `Content-Range`, 403) pass through with their JSON envelope.
 * Plays are not counted here: the player reports a listen once, after it happened.
 *
 * @example
 * const res = await catalogStreamResponse({ pathname: '/media/catalog/' + id, search: '', method: 'GET', range: 'bytes=0-' }, source);
 * res.status; // 206
 */
export async function catalogStreamResponse(req: CatalogStreamRequest, source: CatalogStreamSource): Promise<Response> {
  const parsed = parseCatalogMediaPath(req.pathname, req.search);
  if (!parsed) return failure('BAD_REQUEST', 'Not a catalog stream URL');
  if (req.method !== 'GET' && req.method !== 'HEAD') return failure('BAD_REQUEST', 'Only GET and HEAD');
  const token = await source.accessToken().catch(() => null);
  if (!token) return failure('UNAUTHENTICATED', 'Sign in to stream from the Store');
  const upstreamUrl = `${source.syncServerUrl().replace(/\/+$/, '')}/api/tracks/${parsed.trackId}/stream${parsed.quality ? `?quality=${parsed.quality}` : ''}`;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (req.range) headers.range = req.range;
  if (req.ifRange) headers['if-range'] = req.ifRange;
  const doFetch = source.fetch ?? fetch;
  let upstream: Response;
  try {
    upstream = await doFetch(upstreamUrl, { method: req.method, headers, signal: req.signal });
  } catch (e) {
    if (req.signal?.aborted) throw e;
    return failure('OFFLINE', 'The Encore server cannot be reached');
  }
  const out = new Headers({ 'Cache-Control': 'private, no-store' });
  for (const name of FORWARDED) {
    const v = upstream.headers.get(name);
    if (v !== null) out.set(name, v);
  }
  return new Response(req.method === 'HEAD' ? null : upstream.body, { status: upstream.status, headers: out });
}

/** A Response's headers as a plain record (for `writeHead` and Electron's header merge). */
export function headerRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => (out[k] = v));
  return out;
}

function failure(code: ErrorCode, message: string): Response {
  const e = new EncoreError(code, message);
  return new Response(JSON.stringify({ error: { code: e.code, message: e.message } }), { status: statusOf(code), headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

/** The browser-mode adapter (the caller checks the launch cookie first). */
export async function serveCatalogStream(req: IncomingMessage, res: ServerResponse, pathname: string, search: string, source: CatalogStreamSource, log: Logger): Promise<void> {
  const header = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  let r: Response;
  try {
    r = await catalogStreamResponse({ pathname, search, method: req.method ?? 'GET', range: header(req.headers.range), ifRange: header(req.headers['if-range']), signal: abort.signal }, source);
  } catch (e) {
    // The player went away before the server answered.
    log.debug({ err: e, pathname }, 'catalog stream aborted');
    return void res.destroy();
  }
  res.writeHead(r.status, headerRecord(r.headers));
  if (!r.body) return void res.end();
  try {
    await pipeline(Readable.fromWeb(r.body as WebReadableStream<Uint8Array>), res);
  } catch (e) {
    // Seeks and skips drop ranged reads all the time: not an error.
    log.debug({ err: e, pathname }, 'catalog stream ended early');
    res.destroy();
  }
}
