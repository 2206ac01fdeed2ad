import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { studioProjects } from './studio';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

/**
 * Which audio assets (content-addressed blobs) a shared project holds. The bytes live once in
 * the blob store under their SHA-256; this row is what lets a project's members read them,
 * so a blob stored for one project is never readable through another the user is not in.
 */
export const projectBlobs = pgTable(
  'project_blobs',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => studioProjects.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', tz).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.sha256] }),
    index('project_blobs_sha256_idx').on(t.sha256),
    check('project_blobs_sha256_chk', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('project_blobs_size_chk', sql`${t.sizeBytes} > 0`),
  ],
);

export type ProjectBlobRow = typeof projectBlobs.$inferSelect;
