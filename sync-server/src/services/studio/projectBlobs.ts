import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, eq, exists, ne, sql } from 'drizzle-orm';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { projectBlobOrphans, projectBlobs, projectMembers } from '../../db/schema/index';
import type { BlobStore, ByteRange } from '../blobs/blobStore';

/** A partial upload untouched this long is deleted. */
const STALE_PARTIAL_MS = 24 * 3_600_000;

export interface ProjectBlobsOptions {
  db: Database;
  store: BlobStore;
  /** Partial uploads (`<projectId>.<sha256>.part`), resumable across requests. */
  uploadDir: string;
  maxBytes: number;
  now: () => Date;
}

export type ChunkResult = { complete: false; offset: number } | { complete: true; sizeBytes: number };

/**
 * The audio assets of shared projects: which project holds which content-addressed blob
 * (`project_blobs`), resumable uploads that are verified against their SHA-256 before they
 * reach the store, and dedup that never tells a user about a blob they cannot already read.
 *
 * @example
 * const blobs = new ProjectBlobs({ db, store, uploadDir, maxBytes: 2 << 30, now: () => new Date() });
 * if (!(await blobs.linked(projectId, sha))) await blobs.linkIfReadable(projectId, sha, userId);
 */
export class ProjectBlobs {
  /** One chain per partial upload, so concurrent chunks for it are appended in turn. */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly o: ProjectBlobsOptions) {}

  /** The blob's size when this project holds it. */
  async linked(projectId: string, sha256: string): Promise<{ sizeBytes: number } | null> {
    const [row] = await this.o.db
      .select({ sizeBytes: projectBlobs.sizeBytes })
      .from(projectBlobs)
      .where(and(eq(projectBlobs.projectId, projectId), eq(projectBlobs.sha256, sha256)))
      .limit(1);
    return row ?? null;
  }

  /**
   * Links a blob to `projectId` without an upload when another project the user is a member
   * of already holds it: they can read those bytes anyway, so nothing leaks. A blob held only
   * by projects they are not in is not linked (they must upload it, which proves they have it).
   */
  async linkIfReadable(projectId: string, sha256: string, userId: string): Promise<{ sizeBytes: number } | null> {
    // Under the blob's lock: the garbage collector cannot delete it between the check and the link.
    return this.o.db.transaction(async (tx) => {
      await lockBlob(tx, sha256);
      const [source] = await tx
        .select({ sizeBytes: projectBlobs.sizeBytes })
        .from(projectBlobs)
        .where(
          and(
            eq(projectBlobs.sha256, sha256),
            ne(projectBlobs.projectId, projectId),
            exists(
              tx
                .select({ one: projectMembers.userId })
                .from(projectMembers)
                .where(and(eq(projectMembers.projectId, projectBlobs.projectId), eq(projectMembers.userId, userId))),
            ),
          ),
        )
        .limit(1);
      if (!source || !(await this.o.store.has(sha256))) return null;
      await this.link(tx, projectId, sha256, source.sizeBytes, userId);
      return source;
    });
  }

  /** Bytes received so far of a partial upload (0 when none). */
  async offset(projectId: string, sha256: string): Promise<number> {
    try {
      return (await fs.promises.stat(this.partialPath(projectId, sha256))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
  }

  /**
   * Appends bytes `start..start+bytes.length` of a blob of `total` bytes. `start` must be the
   * current offset (CONFLICT otherwise, with the offset to resume from). When the last byte
   * arrives the whole file is hashed: a mismatch discards it (CHECKSUM_MISMATCH); a match
   * moves it into the store and links it to the project.
   */
  appendChunk(projectId: string, sha256: string, userId: string, chunk: { start: number; total: number; bytes: Uint8Array }): Promise<ChunkResult> {
    const key = `${projectId}.${sha256}`;
    const run = (this.chains.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.appendNow(projectId, sha256, userId, chunk));
    this.chains.set(key, run);
    void run.finally(() => {
      if (this.chains.get(key) === run) this.chains.delete(key);
    }).catch(() => undefined);
    return run;
  }

  private async appendNow(projectId: string, sha256: string, userId: string, { start, total, bytes }: { start: number; total: number; bytes: Uint8Array }): Promise<ChunkResult> {
    if (total > this.o.maxBytes) throw new EncoreError('PAYLOAD_TOO_LARGE', 'The file is larger than the server accepts for a project asset', { limitBytes: this.o.maxBytes, sizeBytes: total });
    if (start + bytes.byteLength > total) throw new EncoreError('VALIDATION_FAILED', 'The chunk runs past the end of the file', { start, length: bytes.byteLength, total });
    const existing = await this.linked(projectId, sha256);
    if (existing) return { complete: true, sizeBytes: existing.sizeBytes };
    const part = this.partialPath(projectId, sha256);
    const offset = await this.offset(projectId, sha256);
    if (start !== offset) throw new EncoreError('CONFLICT', 'Send the upload from the offset the server has', { offset, reason: 'upload-offset-mismatch' });
    await fs.promises.mkdir(this.o.uploadDir, { recursive: true });
    await fs.promises.appendFile(part, bytes);
    const received = offset + bytes.byteLength;
    if (received < total) return { complete: false, offset: received };
    const actual = await hashFile(part);
    if (actual !== sha256) {
      await fs.promises.rm(part, { force: true });
      throw new EncoreError('CHECKSUM_MISMATCH', 'The uploaded bytes do not have the SHA-256 they were sent under; upload again', { expected: sha256, actual });
    }
    await this.store(part, sha256, total, userId, projectId);
    return { complete: true, sizeBytes: total };
  }

  /** The bytes (or a range) of a blob the caller has checked the project holds. */
  read(sha256: string, range?: ByteRange): Promise<Readable> {
    return this.o.store.read(sha256, range);
  }

  /** Deletes partial uploads nobody touched for a day. */
  async sweepStale(): Promise<number> {
    let removed = 0;
    const entries = await fs.promises.readdir(this.o.uploadDir).catch(() => [] as string[]);
    for (const name of entries) {
      if (!name.endsWith('.part')) continue;
      const file = path.join(this.o.uploadDir, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat && this.o.now().getTime() - stat.mtimeMs > STALE_PARTIAL_MS) {
        await fs.promises.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /**
   * Moves a verified upload into the store and links it. When the store already has the bytes,
   * the link is made under the blob's lock (so the collector cannot delete them in between) and
   * the upload is dropped. Otherwise the blob is first noted as a collector candidate, so bytes
   * stored but never linked (a crash in between) are still found; the candidate's grace period
   * starts now, which keeps the fresh blob safe until the link is made.
   */
  private async store(part: string, sha256: string, sizeBytes: number, userId: string, projectId: string): Promise<void> {
    const linked = await this.o.db.transaction(async (tx) => {
      await lockBlob(tx, sha256);
      if (!(await this.o.store.has(sha256))) return false;
      await this.link(tx, projectId, sha256, sizeBytes, userId);
      return true;
    });
    if (linked) {
      await fs.promises.rm(part, { force: true });
      return;
    }
    const since = this.o.now();
    await this.o.db.insert(projectBlobOrphans).values({ sha256, since }).onConflictDoUpdate({ target: projectBlobOrphans.sha256, set: { since } });
    await this.o.store.putFile(part, sha256);
    await this.link(this.o.db, projectId, sha256, sizeBytes, userId);
  }

  private async link(db: Database, projectId: string, sha256: string, sizeBytes: number, userId: string): Promise<void> {
    await db.insert(projectBlobs).values({ projectId, sha256, sizeBytes, addedBy: userId, addedAt: this.o.now() }).onConflictDoNothing();
  }

  private partialPath(projectId: string, sha256: string): string {
    // Both parts were validated (uuid, hex) by the route; the name never carries client text otherwise.
    return path.join(this.o.uploadDir, `${projectId}.${sha256}.part`);
  }
}

/**
 * Serialises everything that relies on a stored blob being there (a link to bytes already
 * stored) with the collector's delete of it, across instances: a transaction-scoped advisory
 * lock on the blob's key.
 */
export async function lockBlob(tx: Database, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`blob:${sha256}`}))`);
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}
