import { Hono } from 'hono';
import { z } from 'zod';
import { PageQuery, RateRequest, RatingsQuery, type RatingState, type SocialState } from '@encore/shared/api/social';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams, parseQuery } from '../../middleware/parse';
import { followedArtists, likedTracks, ratings, savedAlbums } from '../../services/social/library';
import { setMark, type MarkKind } from '../../services/social/marks';
import { setRating } from '../../services/social/ratings';
import type { Services } from '../../services/services';

const IdParam = z.object({ id: z.uuid() });
const MARKS: { path: string; kind: MarkKind }[] = [
  { path: '/likes/tracks/:id', kind: 'like' },
  { path: '/saves/albums/:id', kind: 'save' },
  { path: '/follows/artists/:id', kind: 'follow' },
];

/**
 * /api/me: the signed-in listener's likes, saves, follows and ratings. PUT sets and DELETE
 * clears, both idempotent (200 with the state now); the lists are paged newest first.
 *
 * @example
 * app.route('/api/me', meRoutes(services));
 * // PUT /api/me/likes/tracks/<id> → { active: true }
 */
export function meRoutes(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>().use(requireAuth(s));
  for (const { path, kind } of MARKS) {
    app.put(path, async (c) => c.json((await setMark(s.db, kind, c.get('auth').userId, parseParams(c, IdParam).id, true, s.clock.now())) satisfies SocialState));
    app.delete(path, async (c) => c.json((await setMark(s.db, kind, c.get('auth').userId, parseParams(c, IdParam).id, false, s.clock.now())) satisfies SocialState));
  }
  for (const kind of ['track', 'album'] as const) {
    const path = `/ratings/${kind}s/:id`;
    app.put(path, async (c) => {
      const { id } = parseParams(c, IdParam);
      const { rating } = await parseJson(c, RateRequest);
      return c.json((await setRating(s.db, kind, c.get('auth').userId, id, rating, s.clock.now())) satisfies RatingState);
    });
    app.delete(path, async (c) => c.json((await setRating(s.db, kind, c.get('auth').userId, parseParams(c, IdParam).id, null, s.clock.now())) satisfies RatingState));
  }
  return app
    .get('/likes', async (c) => c.json(await likedTracks(s.db, c.get('auth').userId, parseQuery(c, PageQuery))))
    .get('/saves', async (c) => c.json(await savedAlbums(s.db, c.get('auth').userId, parseQuery(c, PageQuery))))
    .get('/follows', async (c) => c.json(await followedArtists(s.db, c.get('auth').userId, parseQuery(c, PageQuery))))
    .get('/ratings', async (c) => {
      const q = parseQuery(c, RatingsQuery);
      return c.json(await ratings(s.db, c.get('auth').userId, q.kind, q));
    });
}
