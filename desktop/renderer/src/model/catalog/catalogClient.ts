import type { AppModel } from '../appModel';
import { createCatalogApi, type CatalogApi } from './catalogApi';

const clients = new WeakMap<AppModel, CatalogApi>();

/**
 * The app's one catalog client: the sync-server from the settings, the host's access token,
 * both read per call. Shared by the Store pages and the player's play reports.
 *
 * @example
 * const { tracks } = await catalogApiFor(model).search('midnigt');
 */
export function catalogApiFor(model: AppModel): CatalogApi {
  let api = clients.get(model);
  if (!api) {
    api = createCatalogApi({
      baseUrl: async () => model.settings.store.getState().settings?.syncServerUrl ?? (await model.host.call('settings.get')).syncServerUrl,
      accessToken: async () => (await model.host.call('account.accessToken')).accessToken,
    });
    clients.set(model, api);
  }
  return api;
}
