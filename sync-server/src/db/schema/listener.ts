import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { albums, tracks } from './catalog';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

/** A listener's 1-5 star rating of a track (Subsonic `setRating`); no row = unrated. */
export const trackRatings = pgTable(
  'track_ratings',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    rating: smallint('rating').notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.trackId] }), index('track_ratings_track_idx').on(t.trackId), check('track_ratings_range_chk', sql`${t.rating} between 1 and 5`)],
);

/** A listener's 1-5 star rating of an album. */
export const albumRatings = pgTable(
  'album_ratings',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    albumId: uuid('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    rating: smallint('rating').notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.albumId] }), index('album_ratings_album_idx').on(t.albumId), check('album_ratings_range_chk', sql`${t.rating} between 1 and 5`)],
);

/** Server playlists of catalog tracks (seed-design "Playlist Schema"); private unless `is_public`. */
export const playlists = pgTable(
  'playlists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    isPublic: boolean('is_public').notNull().default(false),
    createdAt: timestamp('created_at', tz).notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
  },
  (t) => [index('playlists_owner_idx').on(t.ownerId, t.updatedAt)],
);

/**
 * Ordered entries: positions are 0..n-1 with no gaps, rewritten in one transaction on every
 * insert, removal or move (the playlist row is locked first, so concurrent edits queue).
 */
export const playlistEntries = pgTable(
  'playlist_entries',
  {
    playlistId: uuid('playlist_id')
      .notNull()
      .references(() => playlists.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.playlistId, t.position] }), index('playlist_entries_track_idx').on(t.trackId), check('playlist_entries_position_chk', sql`${t.position} >= 0`)],
);

/**
 * Credentials for third-party players (Subsonic): an API key is kept as its SHA-256 only;
 * an app password must be usable for `t = md5(password + salt)`, so it is kept encrypted
 * (AES-256-GCM, key derived from the server secret) and never in clear.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'api_key' | 'app_password'>().notNull(),
    name: text('name').notNull(),
    /** SHA-256 hex of an API key; null for app passwords. */
    keyHash: text('key_hash'),
    /** `v1.<iv>.<tag>.<ciphertext>` (base64url) of an app password; null for API keys. */
    secretCiphertext: text('secret_ciphertext'),
    createdAt: timestamp('created_at', tz).notNull(),
    lastUsedAt: timestamp('last_used_at', tz),
  },
  (t) => [
    index('api_keys_user_idx').on(t.userId),
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    check('api_keys_kind_chk', sql`${t.kind} in ('api_key', 'app_password')`),
    check('api_keys_secret_chk', sql`(${t.kind} = 'api_key' and ${t.keyHash} is not null and ${t.secretCiphertext} is null) or (${t.kind} = 'app_password' and ${t.keyHash} is null and ${t.secretCiphertext} is not null)`),
  ],
);

export type PlaylistRow = typeof playlists.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
