/**
 * The Electron shell: a window over the same router and events as browser mode. Deliberately
 * thin — every decision worth testing lives in the router, the services, staticFiles and
 * common/electronIpc.ts — because no Electron binary can run on the machines this is built
 * and tested on; this file only has to typecheck there.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { MEDIA_ARTWORK_PREFIX } from '@encore/shared/host/library';
import { MEDIA_CATALOG_PREFIX, MEDIA_LIBRARY_PREFIX } from '@encore/shared/host/media';
import { artworkResponse } from '../browser-mode/artworkRoute';
import { catalogDownloadPath, mediaResponse, type MediaResolver, type MediaResponse } from '../browser-mode/mediaRoute';
import { catalogStreamResponse, headerRecord, type CatalogStreamSource } from '../browser-mode/catalogRoute';
import { downloadMediaResponse, type DownloadOpener } from '../browser-mode/downloadRoute';
import { MEDIA_DOWNLOAD_PREFIX } from '@encore/shared/host/downloads';
import type { ArtworkThumbnails } from '../node/services/library/thumbnails';
import { buildCsp, SECURITY_HEADERS } from '../common/csp';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, EVENT_CHANNEL, HOST_CHANNEL, isAppUrl } from '../common/electronIpc';
import type { HostEventBus } from '../common/hostEventBus';
import type { HostRouter } from '../node/host/router';
import type { Logger } from '../node/logger';
import { resolveStatic } from '../node/static/staticFiles';

// Must happen before the app is ready, hence at import time (src/main.ts imports this first).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

export interface ElectronShellOptions {
  router: HostRouter;
  events: HostEventBus;
  rendererDist: string;
  serverUrls: () => readonly string[];
  log: Logger;
  /** Called when the last window closes (except on macOS): dispose the services, then quit. */
  onQuit: () => Promise<void>;
  preloadPath?: string;
  /** Library audio at app://…/media/library/<trackId>, through browser mode's handler. */
  media?: MediaResolver;
  /** Cover thumbnails at app://…/media/artwork/<px>/<hash>. */
  artwork?: ArtworkThumbnails;
  /** Offline downloads at app://…/media/download/<id>, decrypted on the fly. */
  downloads?: DownloadOpener;
  /** Catalog streams at app://…/media/catalog/<trackId>, forwarded to the sync-server with the user's token. */
  catalog?: CatalogStreamSource;
}

const IpcCall = z.object({ method: z.string().max(128), params: z.unknown().optional() });

/**
 * @example
 * const shell = await startElectronShell({ router, events, rendererDist, serverUrls, log, onQuit });
 * await shell.close();
 */
