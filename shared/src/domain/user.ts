import { z } from 'zod';

export const Role = z.enum(['listener', 'artist', 'streamer', 'moderator', 'admin']);
export type Role = z.infer<typeof Role>;

export const SubscriptionTier = z.enum(['free', 'premium', 'family', 'hifi', 'premium_streamer']);
export type SubscriptionTier = z.infer<typeof SubscriptionTier>;

export const AudioQuality = z.enum(['low', 'normal', 'high', 'lossless']);
export type AudioQuality = z.infer<typeof AudioQuality>;

/** 3-32 characters: letters, digits, dot, dash, underscore; starts with a letter or digit. */
export const Username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only');

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * Password rules (NIST 800-63B style): length matters, composition rules do not.
 * 72 bytes is bcrypt's limit; longer input would be silently truncated, so it is refused.
 */
export const Password = z
  .string()
  .min(10, 'at least 10 characters')
  .refine((p) => utf8Length(p) <= 72, 'at most 72 bytes');

/** UTF-8 byte length without TextEncoder (shared/ has neither DOM nor Node types). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export const UserProfile = z.object({
  displayName: z.string().max(80),
  bio: z.string().max(2000).default(''),
  avatar: z.string().max(2048).default(''),
  banner: z.string().max(2048).default(''),
  country: z.string().max(2).default(''),
  language: z.string().max(16).default('en'),
  theme: z.string().max(32).default('dark'),
  badges: z.array(z.string().max(64)).max(64).default([]),
});
export type UserProfile = z.infer<typeof UserProfile>;

export const NotificationPreferences = z.object({
  email: z.boolean().default(true),
  push: z.boolean().default(true),
  newReleases: z.boolean().default(true),
  social: z.boolean().default(true),
});

export const UserPreferences = z.object({
  audioQuality: AudioQuality.default('high'),
  crossfade: z.boolean().default(false),
  crossfadeDuration: z.number().min(0).max(12).default(0),
  explicitContent: z.boolean().default(true),
  privateSession: z.boolean().default(false),
  notifications: NotificationPreferences.default({ email: true, push: true, newReleases: true, social: true }),
});
export type UserPreferences = z.infer<typeof UserPreferences>;

export const UserStatistics = z.object({
  totalListeningTime: z.number().int().nonnegative(),
  tracksPlayed: z.number().int().nonnegative(),
  followersCount: z.number().int().nonnegative(),
  followingCount: z.number().int().nonnegative(),
});

/** A user as any API returns it: never a password hash. */
export const PublicUser = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
  profile: UserProfile,
  isVerified: z.boolean(),
  createdAt: z.string(),
});
export type PublicUser = z.infer<typeof PublicUser>;

/** The signed-in user's own view of their account. */
export const AccountUser = PublicUser.extend({
  email: z.string(),
  subscriptionTier: SubscriptionTier,
  subscriptionExpiry: z.string().nullable(),
  preferences: UserPreferences,
  balance: z.number().int(),
  lastLoginAt: z.string().nullable(),
  isActive: z.boolean(),
  updatedAt: z.string(),
});
export type AccountUser = z.infer<typeof AccountUser>;
