import { createStore, type StoreApi } from 'zustand/vanilla';
import { Settings, type AppInfo } from '@encore/shared/host/contract';
import type { HostClient } from '@encore/shared/host/client';
import { EncoreError } from '@encore/shared/errors';

export interface SettingsState {
  status: 'loading' | 'ready' | 'unavailable';
  appInfo: AppInfo | null;
  settings: Settings | null;
}

export interface SettingsModel {
  store: StoreApi<SettingsState>;
  load(): Promise<void>;
  /** Validates, then saves through `settings.update`. Throws {@link EncoreError}. */
  setSyncServerUrl(url: string): Promise<void>;
}

/** Checks a sync-server address as the host will; returns a message for the user or null. */
export function validateServerUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!trimmed) return 'Enter the address of your sync server.';
  if (!Settings.shape.syncServerUrl.safeParse(trimmed).success) return 'Enter a full address, like https://sync.example.com.';
  const protocol = new URL(trimmed).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') return 'The address must start with http:// or https://.';
  return null;
}

/** App facts (`app.info`) and the user's settings, read and written through the host. */
export function createSettingsModel(host: HostClient): SettingsModel {
  const store = createStore<SettingsState>(() => ({ status: 'loading', appInfo: null, settings: null }));
  return {
    store,
    async load() {
      const [info, settings] = await Promise.allSettled([host.call('app.info'), host.call('settings.get')]);
      store.setState({
        status: info.status === 'fulfilled' || settings.status === 'fulfilled' ? 'ready' : 'unavailable',
        appInfo: info.status === 'fulfilled' ? info.value : store.getState().appInfo,
        settings: settings.status === 'fulfilled' ? settings.value : store.getState().settings,
      });
    },
    async setSyncServerUrl(url) {
      const problem = validateServerUrl(url);
      if (problem) throw new EncoreError('VALIDATION_FAILED', problem);
      const settings = await host.call('settings.update', { syncServerUrl: url.trim().replace(/\/+$/, '') });
      store.setState({ settings, status: 'ready' });
    },
  };
}
