import { Hono } from 'hono';
import { z } from 'zod';
import { CreateUploadRequest, type UploadStatus } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import { completeUpload, createUpload, ownUpload, putChunk, uploadStatus } from '../../services/catalog/uploads';
import type { Services } from '../../services/services';

const UploadParam = z.object({ id: z.uuid() });
const ChunkParam = z.object({ id: z.uuid(), index: z.string().regex(/^\d{1,7}$/).transform(Number) });

/**
 * Resumable uploads of masters (artists): open, send chunks in any order (re-sending is
 * harmless), ask what arrived, complete (SHA-256 check + audio probe).
 *
 * @example
 * app.route('/api/uploads', uploadRoutes(services));
 */
export function uploadRoutes(s: Services): Hono<AppEnv> {
  const ctx = () => ({ db: s.db, catalog: s.catalog, now: s.clock.now() });
  return new Hono<AppEnv>()
    .use(requireAuth(s), requireRole('artist', 'admin'))
    .post('/', async (c) => {
      const body = await parseJson(c, CreateUploadRequest);
      return c.json((await createUpload(ctx(), c.get('auth').userId, body, s.config.bodyLimitBytes)) satisfies UploadStatus, 201);
    })
    .get('/:id', async (c) => {
      const { id } = parseParams(c, UploadParam);
      return c.json((await uploadStatus(s.db, await ownUpload(s.db, c.get('auth').userId, id))) satisfies UploadStatus);
    })
    .put('/:id/chunks/:index', async (c) => {
      const { id, index } = parseParams(c, ChunkParam);
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/octet-stream') throw new EncoreError('UNSUPPORTED_MEDIA_TYPE', 'Send a chunk as application/octet-stream');
      const row = await ownUpload(s.db, c.get('auth').userId, id);
      await putChunk(ctx(), row, index, new Uint8Array(await c.req.arrayBuffer()));
      return c.json((await uploadStatus(s.db, row)) satisfies UploadStatus);
    })
    .post('/:id/complete', async (c) => {
      const { id } = parseParams(c, UploadParam);
      const row = await ownUpload(s.db, c.get('auth').userId, id);
      return c.json((await completeUpload(ctx(), row)) satisfies UploadStatus);
    });
}
