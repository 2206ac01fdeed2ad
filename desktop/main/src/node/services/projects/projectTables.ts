import { blob, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The drizzle view of the project tables of migration 0002. Kept beside the project store rather
 * than in db/schema.ts: nothing else reads them, and the store is their only writer.
 */

const bytes = (name: string) => blob(name, { mode: 'buffer' }).notNull();

export const projects = sqliteTable('projects', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  /** 'empty' | 'demo', or null for an imported project. */
  template: text('template'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  openedAt: text('opened_at'),
  deletedAt: text('deleted_at'),
});

/** The append-only log: one row per Yjs update, in arrival order. */
export const projectUpdates = sqliteTable('project_updates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  projectId: text('project_id').notNull(),
  data: bytes('data'),
  createdAt: text('created_at').notNull(),
});

/** The log folded up to `throughUpdateId` (Y.mergeUpdates). */
export const projectSnapshots = sqliteTable('project_snapshots', {
  projectId: text('project_id').primaryKey(),
  data: bytes('data'),
  throughUpdateId: integer('through_update_id').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const projectVersions = sqliteTable('project_versions', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['named', 'auto'] }).notNull(),
  createdAt: text('created_at').notNull(),
  stateVector: bytes('state_vector'),
  state: bytes('state'),
});
