import type { AccountUser, Role } from '@encore/shared/domain/user';
import type { BadgeTone } from '../../ui/Badge';

export const displayNameOf = (user: Pick<AccountUser, 'username' | 'profile'>): string => user.profile.displayName.trim() || user.username;

export const initialsOf = (name: string): string =>
  name
    .split(/[\s._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('') || '?';

export const ROLE_LABELS: Record<Role, string> = {
  listener: 'Listener',
  artist: 'Artist',
  streamer: 'Streamer',
  moderator: 'Moderator',
  admin: 'Admin',
};

export const ROLE_TONES: Record<Role, BadgeTone> = {
  listener: 'neutral',
  artist: 'accent',
  streamer: 'accent',
  moderator: 'warn',
  admin: 'danger',
};
