import fs from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { COVER_LIMITS, CoverContentType, CoverQuery, type CoverResponse } from '@encore/shared/api/catalogReleases';
import { Sha256Hex } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import { z } from 'zod';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseParams, parseQuery } from '../../middleware/parse';
import { coverFile, storeCover } from '../../services/catalog/covers';
import type { Services } from '../../services/services';

const CoverParam = z.object({ id: Sha256Hex });

/**
 * Cover art: upload (artists; the raw image as the body, up to 10 MB: the app's global body
 * limit does not apply to this path) and public reads at 300/600 px or the original. Files are
 * content-addressed, so a response never changes: cached for a year, `immutable`, strong ETag.
 *
 * @example
 * app.route('/api/covers', coverRoutes(services));
 */
export function coverRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post(
      '/',
      requireAuth(s),
      requireRole('artist', 'admin'),
      bodyLimit({
        maxSize: COVER_LIMITS.maxBytes,
        onError: () => {
          throw new EncoreError('PAYLOAD_TOO_LARGE', 'Cover art is too large', { limitBytes: COVER_LIMITS.maxBytes });
        },
      }),
      async (c) => {
        const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
        if (!CoverContentType.safeParse(type).success) throw new EncoreError('UNSUPPORTED_MEDIA_TYPE', `Send the image as ${CoverContentType.options.join(', ')}`);
        const cover = await storeCover(s.db, s.catalog, new Uint8Array(await c.req.arrayBuffer()), c.get('auth').userId, s.clock.now());
        c.get('log').info({ coverId: cover.id, by: c.get('auth').userId }, 'cover stored');
        return c.json({ cover } satisfies CoverResponse, 201);
      },
    )
    .get('/:id', async (c) => {
      const { id } = parseParams(c, CoverParam);
      const { size } = parseQuery(c, CoverQuery);
      const file = await coverFile(s.db, s.catalog, id, size);
      if (!file) throw new EncoreError('NOT_FOUND', 'No such cover', { coverId: id });
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      c.header('ETag', file.etag);
      if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
      c.header('Content-Type', file.contentType);
      c.header('Content-Length', String(file.sizeBytes));
      return c.body(Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream<Uint8Array>, 200);
    });
}
