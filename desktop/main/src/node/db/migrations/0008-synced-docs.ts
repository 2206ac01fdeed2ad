import type { Migration } from './types';

/**
 * Durable replicas of the synced documents that are not studio projects: collaborative
 * playlists (`playlist:<id>`) and the signed-in user's library state (`user:<id>:library`).
 * `synced_docs` says which documents this device keeps for which account on which server;
 * `synced_doc_updates` is each document's append-only log of Yjs updates (written on every
 * change, folded into one row on load once it grows).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'synced-docs',
  up(db) {
    db.exec(`
      CREATE TABLE synced_docs (
        server_url TEXT NOT NULL,
        doc_key TEXT NOT NULL,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('playlist', 'user-library')),
        name TEXT NOT NULL DEFAULT '',
        role TEXT CHECK (role IS NULL OR role IN ('owner', 'editor', 'viewer')),
        added_at TEXT NOT NULL,
        PRIMARY KEY (server_url, doc_key, user_id)
      ) STRICT;
      CREATE TABLE synced_doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        server_url TEXT NOT NULL,
        doc_key TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX synced_doc_updates_doc_idx ON synced_doc_updates (server_url, doc_key, seq);
    `);
  },
};
