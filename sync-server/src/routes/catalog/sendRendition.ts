import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { AppEnv } from '../../middleware/env';
import { CONTENT_TYPE, parseRange } from '../../services/catalog/streaming';
import type { Services } from '../../services/services';

/**
 * Answers with a stored rendition, whole (200) or the one byte range asked for (206); an
 * unsatisfiable range throws with the
 * `Content-Range` (complete length) that RFC 9110 asks for on a 416.
 * Callers set their own caching and identity headers first.
 */
export async function sendRendition(c: Context<AppEnv>, s: Services, file: { blobKey: string; codec: string }): Promise<Response> {
  const size = await s.catalog.blobs.size(file.blobKey);
  c.header('Accept-Ranges', 'bytes');
  let range: ReturnType<typeof parseRange>;
  try {
    range = parseRange(c.req.header('range'), size);
  } catch (e) {
    c.header('Content-Range', `bytes */${size}`);
    throw e;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  c.header('Content-Type', CONTENT_TYPE[file.codec] ?? 'application/octet-stream');
  c.header('Content-Length', String(end - start + 1));
  if (range) c.header('Content-Range', `bytes ${start}-${end}/${size}`);
  const stream = Readable.toWeb(fs.createReadStream(s.catalog.blobs.pathOf(file.blobKey), { start, end })) as ReadableStream<Uint8Array>;
  return c.body(stream, range ? 206 : 200);
}
