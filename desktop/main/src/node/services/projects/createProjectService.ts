import path from 'node:path';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { EncoreDatabase } from '../../db/database';
import type { Logger } from '../../logger';
import { BlobStore } from './BlobStore';
import { ProjectService } from './ProjectService';
import { ProjectStore } from './ProjectStore';

/**
 * The project service with its SQLite store and the blob store at `<desktopDir>/blobs`.
 *
 * @example
 * const projects = registry.add('projects', createProjectService({ db, events, desktopDir, log }));
 */
export function createProjectService(o: { db: EncoreDatabase; events: HostEventBus; desktopDir: string; log: Logger }): ProjectService {
  return new ProjectService({
    store: new ProjectStore({ db: o.db, log: o.log }),
    blobs: new BlobStore({ root: path.join(o.desktopDir, 'blobs') }),
    events: o.events,
    log: o.log,
  });
}
