import { createStore, type StoreApi } from 'zustand/vanilla';
import { hostEvents, type Connectivity } from '@encore/shared/host/contract';
import type { HostClient } from '@encore/shared/host/client';
import type { HostLinkStatus } from '../host/link';
import type { NetworkPort } from './network';

export interface ConnectivityState {
  syncServer: Connectivity['syncServer'] | 'unknown';
  checkedAt: string | null;
  /** `navigator.onLine`: false means certainly offline; true proves nothing. */
  browserOnline: boolean;
  /** The renderer's own link to the desktop host. */
  hostLink: HostLinkStatus;
}

export interface ConnectivityModel {
  store: StoreApi<ConnectivityState>;
  check(): Promise<void>;
  setHostLink(status: HostLinkStatus): void;
  dispose(): void;
}

/** Why the app is working offline, most fundamental first; null when online. */
export type OfflineReason = 'host' | 'network' | 'sync-server' | null;

export function selectOfflineReason(s: ConnectivityState, sessionOffline = false): OfflineReason {
  if (s.hostLink === 'closed') return 'host';
  if (!s.browserOnline) return 'network';
  if (s.syncServer === 'offline' || sessionOffline) return 'sync-server';
  return null;
}

/**
 * Whether Encore can reach its servers: the host's `connectivity.check` and
 * `connectivity.changed` events, combined with the browser's online/offline signal.
 */
export function createConnectivityModel(host: HostClient, network: NetworkPort, hostLink: HostLinkStatus = 'open'): ConnectivityModel {
  const store = createStore<ConnectivityState>(() => ({ syncServer: 'unknown', checkedAt: null, browserOnline: network.isOnline(), hostLink }));
  const apply = (c: Connectivity) => store.setState({ syncServer: c.syncServer, checkedAt: c.checkedAt });

  const check = async () => {
    try {
      apply(await host.call('connectivity.check'));
    } catch (e) {
      // The host itself did not answer; its link status tells the user, the last known state stays.
      console.warn('[connectivity] check failed', e);
    }
  };
  const offEvent = host.on('connectivity.changed', (payload) => {
    const parsed = hostEvents['connectivity.changed'].safeParse(payload);
    if (parsed.success) apply(parsed.data);
    else console.warn('[connectivity] ignored a malformed connectivity.changed event', parsed.error.issues.slice(0, 3));
  });
  const offNetwork = network.subscribe((online) => {
    store.setState({ browserOnline: online });
    if (online) void check();
  });

  return {
    store,
    check,
    setHostLink: (status) => store.setState({ hostLink: status }),
    dispose() {
      offEvent();
      offNetwork();
    },
  };
}
