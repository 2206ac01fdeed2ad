import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppModel } from '../model/appModel';
import type { SessionState } from '../model/sessionStore';
import type { ConnectivityState } from '../model/connectivityStore';
import type { NavigationState } from '../model/navigationStore';
import type { SettingsState } from '../model/settingsStore';

const ModelContext = createContext<AppModel | null>(null);

export function ModelProvider({ model, children }: { model: AppModel; children: ReactNode }) {
  return <ModelContext.Provider value={model}>{children}</ModelContext.Provider>;
}

/** The app's stores and actions. Components read state through the hooks below. */
export function useModel(): AppModel {
  const model = useContext(ModelContext);
  if (!model) throw new Error('useModel() outside <ModelProvider>');
  return model;
}

/** The app model, or null where a component is mounted without the app (editor tests, embeds). */
export function useOptionalModel(): AppModel | null {
  return useContext(ModelContext);
}

export const useSession = <T,>(selector: (s: SessionState) => T): T => useStore(useModel().session.store, selector);
export const useConnectivity = <T,>(selector: (s: ConnectivityState) => T): T => useStore(useModel().connectivity.store, selector);
export const useNavigation = <T,>(selector: (s: NavigationState) => T): T => useStore(useModel().navigation.store, selector);
export const useSettings = <T,>(selector: (s: SettingsState) => T): T => useStore(useModel().settings.store, selector);
