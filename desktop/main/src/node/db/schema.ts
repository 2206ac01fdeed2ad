import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The drizzle view of the current schema, for queries. Migrations never import this file:
 * each writes the SQL of its own moment, so later schema edits cannot change old migrations.
 */

/** One row per overridden setting; a missing key means "use the default". */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON of the value, validated against the shared Settings schema when read. */
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** At most one row (id = 1): the signed-in account. The refresh token never leaves the host. */
export const account = sqliteTable('account', {
  id: integer('id').primaryKey(),
  serverUrl: text('server_url').notNull(),
  /** JSON of the shared AccountUser, shown while offline. */
  userJson: text('user_json').notNull(),
  refreshToken: text('refresh_token').notNull(),
  accessToken: text('access_token'),
  /** Epoch milliseconds. */
  accessExpiresAt: integer('access_expires_at'),
  updatedAt: text('updated_at').notNull(),
});
