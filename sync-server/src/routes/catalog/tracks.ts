import { Hono } from 'hono';
import { z } from 'zod';
import { PublishTrackRequest, StreamQuery, type ProcessingStatus, type TrackListResponse, type TrackResponse } from '@encore/shared/api/catalog';
import { UserPreferences } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import { requireAuth, requireRole } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams, parseQuery } from '../../middleware/parse';
import { PROCESS_TRACK_QUEUE, publishTrack, type ProcessTrackJob } from '../../services/catalog/publish';
import { getTrack, newReleases, processingStatus } from '../../services/catalog/reads';
import { pickRendition } from '../../services/catalog/streaming';
import { streamTarget } from '../../services/catalog/streamTarget';
import { sendRendition } from './sendRendition';
import type { Services } from '../../services/services';
import { optionalAuth } from './optionalAuth';
import { trackEditRoutes } from './trackEdits';

const TrackParam = z.object({ id: z.uuid() });
const Limit = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/**
 * Tracks: publish (artists), read, processing progress (owner) and streaming with Range.
 *
 * @example
 * app.route('/api/tracks', trackRoutes(services));
 */
export function trackRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/', requireAuth(s), requireRole('artist', 'admin'), async (c) => {
      const body = await parseJson(c, PublishTrackRequest);
      const row = await publishTrack(s.db, c.get('auth').userId, body, s.clock.now(), s.catalog.options.autoApprove);
      await s.catalog.jobs.send<ProcessTrackJob>(PROCESS_TRACK_QUEUE, { trackId: row.id });
      c.get('log').info({ trackId: row.id, by: c.get('auth').userId }, 'track published, processing queued');
      return c.json({ track: await getTrack(s.db, row.id, c.get('auth').userId) } satisfies TrackResponse, 201);
    })
    .get('/new', async (c) => {
      const { limit } = parseQuery(c, Limit);
      return c.json({ tracks: await newReleases(s.db, limit) } satisfies TrackListResponse);
    })
    .get('/:id', async (c) => {
      const { id } = parseParams(c, TrackParam);
      const viewer = await optionalAuth(s, c);
      return c.json({ track: await getTrack(s.db, id, viewer?.userId) } satisfies TrackResponse);
    })
    .get('/:id/processing', requireAuth(s), async (c) => {
      const { id } = parseParams(c, TrackParam);
      return c.json((await processingStatus(s.db, id, c.get('auth').userId, s.catalog.options.processing.retryLimit + 1)) satisfies ProcessingStatus);
    })
    .get('/:id/stream', requireAuth(s), async (c) => {
      const { id } = parseParams(c, TrackParam);
      const { quality } = parseQuery(c, StreamQuery);
      // One query for the listener and the track's files; the track's status is checked live (unpublish stops streams at once).
      const target = await streamTarget(s.db, c.get('auth').userId, id);
      if (!target) throw new EncoreError('UNAUTHENTICATED', 'Sign in first');
      if (!target.trackFound) throw new EncoreError('TRACK_NOT_FOUND', 'The requested track could not be found', { trackId: id });
      // A lapsed subscription streams as free.
      const tier = target.expiry && target.expiry < s.clock.now() ? 'free' : target.tier;
      const wanted = quality ?? UserPreferences.safeParse(target.preferences).data?.audioQuality ?? 'high';
      const files = target.files;
      const file = pickRendition(tier, wanted, files);
      if (!file) throw new EncoreError('TRACK_NOT_READY', 'The track has no rendition to stream yet');
      c.header('X-Encore-Quality', file.quality);
      c.header('Cache-Control', 'private, max-age=3600');
      return sendRendition(c, s, file);
    })
    .route('/', trackEditRoutes(s));
}
