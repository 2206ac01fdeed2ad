import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { StudioRole } from '@encore/shared/api/studio';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

/** A collaborative playlist; its content is the Yjs document `playlist:<id>` (`/sync/playlist:<id>`). */
export const collabPlaylists = pgTable('collab_playlists', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', tz).notNull(),
  updatedAt: timestamp('updated_at', tz).notNull(),
});

/** Who may open a collaborative playlist: owner (manage), editor (add, move, remove), viewer (read). */
export const collabPlaylistMembers = pgTable(
  'collab_playlist_members',
  {
    playlistId: uuid('playlist_id')
      .notNull()
      .references(() => collabPlaylists.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<StudioRole>().notNull(),
    addedAt: timestamp('added_at', tz).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.playlistId, t.userId] }),
    index('collab_playlist_members_user_idx').on(t.userId),
    check('collab_playlist_members_role_chk', sql`${t.role} in ('owner', 'editor', 'viewer')`),
  ],
);

export type CollabPlaylistRow = typeof collabPlaylists.$inferSelect;
