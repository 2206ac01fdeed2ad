import { HOST_PROTOCOL_VERSION } from '@encore/shared/host/contract';
import { APP_VERSION } from '../appVersion';
import type { HostServices } from '../services/hostServices';
import { createProjectProcedures } from '../services/projects/projectProcedures';
import { createLibraryProcedures } from '../services/library/procedures';
import { createAnalysisProcedures } from '../services/library/analysis/procedures';
import { createPlayerProcedures } from '../services/player/playerQueueStore';
import { createCollabProcedures } from '../services/sync/procedures';
import { createCollabDocsProcedures } from '../services/collabDocs/procedures';
import { createDownloadsProcedures } from '../services/downloads/procedures';
import type { HostProcedures } from './router';

/** The transport the renderer reached us through; reported by 'app.info'. */
export type HostTransportKind = 'electron' | 'browser';

/**
 * Binds every procedure of the host contract to the services. Kept free of validation and
 * error mapping: the router does both, the same way for every procedure.
 *
 * @example
 * const router = createRouter(createProcedures(services, 'browser'), log);
 */
export function createProcedures(s: Pick<HostServices, 'config' | 'settings' | 'connectivity' | 'account' | 'projects' | 'library' | 'analysis' | 'sync' | 'downloads' | 'collabDocs'>, transport: HostTransportKind): HostProcedures {
  return {
    'app.info': () => {
      const settings = s.settings.get();
      return {
        name: 'Encore',
        version: APP_VERSION,
        protocolVersion: HOST_PROTOCOL_VERSION,
        transport,
        dataDir: s.config.dataDir,
        syncServerUrl: settings.syncServerUrl,
        mediaServerUrl: settings.mediaServerUrl,
      };
    },
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.settings.update(patch),
    'connectivity.check': () => s.connectivity.check(),
    'account.session': () => s.account.session(),
    'account.signUp': (req) => s.account.signUp(req),
    'account.signIn': (req) => s.account.signIn(req),
    'account.signOut': () => s.account.signOut(),
    'account.accessToken': () => s.account.accessToken(),
    ...createProjectProcedures(s.projects, s.config.desktopDir),
    ...createLibraryProcedures(s.library),
    ...createAnalysisProcedures(s.analysis),
    ...createPlayerProcedures(s.config.desktopDir),
    ...createCollabProcedures(s.sync),
    ...createCollabDocsProcedures(s.collabDocs),
    ...createDownloadsProcedures(s.downloads),
  };
}
