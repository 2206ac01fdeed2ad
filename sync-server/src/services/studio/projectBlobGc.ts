import { asc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { covers, projectBlobOrphans, projectBlobs, renditions, tracks, uploads } from '../../db/schema/index';
import type { Logger } from '../../logger';
import type { BlobStore } from '../blobs/blobStore';
import { lockBlob } from './projectBlobs';

export interface ProjectBlobGcOptions {
  db: Database;
  store: BlobStore;
  /** A candidate is collected only this long after it lost its last link (or entered the store), and only if not written for as long. */
  graceMs: number;
  /**
   * The store is the server's local blob folder, which the catalog shares (masters, renditions,
   * covers): a blob the catalog refers to is kept. False for S3, which holds studio blobs only.
   */
  sharedWithCatalog: boolean;
  now: () => Date;
  log: Logger;
  /** Candidates read per query; default 200. */
  batch?: number;
}

export interface ProjectBlobGcResult {
  /** Candidates past their grace period that were looked at. */
  examined: number;
  /** Blobs deleted from the store. */
  deleted: number;
  /** Candidates dropped because a project or the catalog refers to them again. */
  stillReferenced: number;
}

/**
 * Deletes project blobs nothing refers to any more. Candidates come from `project_blob_orphans`
 * (a trigger adds a blob when its last project link goes; an upload adds it before its bytes are
 * stored); past the grace period each is re-checked under the blob's lock — another project's
 * link, a catalog reference, a new write of the same bytes all keep it — and only then deleted.
 * Safe to run on several instances at once.
 *
 * @example
 * const gc = new ProjectBlobGc({ db, store, graceMs: 7 * 86_400_000, sharedWithCatalog: true, now: () => new Date(), log });
 * const { deleted } = await gc.run();
 */
export class ProjectBlobGc {
  constructor(private readonly o: ProjectBlobGcOptions) {}

  async run(): Promise<ProjectBlobGcResult> {
    const result: ProjectBlobGcResult = { examined: 0, deleted: 0, stillReferenced: 0 };
    const cutoff = new Date(this.o.now().getTime() - this.o.graceMs);
    const batch = this.o.batch ?? 200;
    for (;;) {
      const due = await this.o.db
        .select({ sha256: projectBlobOrphans.sha256, since: projectBlobOrphans.since })
        .from(projectBlobOrphans)
        .where(lt(projectBlobOrphans.since, cutoff))
        .orderBy(asc(projectBlobOrphans.since))
        .limit(batch);
      if (due.length === 0) break;
      const catalog = this.o.sharedWithCatalog ? await this.catalogReferences(due.map((d) => d.sha256)) : new Set<string>();
      for (const { sha256 } of due) {
        const outcome = await this.collect(sha256, cutoff, catalog.has(sha256));
        result.examined++;
        if (outcome === 'deleted') result.deleted++;
        else if (outcome === 'referenced') result.stillReferenced++;
      }
      // Every candidate handled left the due set (its row dropped, or its grace period restarted).
      if (due.length < batch) break;
    }
    if (result.examined > 0) this.o.log.info({ ...result, store: this.o.store.description }, 'studio blobs: garbage collected');
    return result;
  }

  private async collect(sha256: string, cutoff: Date, inCatalog: boolean): Promise<'deleted' | 'referenced' | 'skipped'> {
    return this.o.db.transaction(async (tx) => {
      await lockBlob(tx, sha256);
      const [candidate] = await tx.select({ since: projectBlobOrphans.since }).from(projectBlobOrphans).where(eq(projectBlobOrphans.sha256, sha256)).for('update');
      // Handled by another instance meanwhile, or its grace period restarted (a new upload).
      if (!candidate || candidate.since >= cutoff) return 'skipped';
      const [linked] = await tx.select({ projectId: projectBlobs.projectId }).from(projectBlobs).where(eq(projectBlobs.sha256, sha256)).limit(1);
      if (linked || inCatalog) {
        // Referenced: no longer a candidate; losing its last link again makes it one anew.
        await tx.delete(projectBlobOrphans).where(eq(projectBlobOrphans.sha256, sha256));
        return 'referenced';
      }
      if (await this.o.store.delete(sha256, { notModifiedSince: cutoff })) {
        await tx.delete(projectBlobOrphans).where(eq(projectBlobOrphans.sha256, sha256));
        return 'deleted';
      }
      if (await this.o.store.has(sha256)) {
        // Written again within the grace period (the catalog stored the same bytes): looked at again later.
        await tx.update(projectBlobOrphans).set({ since: this.o.now() }).where(eq(projectBlobOrphans.sha256, sha256));
        return 'skipped';
      }
      await tx.delete(projectBlobOrphans).where(eq(projectBlobOrphans.sha256, sha256));
      return 'skipped';
    });
  }

  /** Which of `keys` the catalog refers to (a master, a rendition, a cover or its thumbnails, an upload). */
  private async catalogReferences(keys: string[]): Promise<Set<string>> {
    const db = this.o.db;
    const found = await Promise.all([
      db.select({ k: tracks.sourceSha256 }).from(tracks).where(inArray(tracks.sourceSha256, keys)),
      db.select({ k: renditions.blobKey }).from(renditions).where(inArray(renditions.blobKey, keys)),
      db.select({ k: covers.id }).from(covers).where(inArray(covers.id, keys)),
      db.select({ k: covers.thumb300 }).from(covers).where(inArray(covers.thumb300, keys)),
      db.select({ k: covers.thumb600 }).from(covers).where(inArray(covers.thumb600, keys)),
      db.select({ k: uploads.sha256 }).from(uploads).where(inArray(uploads.sha256, keys)),
    ]);
    return new Set(found.flat().map((r) => r.k));
  }
}
