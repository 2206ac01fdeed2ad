import { eq, or, sql } from 'drizzle-orm';
import type { AccountUser, Role } from '@encore/shared/domain/user';
import { UserPreferences, UserProfile } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../db/database';
import { uniqueViolation } from '../db/errors';
import { users, type UserRow } from '../db/schema/index';

/** The account as its owner (and staff) see it: everything but the password hash. */
export function toAccountUser(u: UserRow): AccountUser {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    role: u.role,
    profile: u.profile,
    isVerified: u.isVerified,
    isActive: u.isActive,
    subscriptionTier: u.subscriptionTier,
    subscriptionExpiry: u.subscriptionExpiry?.toISOString() ?? null,
    preferences: u.preferences,
    balance: u.balance,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

/** Finds by email or username (case-insensitive); usernames cannot contain '@', so no clash. */
export async function findUserByLogin(db: Database, login: string): Promise<UserRow | undefined> {
  const l = login.trim().toLowerCase();
  const [row] = await db
    .select()
    .from(users)
    .where(or(eq(users.email, l), eq(sql`lower(${users.username})`, l)))
    .limit(1);
  return row;
}

export interface NewAccount {
  email: string;
  username: string;
  passwordHash: string;
  role: Role;
  displayName: string;
  now: Date;
}

/** Inserts an account; EMAIL_TAKEN / USERNAME_TAKEN when either is in use. */
export async function insertUser(db: Database, a: NewAccount): Promise<UserRow> {
  try {
    const [row] = await db
      .insert(users)
      .values({
        email: a.email.toLowerCase(),
        username: a.username,
        passwordHash: a.passwordHash,
        role: a.role,
        profile: UserProfile.parse({ displayName: a.displayName }),
        preferences: UserPreferences.parse({}),
        statistics: { totalListeningTime: 0, tracksPlayed: 0, followersCount: 0, followingCount: 0 },
        createdAt: a.now,
        updatedAt: a.now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  } catch (e) {
    const constraint = uniqueViolation(e);
    if (constraint === 'users_email_key') throw new EncoreError('EMAIL_TAKEN', 'An account with this email already exists');
    if (constraint === 'users_username_lower_key') throw new EncoreError('USERNAME_TAKEN', 'This username is taken');
    throw e;
  }
}
