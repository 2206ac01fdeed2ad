import type { Migration } from './types';

/**
 * Studio projects: metadata, the append-only Yjs update log (one row per update, written as it
 * arrives), the compacted snapshot the log is folded into, and saved versions.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'projects',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        template TEXT CHECK (template IN ('empty', 'demo')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        opened_at TEXT,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX projects_by_update ON projects (deleted_at, updated_at);

      CREATE TABLE project_updates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        data BLOB NOT NULL CHECK (length(data) > 0),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX project_updates_by_project ON project_updates (project_id, id);

      CREATE TABLE project_snapshots (
        project_id TEXT PRIMARY KEY NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        data BLOB NOT NULL CHECK (length(data) > 0),
        -- The last update row folded into data: rows up to it are deleted in the same transaction.
        through_update_id INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE project_versions (
        id TEXT PRIMARY KEY NOT NULL,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('named', 'auto')),
        created_at TEXT NOT NULL,
        state_vector BLOB NOT NULL,
        state BLOB NOT NULL CHECK (length(state) > 0)
      ) STRICT;
      CREATE INDEX project_versions_by_project ON project_versions (project_id, created_at);
    `);
  },
};
