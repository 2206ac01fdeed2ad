import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../node/logger';

/** Project assets (audio clips' sources) by content hash: `/media/blob/<sha256>`. */
export const MEDIA_BLOB_PREFIX = '/media/blob/';

const HASH = /^[0-9a-f]{64}$/;

/**
 * The file of a blob under `root` (the host's BlobStore layout `<root>/<aa>/<sha256>`), or null
 * when the path is not `/media/blob/` followed by 64 lowercase hex characters. The hash is
 * validated before it becomes a path, so no request can name a file outside the folder.
 *
 * @example
 * blobFile('/media/blob/' + 'ab'.repeat(32), '/data/desktop/blobs'); // '/data/desktop/blobs/ab/abab…'
 */
export function blobFile(pathname: string, root: string): string | null {
  if (!pathname.startsWith(MEDIA_BLOB_PREFIX)) return null;
  const hash = pathname.slice(MEDIA_BLOB_PREFIX.length);
  if (!HASH.test(hash)) return null;
  return path.join(root, hash.slice(0, 2), hash);
}

/**
 * Answers `GET|HEAD /media/blob/<sha256>` with the blob's bytes (the caller checks the launch
 * cookie first, as for every non-asset route). Blobs never change, so the hash is the ETag and
 * the response may be cached privately for good. No Range support: the studio decodes whole
 * files.
 */
export async function serveBlob(req: IncomingMessage, res: ServerResponse, pathname: string, root: string, log: Logger): Promise<void> {
  const none = (status: number) => void res.writeHead(status, { 'Cache-Control': 'no-store' }).end();
  const file = blobFile(pathname, root);
  if (!file) return none(400);
  let size: number;
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) return none(404);
    size = stat.size;
  } catch {
    return none(404);
  }
  const etag = `"${path.basename(file)}"`;
  const headers = { 'Content-Type': 'application/octet-stream', ETag: etag, 'Cache-Control': 'private, max-age=31536000, immutable' };
  if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === etag)) return void res.writeHead(304, headers).end();
  res.writeHead(200, { ...headers, 'Content-Length': String(size) });
  if (req.method === 'HEAD' || size === 0) return void res.end();
  try {
    await pipeline(fs.createReadStream(file), res);
  } catch (e) {
    log.debug({ err: e, pathname }, 'blob response aborted');
  }
}
