import type { Migration } from './types';

/**
 * Which local projects are shared through a sync-server: the server mints its own project id,
 * so each shared project maps its local id to the server's (one server project per local
 * replica). `role` is the user's role there as last seen; `paused` is "work offline".
 */
export const migration0005: Migration = {
  version: 5,
  name: 'shared-projects',
  up(db) {
    db.exec(`
      CREATE TABLE shared_projects (
        project_id TEXT PRIMARY KEY NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        server_url TEXT NOT NULL,
        server_project_id TEXT NOT NULL,
        role TEXT CHECK (role IS NULL OR role IN ('owner', 'editor', 'viewer')),
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        shared_at TEXT NOT NULL,
        UNIQUE (server_url, server_project_id)
      ) STRICT;
    `);
  },
};
