import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { BLOB_CHUNK_LIMIT_HEADER, BLOB_UPLOAD_OFFSET_HEADER, type BlobUploadResponse } from '@encore/shared/api/studio';
import { EncoreError } from '@encore/shared/errors';
import type { AppEnv } from '../../middleware/env';
import { parseParams } from '../../middleware/parse';
import type { Services } from '../../services/services';
import { createBlobStore } from '../../services/blobs/createBlobStore';
import { ProjectBlobGc } from '../../services/studio/projectBlobGc';
import { ProjectBlobs } from '../../services/studio/projectBlobs';
import { projectForMember } from '../../services/studio/projects';

const BlobParam = z.object({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256') });
const CONTENT_RANGE = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/;
const RANGE = /^bytes=(\d{0,15})-(\d{0,15})$/;
const WRITERS = ['owner', 'editor'] as const;
const SWEEP_MS = 3_600_000;

/** Start and total of a PUT body: from Content-Range, or the whole file in one body. */
function chunkOf(header: string | undefined, length: number): { start: number; total: number } {
  if (header === undefined) return { start: 0, total: length };
  const m = CONTENT_RANGE.exec(header);
  if (!m) throw new EncoreError('VALIDATION_FAILED', 'Content-Range must be "bytes <start>-<end>/<total>"', { contentRange: header.slice(0, 100) });
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (end < start || end >= total || end - start + 1 !== length) throw new EncoreError('VALIDATION_FAILED', 'Content-Range does not match the body', { contentRange: header, bodyBytes: length });
  return { start, total };
}

/** One byte range of a blob of `size` bytes, or undefined for the whole (RFC 9110, single range only). */
function rangeOf(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const m = RANGE.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) throw new EncoreError('RANGE_NOT_SATISFIABLE', 'Only one byte range is supported', { size });
  const range = m[1] === '' ? { start: Math.max(0, size - Number(m[2])), end: size - 1 } : { start: Number(m[1]), end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
  if (range.start > range.end || range.start >= size) throw new EncoreError('RANGE_NOT_SATISFIABLE', 'The range is outside the file', { size });
  return range;
}

/**
 * `HEAD/PUT/GET /api/studio/projects/:id/blobs/:sha256`: a shared project's audio assets.
 * Members read; owners and editors upload. Non-members get 404, as for the project itself.
 * Mounted under {@link studioProjectRoutes}, behind its `requireAuth`.
 *
 * @example
 * projects.route('/', studioBlobRoutes(services));
 */
export function studioBlobRoutes(s: Services): Hono<AppEnv> {
  const store = createBlobStore(s.config.studioBlobs.storage);
  const blobs = new ProjectBlobs({ db: s.db, store, uploadDir: s.config.studioBlobs.uploadDir, maxBytes: s.config.studioBlobs.maxBytes, now: () => s.clock.now() });
  const gc = s.config.studioBlobs.gc;
  if (gc) {
    const collector = new ProjectBlobGc({ db: s.db, store, graceMs: gc.graceMs, sharedWithCatalog: s.config.studioBlobs.storage.kind === 'local', now: () => s.clock.now(), log: s.log });
    s.tasks.every('studio-blob-gc', gc.intervalMs, () => collector.run());
  }
  const sweep = setInterval(() => void blobs.sweepStale().catch((err: unknown) => s.log.warn({ err }, 'studio blobs: sweeping stale uploads failed')), SWEEP_MS);
  sweep.unref();
  const chunkLimit = String(s.config.bodyLimitBytes);

  /** HEAD: does the project hold it (linking a copy the writer can already read), else where to resume. */
  async function head(c: Context<AppEnv>): Promise<Response> {
    const { id, sha256 } = parseParams(c, BlobParam);
    const userId = c.get('auth').userId;
    const { role } = await projectForMember(s.db, id, userId);
    const canWrite = (WRITERS as readonly string[]).includes(role);
    const held = (await blobs.linked(id, sha256)) ?? (canWrite ? await blobs.linkIfReadable(id, sha256, userId) : null);
    c.header(BLOB_CHUNK_LIMIT_HEADER, chunkLimit);
    if (held) {
      c.header('Content-Length', String(held.sizeBytes));
      c.header('ETag', `"${sha256}"`);
      return c.body(null, 200);
    }
    if (canWrite) c.header(BLOB_UPLOAD_OFFSET_HEADER, String(await blobs.offset(id, sha256)));
    return c.body(null, 404);
  }

  return new Hono<AppEnv>()
    .put('/:id/blobs/:sha256', async (c) => {
      const { id, sha256 } = parseParams(c, BlobParam);
      const userId = c.get('auth').userId;
      await projectForMember(s.db, id, userId, WRITERS);
      const type = c.req.header('content-type')?.split(';')[0]?.trim();
      if (type !== 'application/octet-stream') throw new EncoreError('UNSUPPORTED_MEDIA_TYPE', 'Send blob bytes as application/octet-stream');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength === 0) throw new EncoreError('VALIDATION_FAILED', 'The body is empty');
      const { start, total } = chunkOf(c.req.header('content-range'), bytes.byteLength);
      const r = await blobs.appendChunk(id, sha256, userId, { start, total, bytes });
      c.header(BLOB_CHUNK_LIMIT_HEADER, chunkLimit);
      if (!r.complete) c.header(BLOB_UPLOAD_OFFSET_HEADER, String(r.offset));
      const body: BlobUploadResponse = { sha256, complete: r.complete, offset: r.complete ? r.sizeBytes : r.offset };
      return c.json(body, r.complete ? 201 : 202);
    })
    .get('/:id/blobs/:sha256', async (c) => {
      // Hono answers HEAD with the GET route (and drops the body): HEAD has its own meaning here.
      if (c.req.method === 'HEAD') return head(c);
      const { id, sha256 } = parseParams(c, BlobParam);
      await projectForMember(s.db, id, c.get('auth').userId);
      const held = await blobs.linked(id, sha256);
      if (!held) throw new EncoreError('NOT_FOUND', 'This project holds no such asset', { sha256 });
      const etag = `"${sha256}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      c.header('Accept-Ranges', 'bytes');
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      const range = rangeOf(c.req.header('range'), held.sizeBytes);
      const stream = await blobs.read(sha256, range);
      c.header('Content-Type', 'application/octet-stream');
      c.header('Content-Length', String(range ? range.end - range.start + 1 : held.sizeBytes));
      if (range) c.header('Content-Range', `bytes ${range.start}-${range.end}/${held.sizeBytes}`);
      return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, range ? 206 : 200);
    });
}
