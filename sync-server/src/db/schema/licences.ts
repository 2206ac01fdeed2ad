import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { RevocationReason } from '@encore/shared/api/licences';
import type { AudioQuality } from '@encore/shared/domain/user';
import { tracks } from './catalog';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

/** Devices that may hold offline licences; a removed device keeps its row with `removed_at`. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    platform: text('platform').notNull(),
    createdAt: timestamp('created_at', tz).notNull(),
    lastSeenAt: timestamp('last_seen_at', tz).notNull(),
    removedAt: timestamp('removed_at', tz),
  },
  (t) => [
    // One active row per install; a removed install may register again as a new device.
    uniqueIndex('devices_active_client_key').on(t.userId, t.clientId).where(sql`${t.removedAt} is null`),
    index('devices_user_idx').on(t.userId),
  ],
);

/** Offline licences per (user, device, track, quality). The key secret is never stored. */
export const offlineLicences = pgTable(
  'offline_licences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    quality: text('quality').$type<AudioQuality>().notNull(),
    issuedAt: timestamp('issued_at', tz).notNull(),
    checkedAt: timestamp('checked_at', tz).notNull(),
    offlineUntil: timestamp('offline_until', tz).notNull(),
    revokedAt: timestamp('revoked_at', tz),
    revokedReason: text('revoked_reason').$type<RevocationReason>(),
  },
  (t) => [
    index('offline_licences_device_idx').on(t.deviceId),
    index('offline_licences_user_track_idx').on(t.userId, t.trackId),
    check('offline_licences_quality_chk', sql`${t.quality} in ('low', 'normal', 'high', 'lossless')`),
    check('offline_licences_reason_chk', sql`${t.revokedReason} is null or ${t.revokedReason} in ('device_removed', 'entitlement_ended', 'track_unavailable', 'released')`),
  ],
);

export type DeviceRow = typeof devices.$inferSelect;
export type OfflineLicenceRow = typeof offlineLicences.$inferSelect;
