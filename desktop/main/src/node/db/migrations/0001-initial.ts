import type { Migration } from './types';

/** Settings overrides and the cached account session. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE account (
        id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        server_url TEXT NOT NULL,
        user_json TEXT NOT NULL CHECK (json_valid(user_json)),
        refresh_token TEXT NOT NULL,
        access_token TEXT,
        access_expires_at INTEGER,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
