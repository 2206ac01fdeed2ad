import { DeviceListResponse } from '@encore/shared/api/licences';
import type { CatalogApi } from '../../model/catalog/catalogApi';

/**
 * This account's devices for offline downloads, straight from the sync-server with the host's
 * access token (`GET /api/devices`, `DELETE /api/devices/:id`; the server only lists and
 * removes the caller's own).
 *
 * @example
 * const { devices, limit } = await devicesApi(api).list();
 */
export function devicesApi(api: CatalogApi) {
  return {
    list: () => api.json(DeviceListResponse, '/api/devices', undefined, 'required'),
    /** Removes the device; the server revokes its licences, so its downloads stop at its next online check. */
    remove: async (id: string) => void (await api.raw(`/api/devices/${encodeURIComponent(id)}`, { method: 'DELETE' }, 'required')),
  };
}
