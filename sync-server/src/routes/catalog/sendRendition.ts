import type { Context } from 'hono';
import { EncoreError } from '@encore/shared/errors';
import type { AppEnv } from '../../middleware/env';
import { sliceRendition } from '../../services/catalog/streaming';
import type { Services } from '../../services/services';

/**
 * Answers with a stored rendition, whole (200) or the one byte range asked for (206); an
 * unsatisfiable range throws with the `Content-Range` (complete length) that RFC 9110 asks for
 * on a 416. Callers set their own caching and identity headers first.
 */
export async function sendRendition(c: Context<AppEnv>, s: Services, file: { blobKey: string; codec: string }): Promise<Response> {
  try {
    const slice = await sliceRendition(s.catalog.blobs, file, c.req.header('range'));
    for (const [name, value] of Object.entries(slice.headers)) c.header(name, value);
    return c.body(slice.body, slice.status);
  } catch (e) {
    if (e instanceof EncoreError && e.code === 'RANGE_NOT_SATISFIABLE') {
      c.header('Accept-Ranges', 'bytes');
      c.header('Content-Range', `bytes */${String(e.details?.size)}`);
    }
    throw e;
  }
}
