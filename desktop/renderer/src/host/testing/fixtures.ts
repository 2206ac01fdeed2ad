import type { AccountUser } from '@encore/shared/domain/user';

/**
 * A complete signed-in user for tests and the in-memory host.
 *
 * @example
 * const ada = accountUser({ username: 'ada', email: 'ada@example.com' });
 */
export function accountUser(overrides: Partial<AccountUser> = {}): AccountUser {
  const username = overrides.username ?? 'mira';
  return {
    id: `user-${username}`,
    username,
    email: `${username}@example.com`,
    role: 'listener',
    profile: { displayName: '', bio: '', avatar: '', banner: '', country: '', language: 'en', theme: 'dark', badges: [] },
    isVerified: false,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    subscriptionTier: 'free',
    subscriptionExpiry: null,
    preferences: {
      audioQuality: 'high',
      crossfade: false,
      crossfadeDuration: 0,
      explicitContent: true,
      privateSession: false,
      notifications: { email: true, push: true, newReleases: true, social: true },
    },
    balance: 0,
    lastLoginAt: null,
    isActive: true,
    ...overrides,
  };
}
