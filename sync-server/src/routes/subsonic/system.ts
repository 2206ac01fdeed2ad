import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/users';
import { SubsonicError } from '../../services/subsonic/response';
import type { SubsonicHandler } from './call';

/** The music folder: the whole catalog is one folder. */
export const MUSIC_FOLDER = { id: 1, name: 'Encore catalog' };

/** OpenSubsonic extensions this server implements (answered without auth, as the spec asks). */
export const OPEN_SUBSONIC_EXTENSIONS = [
  { name: 'apiKeyAuthentication', versions: [1] },
  { name: 'formPost', versions: [1] },
  { name: 'songLyrics', versions: [1] },
];

/** ping, getLicense, getMusicFolders, getUser. */
export const systemHandlers: Record<string, SubsonicHandler> = {
  ping: () => Promise.resolve({}),
  getLicense: () => Promise.resolve({ license: { valid: true } }),
  getMusicFolders: () => Promise.resolve({ musicFolders: { musicFolder: [MUSIC_FOLDER] } }),
  getUser: async ({ s, viewer, p }) => {
    const username = p.required('username');
    let u = viewer.user;
    if (username.toLowerCase() !== viewer.username.toLowerCase()) {
      // Only admins may read other accounts (Subsonic's adminRole).
      if (viewer.role !== 'admin') throw new SubsonicError(50, 'You may only read your own user');
      const [other] = await s.db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
      if (!other) throw new SubsonicError(70, 'User not found');
      u = other;
    }
    const admin = u.role === 'admin';
    return {
      user: {
        username: u.username,
        email: u.email,
        scrobblingEnabled: true,
        adminRole: admin,
        settingsRole: true,
        downloadRole: true,
        uploadRole: false,
        playlistRole: true,
        coverArtRole: false,
        commentRole: false,
        podcastRole: false,
        streamRole: true,
        jukeboxRole: false,
        shareRole: false,
        videoConversionRole: false,
        folder: [MUSIC_FOLDER.id],
      },
    };
  },
};
