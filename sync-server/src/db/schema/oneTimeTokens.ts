import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

const tz = { withTimezone: true, mode: 'date' } as const;

/** Columns shared by single-use mailed tokens: only the SHA-256 is stored, never the token. */
function oneTimeTokenTable<N extends string>(name: N) {
  return pgTable(
    name,
    {
      id: uuid('id').primaryKey().defaultRandom(),
      userId: uuid('user_id')
        .notNull()
        .references(() => users.id, { onDelete: 'cascade' }),
      tokenHash: text('token_hash').notNull().unique(),
      createdAt: timestamp('created_at', tz).notNull(),
      expiresAt: timestamp('expires_at', tz).notNull(),
      usedAt: timestamp('used_at', tz),
    },
    (t) => [index(`${name}_user_idx`).on(t.userId)],
  );
}

export const emailVerificationTokens = oneTimeTokenTable('email_verification_tokens');
export const passwordResetTokens = oneTimeTokenTable('password_reset_tokens');

export type OneTimeTokenTable = typeof emailVerificationTokens | typeof passwordResetTokens;
