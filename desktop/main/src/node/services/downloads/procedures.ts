import type { downloadsContract } from '@encore/shared/host/downloads';
import type { HostProcedures } from '../../host/router';
import type { DownloadsService } from './DownloadsService';
import { clientId } from './devices';

export type DownloadsProcedures = Pick<HostProcedures, keyof typeof downloadsContract>;

/**
 * Binds the `downloads.*` procedures to the service.
 *
 * @example
 * return { ...otherProcedures, ...createDownloadsProcedures(services.downloads) };
 */
export function createDownloadsProcedures(s: DownloadsService): DownloadsProcedures {
  return {
    'downloads.list': () => s.manager.list(),
    'downloads.add': (req) => s.manager.add(req),
    'downloads.pause': ({ ids }) => s.manager.pause(ids),
    'downloads.resume': ({ ids }) => s.manager.resume(ids),
    'downloads.retry': ({ ids }) => s.manager.retry(ids),
    'downloads.remove': async ({ ids }) => ({ removed: await s.manager.remove(ids) }),
    'downloads.setLimit': ({ limitBytes }) => s.manager.setLimit(limitBytes),
    'downloads.checkLicences': () => s.checkLicences(),
    'downloads.recordPlay': ({ id, ms }) => s.recordPlay(id, ms),
    'downloads.thisDevice': () => ({ clientId: clientId(s.ctx) }),
  };
}
