import type { Migration } from './types';

/**
 * Offline downloads of catalog tracks. One row per (server, account, track): the licence it is
 * held under, its file key wrapped by the host master key (never in clear), and how far the
 * download got (`received_bytes` counts plain bytes already encrypted and synced to disk, always
 * a whole number of chunks, so a resumed download continues from there with a Range request).
 * `download_devices` caches the server's id for this install per account; `offline_plays`
 * queues plays of downloaded tracks until the server acknowledged them. Times are epoch ms.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'downloads',
  up(db) {
    db.exec(`
      CREATE TABLE download_settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE download_devices (
        server_url TEXT NOT NULL,
        user_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        registered_at INTEGER NOT NULL,
        PRIMARY KEY (server_url, user_id)
      ) STRICT;

      CREATE TABLE downloads (
        id TEXT PRIMARY KEY NOT NULL,
        server_url TEXT NOT NULL,
        user_id TEXT NOT NULL,
        track_id TEXT NOT NULL,
        quality TEXT NOT NULL CHECK (quality IN ('low', 'normal', 'high', 'lossless')),
        title TEXT NOT NULL,
        artist TEXT NOT NULL,
        album TEXT,
        duration_ms INTEGER,
        group_kind TEXT CHECK (group_kind IS NULL OR group_kind IN ('album', 'playlist')),
        group_id TEXT,
        group_title TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'downloading', 'paused', 'failed', 'done', 'revoked')),
        licence_id TEXT,
        offline_until INTEGER,
        wrapped_key BLOB,
        codec TEXT,
        size_bytes INTEGER CHECK (size_bytes IS NULL OR size_bytes >= 0),
        received_bytes INTEGER NOT NULL DEFAULT 0 CHECK (received_bytes >= 0),
        etag TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        error_code TEXT,
        error_message TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        completed_at INTEGER,
        UNIQUE (server_url, user_id, track_id),
        CHECK (state <> 'done' OR (wrapped_key IS NOT NULL AND licence_id IS NOT NULL AND received_bytes = size_bytes))
      ) STRICT;
      CREATE INDEX downloads_state ON downloads (state, created_at);

      CREATE TABLE offline_plays (
        client_event_id TEXT PRIMARY KEY NOT NULL,
        server_url TEXT NOT NULL,
        user_id TEXT NOT NULL,
        track_id TEXT NOT NULL,
        ms INTEGER NOT NULL CHECK (ms >= 0),
        played_at INTEGER NOT NULL,
        reported_at INTEGER
      ) STRICT;
      CREATE INDEX offline_plays_pending ON offline_plays (server_url, user_id, reported_at, played_at);
    `);
  },
};
