import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../app/ModelContext';
import { downloadsModelFor, type DownloadsModel, type DownloadsState } from './downloadsModel';

/** The shared downloads model of this app, refreshed when a view using it mounts. */
export function useDownloadsModel(): DownloadsModel {
  const model = downloadsModelFor(useModel().host);
  useEffect(() => {
    void model.load();
  }, [model]);
  return model;
}

export const useDownloads = <T,>(model: DownloadsModel, selector: (s: DownloadsState) => T): T => useStore(model.store, selector);
