import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { studioProjects } from './studio';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => v,
  fromDriver: (v) => v,
});

/**
 * The shared history of a studio project: named versions (any editor) and automatic ones
 * (taken while the document is edited, thinned as they age). Each holds the whole Yjs state
 * it captured; restoring one is a new change on the live document, so this table is never
 * read to rebuild the document and the update log is never rewritten.
 */
export const docVersions = pgTable(
  'doc_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    docId: uuid('doc_id')
      .notNull()
      .references(() => studioProjects.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'named' | 'auto'>().notNull(),
    name: text('name').notNull(),
    /** Who named it (null for automatic versions, or when the account is gone). */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', tz).notNull(),
    /** Stored as sync/snapshotCodec packs it (compressed). */
    state: bytea('state').notNull(),
    /** The state's own size, uncompressed. */
    sizeBytes: integer('size_bytes').notNull(),
  },
  (t) => [index('doc_versions_doc_created_idx').on(t.docId, t.createdAt), check('doc_versions_kind_chk', sql`${t.kind} in ('named', 'auto')`)],
);

export type DocVersionRow = typeof docVersions.$inferSelect;