export async function startElectronShell(o: ElectronShellOptions): Promise<{ close(): Promise<void>; pickFolder(): Promise<string | null> }> {
  await app.whenReady();
  const csp = () => buildCsp({ selfOrigin: null, serverUrls: o.serverUrls() });

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = { 'Content-Security-Policy': csp(), ...SECURITY_HEADERS };
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
    // Library audio and covers: the same transport-neutral answers as browser mode's routes.
    const h = (name: string) => request.headers.get(name) ?? undefined;
    // A downloaded catalog track in the library plays by the same URL, decrypted from its download.
    const catalogPath = o.media && o.downloads ? catalogDownloadPath(url.pathname, o.media) : null;
    if (catalogPath && o.downloads) {
      const r = downloadMediaResponse({ pathname: catalogPath, method: request.method, range: h('range'), ifRange: h('if-range') }, o.downloads);
      return new Response(r.body ? (Readable.toWeb(Readable.from(r.body)) as ReadableStream<Uint8Array>) : null, { status: r.status, headers: { ...headers, ...r.headers } });
    }
    if (url.pathname.startsWith(MEDIA_LIBRARY_PREFIX) && o.media) {
      return toResponse(await mediaResponse({ pathname: url.pathname, method: request.method, range: h('range'), ifNoneMatch: h('if-none-match'), ifRange: h('if-range') }, o.media), headers);
    }
    if (url.pathname.startsWith(MEDIA_ARTWORK_PREFIX) && o.artwork) {
      return toResponse(await artworkResponse({ pathname: url.pathname, method: request.method, ifNoneMatch: h('if-none-match') }, o.artwork), headers);
    }
    if (url.pathname.startsWith(MEDIA_CATALOG_PREFIX) && o.catalog) {
      const r = await catalogStreamResponse({ pathname: url.pathname, search: url.search, method: request.method, range: h('range'), ifRange: h('if-range'), signal: request.signal }, o.catalog);
      return new Response(r.body, { status: r.status, headers: { ...headers, ...headerRecord(r.headers) } });
    }
    if (url.pathname.startsWith(MEDIA_DOWNLOAD_PREFIX) && o.downloads) {
      const r = downloadMediaResponse({ pathname: url.pathname, method: request.method, range: h('range'), ifRange: h('if-range') }, o.downloads);
      return new Response(r.body ? (Readable.toWeb(Readable.from(r.body)) as ReadableStream<Uint8Array>) : null, { status: r.status, headers: { ...headers, ...r.headers } });
    }
    let target = await resolveStatic(o.rendererDist, url.pathname);
    if (target.kind === 'spa') target = await resolveStatic(o.rendererDist, '/index.html');
    if (target.kind !== 'file') return new Response('Not found', { status: target.kind === 'bad-request' ? 400 : 404, headers });
    return new Response(await readFile(target.file), { headers: { ...headers, 'Content-Type': target.contentType } });
  });

  ipcMain.handle(HOST_CHANNEL, async (event: IpcMainInvokeEvent, call: unknown) => {
    if (!isAppUrl(event.senderFrame?.url)) {
      o.log.warn({ url: event.senderFrame?.url }, 'host call refused: foreign sender');
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Not an Encore page' } };
    }
    const parsed = IpcCall.safeParse(call);
    if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed host call' } };
    return o.router.dispatch(parsed.data.method, parsed.data.params);
  });

  const offEvents = o.events.onAny((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, { event, payload });
  });

  // Microphone and camera for recording and live streams; nothing else, and only for the app.
  session.defaultSession.setPermissionRequestHandler((wc, permission, grant) => grant(permission === 'media' && isAppUrl(wc.getURL())));

  const preload = o.preloadPath ?? fileURLToPath(new URL('./preload.cjs', import.meta.url));
  const openWindow = () => {
    const win = new BrowserWindow({
      width: 1440,
      height: 900,
      show: false,
      backgroundColor: '#111111',
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload },
    });
    win.once('ready-to-show', () => win.show());
    win.webContents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    win.webContents.setWindowOpenHandler(({ url }) => {
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    void win.loadURL(`${APP_ORIGIN}/`);
  };
  openWindow();

  const onActivate = () => BrowserWindow.getAllWindows().length === 0 && openWindow();
  const onAllClosed = () => {
    if (process.platform !== 'darwin') void o.onQuit().finally(() => app.quit());
  };
  app.on('activate', onActivate);
  app.on('window-all-closed', onAllClosed);

  return {
    /** The OS folder dialog for "Add folder" (browser mode uses the host-side picker instead). */
    async pickFolder() {
      const options = { title: 'Add a music folder', properties: ['openDirectory' as const] };
      const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async close() {
      offEvents();
      app.off('activate', onActivate);
      app.off('window-all-closed', onAllClosed);
      ipcMain.removeHandler(HOST_CHANNEL);
      protocol.unhandle(APP_SCHEME);
      for (const win of BrowserWindow.getAllWindows()) win.destroy();
    },
  };
}

/** A MediaResponse as a fetch Response, streaming the byte range from disk. */
function toResponse(r: MediaResponse, base: Record<string, string>): Response {
  const body = r.body ? (Readable.toWeb(createReadStream(r.body.file, { start: r.body.start, end: r.body.end })) as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: r.status, headers: { ...base, ...r.headers } });
}
