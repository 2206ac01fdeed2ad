/**
 * Entry of the desktop host: `tsx desktop/main/src/main.ts`, the root `npm start` (through
 * {@link runHost}), or Electron's main process. Creates the services, then opens an Electron
 * window when running inside Electron and browser mode otherwise.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig, type HostConfig } from './node/config';
import { createProcedures, type HostTransportKind } from './node/host/procedures';
import { createRouter } from './node/host/router';
import { createLogger, type Logger } from './node/logger';
import { createHostServices, type HostServices } from './node/services/hostServices';
import { startBrowserMode } from './browser-mode/server';
import { libraryMediaResolver } from './browser-mode/mediaRoute';

export interface RunHostOptions {
  /** Environment to read the configuration from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Overrides applied after the environment (e.g. `{ port: 0 }` in tests). */
  config?: Partial<HostConfig>;
  logger?: Logger;
  /** Where the "open this URL" line goes; defaults to stdout. */
  print?: (line: string) => void;
  /** 'auto' (default): Electron when running inside it, browser mode otherwise. */
  transport?: 'auto' | HostTransportKind;
}

export interface HostHandle {
  transport: HostTransportKind;
  /** Browser mode: the link with the launch token. Electron: null (the window opens itself). */
  url: string | null;
  config: HostConfig;
  services: HostServices;
  /** Stops the transport, then disposes every service in reverse order. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the host and returns a handle; does not touch process signals (see {@link startHost}).
 *
 * @example
 * const host = await runHost({ env: { ...process.env, ENCORE_HOST_PORT: '0' } });
 * console.log(host.url);
 * await host.close();
 */
export async function runHost(o: RunHostOptions = {}): Promise<HostHandle> {
  const transport: HostTransportKind = o.transport === 'electron' || (o.transport !== 'browser' && process.versions.electron) ? 'electron' : 'browser';
  // Electron needs its custom scheme registered before the app is ready: import it first.
  const electronShell = transport === 'electron' ? await import('./electron-main/main') : null;
  const config: HostConfig = { ...loadConfig(o.env ?? process.env), ...o.config };
  const log = o.logger ?? createLogger(config.logLevel);
  const print = o.print ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const services = createHostServices(config, log);
  try {
    services.connectivity.start();
    const router = createRouter(createProcedures(services, transport), log.child({ area: 'router' }));
    const serverUrls = () => [services.settings.get().syncServerUrl, services.settings.get().mediaServerUrl];
    const catalog = { syncServerUrl: () => services.settings.get().syncServerUrl, accessToken: async () => (await services.account.accessToken()).accessToken };
    let stopTransport: () => Promise<void>;
    let url: string | null = null;
    const handle: HostHandle = { transport, url, config, services, close: once(async () => {
      await stopTransport();
      await services.dispose();
    }) };
    if (electronShell) {
      const shell = await electronShell.startElectronShell({ router, events: services.events, rendererDist: config.rendererDist, serverUrls, log, onQuit: () => handle.close(), media: libraryMediaResolver(services.library), artwork: services.library.thumbnails, downloads: (id) => services.downloads.open(id), catalog });
      stopTransport = () => shell.close();
      services.library.nativeFolderPicker = () => shell.pickFolder();
    } else {
      const bm = await startBrowserMode({ router, events: services.events, rendererDist: config.rendererDist, host: config.host, port: config.port, token: config.hostToken, serverUrls, log: log.child({ area: 'browser-mode' }), media: libraryMediaResolver(services.library), blobRoot: services.projects.blobs.root, artwork: services.library.thumbnails, downloads: (id) => services.downloads.open(id), catalog });
      stopTransport = () => bm.close();
      url = bm.url;
      print(`Encore is running in browser mode. Open ${bm.url}`);
    }
    handle.url = url;
    log.info({ transport, dataDir: config.dataDir }, 'host started');
    return handle;
  } catch (e) {
    await services.dispose().catch((err: unknown) => log.error({ err }, 'cleanup after a failed start failed'));
    throw e;
  }
}

/**
 * {@link runHost} plus process wiring: SIGINT/SIGTERM close everything cleanly (a second
 * signal forces the exit).
 *
 * @example
 * await startHost(); // prints "Encore is running in browser mode. Open http://127.0.0.1:8790/?token=…"
 */
export async function startHost(o: RunHostOptions = {}): Promise<HostHandle> {
  const handle = await runHost(o);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    handle.services.log.info({ signal }, 'shutting down');
    handle.close().then(
      () => process.exit(0),
      (e: unknown) => {
        handle.services.log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const close = handle.close;
  handle.close = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await close();
  };
  return handle;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | null = null;
  return () => (p ??= fn());
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

// Inside Electron this file is the app's entry (package.json "main"), so argv says nothing.
if (isEntryPoint() || process.versions.electron) {
  startHost().catch((e: unknown) => {
    process.stderr.write(`Encore host failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
