import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { UPLOAD_LIMITS, type CreateUploadRequest, type UploadStatus } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { uploadChunks, uploads, type UploadRow } from '../../db/schema/catalog';
import type { Catalog } from './catalog';
import { probeAudio } from './ffmpeg';

interface Ctx {
  db: Database;
  catalog: Catalog;
  now: Date;
}

/** Opens a resumable upload; chunks may not exceed the request body limit. */
export async function createUpload(c: Ctx, ownerId: string, req: CreateUploadRequest, bodyLimitBytes: number): Promise<UploadStatus> {
  const chunkSize = Math.min(req.chunkSize ?? UPLOAD_LIMITS.defaultChunkBytes, bodyLimitBytes);
  const [row] = await c.db
    .insert(uploads)
    .values({ ownerId, sizeBytes: req.size, sha256: req.sha256, contentType: req.contentType, filename: req.filename, chunkSize, chunkCount: Math.ceil(req.size / chunkSize), createdAt: c.now, updatedAt: c.now })
    .returning();
  return toStatus(row!, []);
}

/** The caller's upload, or UPLOAD_NOT_FOUND (also for someone else's: ids are not confirmed). */
export async function ownUpload(db: Database, ownerId: string, id: string): Promise<UploadRow> {
  const [row] = await db.select().from(uploads).where(and(eq(uploads.id, id), eq(uploads.ownerId, ownerId)));
  if (!row) throw new EncoreError('UPLOAD_NOT_FOUND', 'No such upload', { uploadId: id });
  return row;
}

export async function uploadStatus(db: Database, row: UploadRow): Promise<UploadStatus> {
  const chunks = await db.select({ index: uploadChunks.index }).from(uploadChunks).where(eq(uploadChunks.uploadId, row.id)).orderBy(asc(uploadChunks.index));
  return toStatus(
    row,
    chunks.map((x) => x.index),
  );
}

function chunkLength(row: UploadRow, index: number): number {
  return index === row.chunkCount - 1 ? row.sizeBytes - index * row.chunkSize : row.chunkSize;
}

function toStatus(row: UploadRow, received: number[]): UploadStatus {
  const have = new Set(received);
  const ranges: [number, number][] = [];
  for (const i of received) {
    const start = i * row.chunkSize;
    const end = start + chunkLength(row, i);
    const last = ranges.at(-1);
    if (last && last[1] === start) last[1] = end;
    else ranges.push([start, end]);
  }
  const missing = row.state === 'open' ? Array.from({ length: row.chunkCount }, (_, i) => i).filter((i) => !have.has(i)) : [];
  const receivedBytes = row.state === 'open' ? received.reduce((n, i) => n + chunkLength(row, i), 0) : row.sizeBytes;
  return {
    id: row.id,
    state: row.state as UploadStatus['state'],
    size: row.sizeBytes,
    chunkSize: row.chunkSize,
    chunkCount: row.chunkCount,
    receivedBytes,
    receivedRanges: row.state === 'open' ? ranges : [[0, row.sizeBytes]],
    missingChunks: missing,
    filename: row.filename,
    probe: row.probe ?? null,
  };
}

/**
 * Stores one chunk. Sending a chunk again is harmless (the first copy stands), so a client
 * that lost the answer simply re-sends. The path is built from the upload's uuid and an
 * integer index only.
 */
export async function putChunk(c: Ctx, row: UploadRow, index: number, bytes: Uint8Array): Promise<void> {
  if (row.state !== 'open') throw new EncoreError('CONFLICT', 'The upload is no longer open', { state: row.state });
  if (index >= row.chunkCount) throw new EncoreError('VALIDATION_FAILED', 'No such chunk index', { chunkCount: row.chunkCount });
  const expected = chunkLength(row, index);
  if (bytes.byteLength !== expected) throw new EncoreError('VALIDATION_FAILED', `Chunk ${index} must be ${expected} bytes`, { expected, received: bytes.byteLength });
  const dir = path.join(c.catalog.uploadsDir, row.id);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${index}.${randomUUID()}.tmp`);
  await fs.promises.writeFile(tmp, bytes);
  await fs.promises.rename(tmp, path.join(dir, String(index)));
  await c.db.insert(uploadChunks).values({ uploadId: row.id, index, sizeBytes: expected }).onConflictDoNothing();
}

/**
 * Joins the chunks, checks the SHA-256 the client announced and probes the audio; then the
 * master enters the blob store under its hash. A checksum or audio failure marks the upload
 * failed and removes its bytes: the client starts a new upload.
 */
export async function completeUpload(c: Ctx, row: UploadRow): Promise<UploadStatus> {
  if (row.state === 'complete' || row.state === 'consumed') return uploadStatus(c.db, row);
  if (row.state !== 'open') throw new EncoreError('CONFLICT', 'The upload failed; start a new one', { state: row.state });
  const status = await uploadStatus(c.db, row);
  if (status.missingChunks.length > 0) throw new EncoreError('UPLOAD_INCOMPLETE', 'Some chunks are missing', { missingChunks: status.missingChunks.slice(0, 100) });
  const dir = path.join(c.catalog.uploadsDir, row.id);
  await fs.promises.mkdir(c.catalog.workDir, { recursive: true });
  const joined = path.join(c.catalog.workDir, `${row.id}.master`);
  try {
    const sha = await join(dir, row.chunkCount, joined);
    if (sha !== row.sha256) throw new EncoreError('CHECKSUM_MISMATCH', 'The uploaded bytes do not match the announced SHA-256', { expected: row.sha256, actual: sha });
    const probe = await probeAudio(joined, c.catalog.options.duration);
    await c.catalog.blobs.putFile(joined);
    const [done] = await c.db.update(uploads).set({ state: 'complete', probe, updatedAt: c.now }).where(and(eq(uploads.id, row.id), eq(uploads.state, 'open'))).returning();
    if (!done) throw new EncoreError('CONFLICT', 'The upload changed while completing');
    return toStatus(done, []);
  } catch (e) {
    if (e instanceof EncoreError && (e.code === 'CHECKSUM_MISMATCH' || e.code === 'INVALID_AUDIO')) {
      await c.db.update(uploads).set({ state: 'failed', updatedAt: c.now }).where(eq(uploads.id, row.id));
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
    throw e;
  } finally {
    await fs.promises.rm(joined, { force: true });
    if ((await c.db.select({ state: uploads.state }).from(uploads).where(eq(uploads.id, row.id)))[0]?.state === 'complete') await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

async function join(dir: string, count: number, dest: string): Promise<string> {
  const hash = createHash('sha256');
  const out = await fs.promises.open(dest, 'w');
  try {
    for (let i = 0; i < count; i++) {
      const bytes = await fs.promises.readFile(path.join(dir, String(i)));
      hash.update(bytes);
      await out.write(bytes);
    }
  } finally {
    await out.close();
  }
  return hash.digest('hex');
}
