import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const tz = { withTimezone: true, mode: 'date' } as const;

/**
 * Project blobs the garbage collector should look at: a blob whose last `project_blobs` link
 * went (a trigger on that table adds it when a project is deleted or an asset unlinked) or
 * one about to enter the store for an upload (added before the bytes go in, so a crash before
 * the link still leaves it findable). `since` starts the grace period; the collector deletes
 * the bytes only if, past it, no project (and nothing in the catalog, which may share the
 * local folder) refers to them, and drops the row either way.
 */
export const projectBlobOrphans = pgTable(
  'project_blob_orphans',
  {
    sha256: text('sha256').primaryKey(),
    since: timestamp('since', tz).notNull(),
  },
  (t) => [index('project_blob_orphans_since_idx').on(t.since), check('project_blob_orphans_sha256_chk', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

export type ProjectBlobOrphanRow = typeof projectBlobOrphans.$inferSelect;
