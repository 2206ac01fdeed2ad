import type { Migration } from './types';

const COLUMNS = `size, mtime_ms, format, codec, duration_sec, sample_rate, channels, bitrate, title, artists, artists_json, album_artist, album,
  track_no, track_of, disc_no, disc_of, year, genre, genres_json, composers_json, isrc, musicbrainz_json, replaygain_json, artwork_hash, lyrics,
  lyrics_lrc, added_at, updated_at`;

/**
 * Downloaded catalog tracks become library tracks. `tracks` gains `source` ('local' | 'catalog')
 * and `download_id`; a catalog row has no folder, path or dir (so `tracks` is rebuilt: SQLite
 * cannot drop a NOT NULL). One table keeps every view, sort, smart playlist and the FTS index
 * exactly as they were, with no UNION. Rows keep their ids, so tracks_fts stays valid as is.
 * A catalog row exists only while its download is done and its licence valid; deleting the
 * download row deletes it (cascade). `downloads` gains the catalog metadata the library shows
 * (album, album artist, track number, genres, year, cover) captured when it was queued.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'catalog-tracks',
  up(db) {
    db.exec(`
      ALTER TABLE downloads ADD COLUMN meta_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta_json));
      ALTER TABLE downloads ADD COLUMN artwork_hash TEXT CHECK (artwork_hash IS NULL OR length(artwork_hash) = 64);

      DROP TRIGGER tracks_fts_insert;
      DROP TRIGGER tracks_fts_delete;
      DROP TRIGGER tracks_fts_update;
      CREATE TABLE tracks_new (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'catalog')),
        path TEXT UNIQUE,
        folder_id INTEGER REFERENCES library_folders (id) ON DELETE CASCADE,
        dir TEXT,
        download_id TEXT UNIQUE REFERENCES downloads (id) ON DELETE CASCADE,
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
        updated_at INTEGER NOT NULL,
        CHECK (CASE source
          WHEN 'local' THEN path IS NOT NULL AND folder_id IS NOT NULL AND dir IS NOT NULL AND download_id IS NULL
          ELSE path IS NULL AND folder_id IS NULL AND dir IS NULL AND download_id IS NOT NULL END)
      ) STRICT;
      INSERT INTO tracks_new (id, hash, source, path, folder_id, dir, ${COLUMNS})
        SELECT id, hash, 'local', path, folder_id, dir, ${COLUMNS} FROM tracks;
      DROP TABLE tracks;
      ALTER TABLE tracks_new RENAME TO tracks;

      CREATE INDEX tracks_hash ON tracks (hash);
      CREATE INDEX tracks_folder_dir ON tracks (folder_id, dir);
      CREATE INDEX tracks_album ON tracks (album COLLATE NOCASE, album_artist COLLATE NOCASE);
      CREATE INDEX tracks_title ON tracks (title COLLATE NOCASE);
      CREATE INDEX tracks_added ON tracks (added_at);
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
    `);
  },
};
