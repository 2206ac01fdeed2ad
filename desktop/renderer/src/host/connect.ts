import { createHostClient, type HostClient } from '@encore/shared/host/client';
import { createBrowserTransport, hostSocketUrl } from './browserTransport';
import { createElectronTransport } from './electronTransport';
import type { HostLink } from './link';

export interface HostConnection {
  host: HostClient;
  link: HostLink;
}

/**
 * Picks the transport at startup: the Electron preload bridge when it exists, otherwise the
 * browser-mode WebSocket on this page's origin.
 */
export function connectHost(win: Window = window): HostConnection {
  const link = win.encoreHost ? createElectronTransport(win.encoreHost) : createBrowserTransport({ url: hostSocketUrl(win.location) });
  return { host: createHostClient(link), link };
}
