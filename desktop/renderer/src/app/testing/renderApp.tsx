import { vi } from 'vitest';
import { createRoot, type Root } from 'react-dom/client';
import { createHostClient } from '@encore/shared/host/client';
import { App } from '../../App';
import type { HostLink } from '../../host/link';
import { createAppModel, type AppModel } from '../../model/appModel';
import { browserHash } from '../../model/navigationStore';
import { fakeNetwork } from '../../model/testing/ports';

export interface RenderedApp {
  model: AppModel;
  network: ReturnType<typeof fakeNetwork>;
  container: HTMLElement;
  unmount(): Promise<void>;
}

const mounted = new Set<RenderedApp>();

/**
 * Mounts the whole app over a host link (usually the in-memory host) in the test page,
 * with the real URL hash and a network the test controls; waits for the first reads.
 */
export async function renderApp(link: HostLink, options: { hash?: string; online?: boolean } = {}): Promise<RenderedApp> {
  window.location.hash = options.hash ?? '#/library';
  const container = document.createElement('div');
  container.style.height = '100vh';
  document.body.append(container);
  const network = fakeNetwork(options.online ?? true);
  const model = createAppModel({ host: createHostClient(link), link, hash: browserHash(), network });
  // No act(): tests wait through retrying locators (expect.element), as a user would.
  const root: Root = createRoot(container);
  root.render(<App model={model} />);
  await model.start();
  await vi.waitUntil(() => container.querySelector('main [data-testid]'), { timeout: 5000 });
  const rendered: RenderedApp = {
    model,
    network,
    container,
    async unmount() {
      mounted.delete(rendered);
      root.unmount();
      model.dispose();
      container.remove();
    },
  };
  mounted.add(rendered);
  return rendered;
}

/** Unmounts everything {@link renderApp} mounted; call from afterEach. */
export async function cleanupApps(): Promise<void> {
  for (const app of [...mounted]) await app.unmount();
}
