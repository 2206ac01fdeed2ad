import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { StudioRole } from '@encore/shared/api/studio';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

/** Raw bytes (Yjs updates). Both drivers hand back a Uint8Array subclass (Buffer or Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => v,
  fromDriver: (v) => v,
});

/** A shared studio project; its id is the id of its Yjs document (`/sync/<id>`). */
export const studioProjects = pgTable('studio_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', tz).notNull(),
  updatedAt: timestamp('updated_at', tz).notNull(),
});

/** Who may open a project and how: owner (manage), editor (write), viewer (read only). */
export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => studioProjects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<StudioRole>().notNull(),
    addedAt: timestamp('added_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_members_user_idx').on(t.userId), check('project_members_role_chk', sql`${t.role} in ('owner', 'editor', 'viewer')`)],
);

/** Invite links: only the SHA-256 of the token is stored; usable by many until it expires. */
export const projectInvites = pgTable(
  'project_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => studioProjects.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role').$type<Exclude<StudioRole, 'owner'>>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', tz).notNull(),
    expiresAt: timestamp('expires_at', tz).notNull(),
  },
  (t) => [index('project_invites_project_idx').on(t.projectId), check('project_invites_role_chk', sql`${t.role} in ('editor', 'viewer')`)],
);

/**
 * The append-only log of accepted Yjs updates, merged into `doc_snapshots` by compaction.
 * `doc_id` is the document's key (`docKey` of shared/sync/docIds: a project's bare uuid,
 * `playlist:<uuid>`, `user:<uuid>:library`), so it references no one table: deleting a
 * project or playlist deletes its rows in the same transaction.
 */
export const docUpdates = pgTable(
  'doc_updates',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    docId: text('doc_id').notNull(),
    update: bytea('update').notNull(),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  },
  (t) => [index('doc_updates_doc_seq_idx').on(t.docId, t.seq)],
);

/** One merged state per document: what compaction folded out of `doc_updates`. */
export const docSnapshots = pgTable('doc_snapshots', {
  docId: text('doc_id').primaryKey(),
  state: bytea('state').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  /** How many log rows have been folded in, over the document's life. */
  mergedUpdates: bigint('merged_updates', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', tz).notNull(),
});

export type StudioProjectRow = typeof studioProjects.$inferSelect;
export type ProjectMemberRow = typeof projectMembers.$inferSelect;
