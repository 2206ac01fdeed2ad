import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role, SubscriptionTier, UserPreferences, UserProfile } from '@encore/shared/domain/user';

export interface UserStatisticsColumn {
  totalListeningTime: number;
  tracksPlayed: number;
  followersCount: number;
  followingCount: number;
}

const tz = { withTimezone: true, mode: 'date' } as const;

/** Accounts (seed-design.md "User Schema"). Money is integer minor units, never a float. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<Role>().notNull().default('listener'),
    subscriptionTier: text('subscription_tier').$type<SubscriptionTier>().notNull().default('free'),
    subscriptionExpiry: timestamp('subscription_expiry', tz),
    profile: jsonb('profile').$type<UserProfile>().notNull(),
    preferences: jsonb('preferences').$type<UserPreferences>().notNull(),
    statistics: jsonb('statistics').$type<UserStatisticsColumn>().notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    isVerified: boolean('is_verified').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    /** Bumped on every password change; lets future stateless checks detect stale tokens. */
    passwordVersion: integer('password_version').notNull().default(1),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', tz),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    // Usernames are unique regardless of case: "Alice" and "alice" are one name.
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    index('users_created_at_idx').on(t.createdAt),
    check('users_email_lower_chk', sql`${t.email} = lower(${t.email})`),
    check('users_role_chk', sql`${t.role} in ('listener', 'artist', 'streamer', 'moderator', 'admin')`),
    check(
      'users_subscription_tier_chk',
      sql`${t.subscriptionTier} in ('free', 'premium', 'family', 'hifi', 'premium_streamer')`,
    ),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
