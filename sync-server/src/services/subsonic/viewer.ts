import { UserPreferences, type AudioQuality, type SubscriptionTier } from '@encore/shared/domain/user';
import type { UserRow } from '../../db/schema/users';

/** The signed-in Subsonic caller as the catalog needs them: who, their tier now, their quality setting. */
export interface Viewer {
  id: string;
  username: string;
  role: UserRow['role'];
  /** The tier in force: a lapsed subscription streams as free (as `/api/tracks/:id/stream`). */
  tier: SubscriptionTier;
  /** The audio-quality setting, used when a player asks for no bit rate. */
  wanted: AudioQuality;
  user: UserRow;
}

export function viewerOf(user: UserRow, now: Date): Viewer {
  const tier = user.subscriptionExpiry && user.subscriptionExpiry < now ? 'free' : user.subscriptionTier;
  const wanted = UserPreferences.safeParse(user.preferences).data?.audioQuality ?? 'high';
  return { id: user.id, username: user.username, role: user.role, tier, wanted, user };
}
