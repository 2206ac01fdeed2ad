import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AudioProbe, ModerationState, TrackStatus } from '@encore/shared/api/catalog';
import type { AlbumType } from '@encore/shared/domain/album';
import type { Lyrics } from '@encore/shared/domain/track';
import type { AudioQuality } from '@encore/shared/domain/user';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

/**
 * Search indexes write new entries straight into the tree: with GIN's pending list (the
 * default) every search also scanned up to 4 MB of unmerged rows until autovacuum ran,
 * ~30 ms per query after a bulk of releases. Catalog writes are rare; searches are not.
 */
const ginNoPendingList = { fastupdate: false } as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The public face of an artist user: one per user, made on their first release. */
export const artists = pgTable(
  'artists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    bio: text('bio').notNull().default(''),
    createdAt: timestamp('created_at', tz).notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
  },
  (t) => [uniqueIndex('artists_user_key').on(t.userId), index('artists_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')).with(ginNoPendingList)],
);

/** Singles, EPs and albums; the running order is `tracks.track_number`. */
export const albums = pgTable(
  'albums',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    artistId: uuid('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    albumType: text('album_type').$type<AlbumType>().notNull(),
    genres: text('genres').array().notNull().default(sql`'{}'::text[]`),
    /** A row of `covers` (the SHA-256 of the original image); null: players draw a placeholder. */
    coverId: text('cover_id'),
    createdAt: timestamp('created_at', tz).notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
  },
  (t) => [index('albums_artist_idx').on(t.artistId), check('albums_type_chk', sql`${t.albumType} in ('single', 'ep', 'album', 'compilation')`)],
);

/** Resumable uploads of masters: chunks land in `upload_chunks`, bytes in the data folder. */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    contentType: text('content_type').notNull(),
    /** The client's file name, as metadata only: never part of a path. */
    filename: text('filename').notNull(),
    chunkSize: integer('chunk_size').notNull(),
    chunkCount: integer('chunk_count').notNull(),
    state: text('state').notNull().default('open'),
    probe: jsonb('probe').$type<AudioProbe>(),
    createdAt: timestamp('created_at', tz).notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
  },
  (t) => [index('uploads_owner_idx').on(t.ownerId), check('uploads_state_chk', sql`${t.state} in ('open', 'complete', 'failed', 'consumed')`)],
);

/** One row per stored chunk; re-sending a chunk is a no-op on conflict. */
export const uploadChunks = pgTable(
  'upload_chunks',
  {
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    index: integer('index').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.index] })],
);

export const tracks = pgTable(
  'tracks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    artistId: uuid('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    albumId: uuid('album_id').references(() => albums.id, { onDelete: 'set null' }),
    trackNumber: integer('track_number'),
    title: text('title').notNull(),
    genres: text('genres').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    explicit: boolean('explicit').notNull().default(false),
    isrc: text('isrc'),
    lyrics: jsonb('lyrics').$type<Lyrics>(),
    durationMs: integer('duration_ms').notNull(),
    /** Integer minor units of `currency`. */
    price: bigint('price', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('USD'),
    allowPurchase: boolean('allow_purchase').notNull().default(false),
    allowReelUsage: boolean('allow_reel_usage').notNull().default(true),
    status: text('status').$type<TrackStatus>().notNull(),
    /** New releases enter as `pending` unless CATALOG_AUTO_APPROVE (default) approves them. */
    moderation: text('moderation').$type<ModerationState>().notNull().default('approved'),
    /** Why a moderator rejected the track (shown to its artist). */
    moderationReason: text('moderation_reason'),
    /** Tempo from the processing job; null when the audio has no clear beat. */
    bpm: real('bpm'),
    /** e.g. "A minor"; null when the audio has no clear tonality. */
    musicalKey: text('musical_key'),
    /** A row of `covers`; null falls back to the album's cover. */
    coverId: text('cover_id'),
    /** The verified master: SHA-256 and blob key at once. */
    sourceSha256: text('source_sha256').notNull(),
    waveform: jsonb('waveform').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
    loudnessLufs: real('loudness_lufs'),
    truePeakDbtp: real('true_peak_dbtp'),
    processingStage: text('processing_stage').notNull().default('queued'),
    processingProgress: integer('processing_progress').notNull().default(0),
    processingAttempts: integer('processing_attempts').notNull().default(0),
    processingError: text('processing_error'),
    playCount: bigint('play_count', { mode: 'number' }).notNull().default(0),
    releasedAt: timestamp('released_at', tz),
    createdAt: timestamp('created_at', tz).notNull(),
    updatedAt: timestamp('updated_at', tz).notNull(),
    search: tsvector('search')
      .notNull()
      // Title words only: array_to_string is not immutable, so tags cannot feed a generated column.
      .generatedAlwaysAs(sql`to_tsvector('simple', title)`),
  },
  (t) => [
    index('tracks_artist_idx').on(t.artistId),
    uniqueIndex('tracks_album_order_key').on(t.albumId, t.trackNumber),
    index('tracks_released_idx').on(t.status, t.releasedAt),
    index('tracks_search_idx').using('gin', t.search).with(ginNoPendingList),
    index('tracks_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')).with(ginNoPendingList),
    check('tracks_status_chk', sql`${t.status} in ('draft', 'processing', 'ready', 'failed', 'unpublished')`),
    check('tracks_moderation_chk', sql`${t.moderation} in ('pending', 'approved', 'rejected')`),
    check('tracks_price_chk', sql`${t.price} >= 0`),
  ],
);

/** One encoded file of a track per quality; `blob_key` is the SHA-256 of its bytes. */
export const renditions = pgTable(
  'renditions',
  {
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    quality: text('quality').$type<AudioQuality>().notNull(),
    codec: text('codec').notNull(),
    bitrateKbps: integer('bitrate_kbps'),
    blobKey: text('blob_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.quality] }), check('renditions_quality_chk', sql`${t.quality} in ('low', 'normal', 'high', 'lossless')`)],
);

/** Plays as clients report them; the client's event id makes a replay a no-op. */
export const playEvents = pgTable(
  'play_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientEventId: text('client_event_id').notNull(),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    playedMs: integer('played_ms').notNull(),
    counted: boolean('counted').notNull(),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [uniqueIndex('play_events_client_event_key').on(t.userId, t.clientEventId), index('play_events_track_idx').on(t.trackId, t.createdAt)],
);

export const trackLikes = pgTable(
  'track_likes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.trackId] }), index('track_likes_track_idx').on(t.trackId)],
);

export const albumSaves = pgTable(
  'album_saves',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    albumId: uuid('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.albumId] }), index('album_saves_album_idx').on(t.albumId)],
);

export const artistFollows = pgTable(
  'artist_follows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    artistId: uuid('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.artistId] }), index('artist_follows_artist_idx').on(t.artistId)],
);

export type TrackRow = typeof tracks.$inferSelect;
export type UploadRow = typeof uploads.$inferSelect;
export type RenditionRow = typeof renditions.$inferSelect;
export type ArtistRow = typeof artists.$inferSelect;
export type AlbumRow = typeof albums.$inferSelect;
