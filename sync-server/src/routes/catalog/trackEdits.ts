import { Hono } from 'hono';
import { z } from 'zod';
import type { TrackResponse } from '@encore/shared/api/catalog';
import { UpdateTrackRequest } from '@encore/shared/api/catalogReleases';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import { PROCESS_TRACK_QUEUE, type ProcessTrackJob } from '../../services/catalog/publish';
import { getTrack } from '../../services/catalog/reads';
import { republishTrack, unpublishTrack, updateTrack } from '../../services/catalog/releases';
import type { Services } from '../../services/services';

const TrackParam = z.object({ id: z.uuid() });

/**
 * The artist's changes to a release (owner artist or admin): metadata PATCH, unpublish, and
 * publish again (which also retries a dead-lettered track).
 *
 * @example
 * trackRoutes.route('/', trackEditRoutes(services));
 */
export function trackEditRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .patch('/:id', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const { id } = parseParams(c, TrackParam);
      const body = await parseJson(c, UpdateTrackRequest);
      await updateTrack(s.db, c.get('auth'), id, body, s.clock.now(), s.catalog.options.autoApprove);
      c.get('log').info({ trackId: id, by: c.get('auth').userId, fields: Object.keys(body) }, 'track edited');
      return c.json({ track: await getTrack(s.db, id, c.get('auth').userId, true) } satisfies TrackResponse);
    })
    .post('/:id/unpublish', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const { id } = parseParams(c, TrackParam);
      await unpublishTrack(s.db, c.get('auth'), id, s.clock.now());
      c.get('log').info({ trackId: id, by: c.get('auth').userId }, 'track unpublished');
      return c.json({ track: await getTrack(s.db, id, c.get('auth').userId, true) } satisfies TrackResponse);
    })
    .post('/:id/publish', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const { id } = parseParams(c, TrackParam);
      const { requeue } = await republishTrack(s.db, c.get('auth'), id, s.clock.now());
      if (requeue) await s.catalog.jobs.send<ProcessTrackJob>(PROCESS_TRACK_QUEUE, { trackId: id });
      c.get('log').info({ trackId: id, by: c.get('auth').userId, requeue }, 'track published again');
      return c.json({ track: await getTrack(s.db, id, c.get('auth').userId, true) } satisfies TrackResponse);
    });
}
