import { useEffect } from 'react';
import { ModelProvider } from './app/ModelContext';
import type { AppModel } from './model/appModel';
import { AppShell } from './features/shell/AppShell';

/** The app: the shell over a model. The model (and its host link) is made by the caller. */
export function App({ model }: { model: AppModel }) {
  useEffect(() => {
    void model.start();
  }, [model]);
  return (
    <ModelProvider model={model}>
      <AppShell />
    </ModelProvider>
  );
}
