import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tracks } from './catalog';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

/**
 * Cover art of tracks and albums. The id is the SHA-256 of the original image, which is also
 * its blob key: the same picture uploaded twice is one row. Thumbnails are blobs too.
 */
export const covers = pgTable(
  'covers',
  {
    id: text('id').primaryKey(),
    /** Who first uploaded it (content addressing makes later uploads of the same bytes no-ops). */
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** Blob keys of the square JPEG thumbnails. */
    thumb300: text('thumb_300').notNull(),
    thumb600: text('thumb_600').notNull(),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [check('covers_id_chk', sql`${t.id} ~ '^[0-9a-f]{64}$'`)],
);

/** Every moderation decision, kept as an audit trail (the track row holds the current state). */
export const moderationDecisions = pgTable(
  'moderation_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    decision: text('decision').notNull(),
    reason: text('reason'),
    /** Null for the automatic approval. */
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', tz).notNull(),
  },
  (t) => [index('moderation_decisions_track_idx').on(t.trackId, t.createdAt), check('moderation_decisions_decision_chk', sql`${t.decision} in ('approved', 'rejected')`)],
);

export type CoverRow = typeof covers.$inferSelect;
