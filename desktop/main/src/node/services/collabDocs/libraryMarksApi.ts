import { z } from 'zod';
import { SocialState } from '@encore/shared/api/social';
import { StudioApi } from '../sync/studioApi';

/** A like of a track or a save of an album: the two marks the library-state document mirrors. */
export type LibraryMarkKind = 'like' | 'save';

const PATH: Record<LibraryMarkKind, { list: string; item: string }> = {
  like: { list: '/api/me/likes', item: '/api/me/likes/tracks/' },
  save: { list: '/api/me/saves', item: '/api/me/saves/albums/' },
};
const PAGE = 100;
/** Enough for any real listener; a list longer than this is read in part (and logged by the caller). */
const MAX_PAGES = 200;

// Only what the merge needs of each item (the rest of the track or album is stripped).
const LikesPage = z.object({ items: z.array(z.object({ track: z.object({ id: z.uuid() }), likedAt: z.iso.datetime() })), nextOffset: z.int().nullable() });
const SavesPage = z.object({ items: z.array(z.object({ album: z.object({ id: z.uuid() }), savedAt: z.iso.datetime() })), nextOffset: z.int().nullable() });

/**
 * REST client for the signed-in user's likes and saves on the server (`/api/me/likes`,
 * `/api/me/saves`, PUT/DELETE of one mark: idempotent, so a retry after a lost answer is safe).
 *
 * @example
 * const liked = await new LibraryMarksApi().list(base, token, 'like'); // Map trackId → likedAt
 * await api.set(base, token, 'like', trackId, true);
 */
export class LibraryMarksApi extends StudioApi {
  /** Every mark of `kind` on the server, id → when (ISO). */
  async list(base: string, token: string, kind: LibraryMarkKind): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let offset: number | null = 0;
    for (let page = 0; offset !== null && page < MAX_PAGES; page++) {
      const q: string = `${PATH[kind].list}?limit=${PAGE}&offset=${offset}`;
      if (kind === 'like') {
        const r: z.output<typeof LikesPage> = await this.request(base, token, 'GET', q, LikesPage);
        for (const i of r.items) out.set(i.track.id, i.likedAt);
        offset = r.nextOffset;
      } else {
        const r: z.output<typeof SavesPage> = await this.request(base, token, 'GET', q, SavesPage);
        for (const i of r.items) out.set(i.album.id, i.savedAt);
        offset = r.nextOffset;
      }
    }
    return out;
  }

  async set(base: string, token: string, kind: LibraryMarkKind, id: string, active: boolean): Promise<boolean> {
    return (await this.request(base, token, active ? 'PUT' : 'DELETE', `${PATH[kind].item}${encodeURIComponent(id)}`, SocialState)).active;
  }
}
