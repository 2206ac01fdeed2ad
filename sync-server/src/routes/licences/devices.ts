import { Hono } from 'hono';
import { z } from 'zod';
import { MAX_ACTIVE_DEVICES, RegisterDeviceRequest, type DeviceListResponse, type DeviceResponse } from '@encore/shared/api/licences';
import { requireAuth } from '../../middleware/auth';
import type { AppEnv } from '../../middleware/env';
import { parseJson, parseParams } from '../../middleware/parse';
import { activeDevices, registerDevice, removeDevice } from '../../services/licences/devices';
import type { Services } from '../../services/services';

const DeviceParam = z.object({ id: z.uuid() });

/**
 * The caller's devices for offline downloads: register (201 new, 200 already known), list,
 * remove (revokes the device's licences).
 *
 * @example
 * app.route('/api/devices', deviceRoutes(services));
 */
export function deviceRoutes(s: Services): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use(requireAuth(s))
    .post('/', async (c) => {
      const body = await parseJson(c, RegisterDeviceRequest);
      const { device, created } = await registerDevice(s.db, c.get('auth').userId, body, s.clock.now());
      if (created) c.get('log').info({ deviceId: device.id, userId: c.get('auth').userId }, 'device registered');
      return c.json({ device } satisfies DeviceResponse, created ? 201 : 200);
    })
    .get('/', async (c) => c.json({ devices: await activeDevices(s.db, c.get('auth').userId), limit: MAX_ACTIVE_DEVICES } satisfies DeviceListResponse))
    .delete('/:id', async (c) => {
      const { id } = parseParams(c, DeviceParam);
      await removeDevice(s.db, c.get('auth').userId, id, s.clock.now());
      c.get('log').info({ deviceId: id, userId: c.get('auth').userId }, 'device removed, its licences revoked');
      return c.body(null, 204);
    });
}
