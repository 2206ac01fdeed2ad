import type { Migration } from './types';

/**
 * The music library. A track's identity is `hash`, the SHA-256 of the whole file: stats,
 * plays and playlist entries are keyed by it (not by a row id or a path), so a file that
 * moves keeps them and removing a folder never loses them. `path` is unique; two identical
 * copies share one identity. Times are epoch milliseconds.
 *
 * tracks_fts is an external-content FTS5 index over tracks kept in step by triggers; the
 * prefix indexes make search-as-you-type cheap for 1- to 3-character prefixes (measured on
 * 100k tracks: without '1', a trailing one-letter word like "whitney h" cost ~7 ms more).
 */
export const migration0003: Migration = {
  version: 3,
  name: 'library',
  up(db) {
    db.exec(`
      CREATE TABLE library_folders (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        added_at INTEGER NOT NULL,
        last_scan_at INTEGER
      ) STRICT;

      CREATE TABLE tracks (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        path TEXT NOT NULL UNIQUE,
        folder_id INTEGER NOT NULL REFERENCES library_folders (id) ON DELETE CASCADE,
        dir TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        format TEXT NOT NULL,
        codec TEXT,
        duration_sec REAL,
        sample_rate INTEGER,
        channels INTEGER,
        bitrate INTEGER,
        title TEXT NOT NULL,
        artists TEXT NOT NULL DEFAULT '',
        artists_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(artists_json)),
        album_artist TEXT,
        album TEXT,
        track_no INTEGER,
        track_of INTEGER,
        disc_no INTEGER,
        disc_of INTEGER,
        year INTEGER,
        genre TEXT NOT NULL DEFAULT '',
        genres_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(genres_json)),
        composers_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(composers_json)),
        isrc TEXT,
        musicbrainz_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(musicbrainz_json)),
        replaygain_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(replaygain_json)),
        artwork_hash TEXT,
        lyrics TEXT,
        lyrics_lrc TEXT,
        added_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX tracks_hash ON tracks (hash);
      CREATE INDEX tracks_folder_dir ON tracks (folder_id, dir);
      CREATE INDEX tracks_album ON tracks (album COLLATE NOCASE, album_artist COLLATE NOCASE);
      CREATE INDEX tracks_title ON tracks (title COLLATE NOCASE);
      CREATE INDEX tracks_added ON tracks (added_at);

      CREATE VIRTUAL TABLE tracks_fts USING fts5 (
        title, artists, album, album_artist, genre, lyrics,
        content = 'tracks', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
      );
      CREATE TRIGGER tracks_fts_insert AFTER INSERT ON tracks BEGIN
        INSERT INTO tracks_fts (rowid, title, artists, album, album_artist, genre, lyrics)
        VALUES (new.id, new.title, new.artists, new.album, new.album_artist, new.genre, new.lyrics);
      END;
      CREATE TRIGGER tracks_fts_delete AFTER DELETE ON tracks BEGIN
        INSERT INTO tracks_fts (tracks_fts, rowid, title, artists, album, album_artist, genre, lyrics)
        VALUES ('delete', old.id, old.title, old.artists, old.album, old.album_artist, old.genre, old.lyrics);
      END;
      CREATE TRIGGER tracks_fts_update AFTER UPDATE OF title, artists, album, album_artist, genre, lyrics ON tracks BEGIN
        INSERT INTO tracks_fts (tracks_fts, rowid, title, artists, album, album_artist, genre, lyrics)
        VALUES ('delete', old.id, old.title, old.artists, old.album, old.album_artist, old.genre, old.lyrics);
        INSERT INTO tracks_fts (rowid, title, artists, album, album_artist, genre, lyrics)
        VALUES (new.id, new.title, new.artists, new.album, new.album_artist, new.genre, new.lyrics);
      END;

      CREATE TABLE track_stats (
        hash TEXT PRIMARY KEY NOT NULL CHECK (length(hash) = 64),
        liked INTEGER NOT NULL DEFAULT 0 CHECK (liked IN (0, 1)),
        rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
        play_count INTEGER NOT NULL DEFAULT 0 CHECK (play_count >= 0),
        last_played_at INTEGER
      ) STRICT;

      CREATE TABLE plays (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        played_at INTEGER NOT NULL,
        ms_played INTEGER
      ) STRICT;
      CREATE INDEX plays_played_at ON plays (played_at);
      CREATE INDEX plays_hash ON plays (hash);

      CREATE TABLE playlists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE playlist_entries (
        id INTEGER PRIMARY KEY,
        playlist_id INTEGER NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        hash TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX playlist_entries_order ON playlist_entries (playlist_id, position);
      CREATE INDEX playlist_entries_hash ON playlist_entries (hash);

      CREATE TABLE smart_playlists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        rules_json TEXT NOT NULL CHECK (json_valid(rules_json)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE bad_files (
        path TEXT PRIMARY KEY NOT NULL,
        folder_id INTEGER REFERENCES library_folders (id) ON DELETE CASCADE,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        reason TEXT NOT NULL,
        seen_at INTEGER NOT NULL
      ) STRICT;

      -- One row: the last scan. status 'running' after a restart means it was interrupted.
      CREATE TABLE import_state (
        id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        status TEXT NOT NULL CHECK (status IN ('running', 'done')),
        folder_ids_json TEXT NOT NULL CHECK (json_valid(folder_ids_json)),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        processed INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `);
  },
};
