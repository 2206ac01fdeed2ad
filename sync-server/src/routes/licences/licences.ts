import { Hono } from 'hono';
import { z } from 'zod';
import { GrantLicenceRequest, RenewLicencesRequest, type GrantLicenceResponse, type RenewLicencesResponse } from '@encore/shared/api/licences';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams, parseQuery } from '../../middleware/parse';
import { grantLicence, licensedRendition, listLicences, releaseLicence, renewLicences } from '../../services/licences/licences';
import { publishedRendition } from '../../services/licences/entitlement';
import type { Services } from '../../services/services';
import { sendRendition } from '../catalog/sendRendition';

const LicenceParam = z.object({ id: z.uuid() });
const DeviceQuery = z.object({ deviceId: z.uuid() });

/**
 * Offline licences: grant (201, with the key secret shown once), list a device's, renew in a
 * batch (the 30-day online check), release, and the licensed file itself with Range so a
 * paused download resumes where it stopped.
 *
 * @example
 * app.route('/api/licences', licenceRoutes(services));
 */
export function licenceRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireAuth(s))
    .post('/', async (c) => {
      const body = await parseJson(c, GrantLicenceRequest);
      return c.json((await grantLicence(s.db, c.get('auth').userId, body, s.clock.now())) satisfies GrantLicenceResponse, 201);
    })
    .get('/', async (c) => {
      const { deviceId } = parseQuery(c, DeviceQuery);
      const rows = await listLicences(s.db, c.get('auth').userId, deviceId);
      const licences = [];
      for (const l of rows) {
        const r = await publishedRendition(s.db, l.trackId, l.quality);
        licences.push({ id: l.id, deviceId: l.deviceId, trackId: l.trackId, quality: l.quality, codec: r?.codec ?? 'unknown', sizeBytes: r?.sizeBytes ?? 0, issuedAt: l.issuedAt.toISOString(), offlineUntil: l.offlineUntil.toISOString() });
      }
      return c.json({ licences });
    })
    .post('/renew', async (c) => {
      const body = await parseJson(c, RenewLicencesRequest);
      const results = await renewLicences(s.db, c.get('auth').userId, body, s.clock.now());
      const revoked = results.filter((r) => r.status === 'revoked').length;
      if (revoked > 0) c.get('log').info({ userId: c.get('auth').userId, deviceId: body.deviceId, revoked }, 'offline licences revoked on renewal');
      return c.json({ results } satisfies RenewLicencesResponse);
    })
    .delete('/:id', async (c) => {
      const { id } = parseParams(c, LicenceParam);
      await releaseLicence(s.db, c.get('auth').userId, id, s.clock.now());
      return c.body(null, 204);
    })
    .get('/:id/file', async (c) => {
      const { id } = parseParams(c, LicenceParam);
      const file = await licensedRendition(s.db, c.get('auth').userId, id, s.clock.now());
      c.header('Cache-Control', 'private, no-store');
      // Lets a resumed download check that the bytes it already has belong to the same file.
      c.header('ETag', `"${file.blobKey}"`);
      return sendRendition(c, s, file);
    });
}
