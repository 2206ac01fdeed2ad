import fs from 'node:fs';
import path from 'node:path';
import { HostEventBus } from '../../common/hostEventBus';
import type { HostConfig } from '../config';
import { openDatabase, type EncoreDatabase } from '../db/database';
import type { Logger } from '../logger';
import { AccountService } from './account/AccountService';
import { ConnectivityService } from './connectivity/ConnectivityService';
import { DownloadsService } from './downloads/DownloadsService';
import { LibraryService } from './library/LibraryService';
import { AnalysisService } from './library/analysis/AnalysisService';
import { createProjectService } from './projects/createProjectService';
import type { ProjectService } from './projects/ProjectService';
import { ServiceRegistry } from './registry';
import { SettingsService } from './settings/SettingsService';
import { AssetSync } from './sync/assetSync';
import { CollabDocsService } from './collabDocs/CollabDocsService';
import { SyncService } from './sync/SyncService';

/** Every service of the host, typed; one instance per process. */
export interface HostServices {
  config: HostConfig;
  log: Logger;
  db: EncoreDatabase;
  events: HostEventBus;
  settings: SettingsService;
  connectivity: ConnectivityService;
  account: AccountService;
  projects: ProjectService;
  library: LibraryService;
  analysis: AnalysisService;
  sync: SyncService;
  downloads: DownloadsService;
  /** Collaborative playlists and the user's library state, synced. */
  collabDocs: CollabDocsService;
  /** Disposes everything in reverse creation order. */
  dispose(): Promise<void>;
}

/**
 * Creates the host's services in dependency order. If one fails to start, those already
 * created are disposed before the error propagates, so a failed start leaks no handle.
 *
 * @example
 * const services = createHostServices(loadConfig(), createLogger('info'));
 * services.connectivity.start();
 * await services.dispose();
 */
export function createHostServices(config: HostConfig, log: Logger): HostServices {
  const registry = new ServiceRegistry(log);
  try {
    fs.mkdirSync(config.desktopDir, { recursive: true });
    const db = registry.add('db', openDatabase({ path: config.dbPath, onMigrationApplied: (m) => log.info({ version: m.version, migration: m.name }, 'migration applied') }));
    const events = registry.add('events', new HostEventBus());
    const settings = registry.add('settings', new SettingsService({ db, log: log.child({ service: 'settings' }), defaults: { syncServerUrl: config.syncServerUrl, mediaServerUrl: config.mediaServerUrl, theme: 'system' } }));
    const syncServerUrl = () => settings.get().syncServerUrl.replace(/\/+$/, '');
    const connectivity = registry.add('connectivity', new ConnectivityService({ syncServerUrl, events, log: log.child({ service: 'connectivity' }) }));
    const account = registry.add('account', new AccountService({ db, events, connectivity, syncServerUrl, log: log.child({ service: 'account' }) }));
    const projects = registry.add('projects', createProjectService({ db, events, desktopDir: config.desktopDir, log: log.child({ service: 'projects' }) }));
    const library = registry.add('library', new LibraryService({ db, events, artworkDir: path.join(config.desktopDir, 'artwork'), watch: true, log: log.child({ service: 'library' }) }));
    const analysis = registry.add('analysis', new AnalysisService({ library, events, autoStart: true, log: log.child({ service: 'analysis' }) }));
    const accessToken = async () => (await account.accessToken()).accessToken;
    const assets = new AssetSync({ blobs: projects.blobs, syncServerUrl, accessToken, emit: (t) => events.emit('collab.assets', t), log: log.child({ service: 'assets' }) });
    const sync = registry.add('sync', new SyncService({ db, events, projects, accessToken, syncServerUrl, assets, log: log.child({ service: 'sync' }) }));
    const downloads = registry.add('downloads', new DownloadsService({ db, events, desktopDir: config.desktopDir, syncServerUrl, session: () => account.session(), library, log: log.child({ service: 'downloads' }) }));
    const collabDocs = registry.add('collabDocs', new CollabDocsService({ db, events, session: () => account.session(), accessToken, syncServerUrl, log: log.child({ service: 'collabDocs' }) }));
    void collabDocs.refresh();
    return { config, log, db, events, settings, connectivity, account, projects, library, analysis, sync, downloads, collabDocs, dispose: () => registry.dispose() };
  } catch (e) {
    void registry.dispose().catch((err: unknown) => log.error({ err }, 'cleanup after a failed start failed'));
    throw e;
  }
}
