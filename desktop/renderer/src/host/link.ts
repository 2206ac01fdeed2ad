import type { HostTransport } from '@encore/shared/host/client';

/** Whether the renderer can currently reach the desktop host. */
export type HostLinkStatus = 'connecting' | 'open' | 'closed';

/**
 * A {@link HostTransport} that also reports the state of its link and can be released.
 * Electron IPC is always open; the browser-mode WebSocket can drop and reconnect.
 */
export interface HostLink extends HostTransport {
  readonly kind: 'electron' | 'browser' | 'memory';
  status(): HostLinkStatus;
  onStatus(listener: (status: HostLinkStatus) => void): () => void;
  dispose(): void;
}
