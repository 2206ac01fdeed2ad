import type { HostClient } from '@encore/shared/host/client';
import type { HostLink } from '../host/link';
import { createConnectivityModel, type ConnectivityModel } from './connectivityStore';
import { createNavigationModel, type HashPort, type NavigationModel } from './navigationStore';
import type { NetworkPort } from './network';
import { createSessionModel, type SessionModel } from './sessionStore';
import { createSettingsModel, type SettingsModel } from './settingsStore';

export interface AppModel {
  host: HostClient;
  session: SessionModel;
  connectivity: ConnectivityModel;
  navigation: NavigationModel;
  settings: SettingsModel;
  /** Reads everything the shell shows. Never rejects: failures become state. */
  start(): Promise<void>;
  /** Releases every subscription and the host link. */
  dispose(): void;
}

export interface AppModelPorts {
  host: HostClient;
  link: HostLink;
  hash: HashPort;
  network: NetworkPort;
}

/**
 * All the renderer's stores, wired to one host. When the host link comes back after a
 * drop, everything is read again: events sent while disconnected were lost.
 */
export function createAppModel({ host, link, hash, network }: AppModelPorts): AppModel {
  const session = createSessionModel(host);
  const connectivity = createConnectivityModel(host, network, link.status());
  const navigation = createNavigationModel(hash);
  const settings = createSettingsModel(host);
  const refresh = () => Promise.all([session.load(), connectivity.check(), settings.load()]).then(() => undefined);

  let wasDown = false;
  const offLink = link.onStatus((status) => {
    connectivity.setHostLink(status);
    if (status === 'closed') wasDown = true;
    if (status === 'open' && wasDown) {
      wasDown = false;
      void refresh();
    }
  });

  return {
    host,
    session,
    connectivity,
    navigation,
    settings,
    start: refresh,
    dispose() {
      offLink();
      session.dispose();
      connectivity.dispose();
      navigation.dispose();
      link.dispose();
    },
  };
}
