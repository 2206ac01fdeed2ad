import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { HostClient } from '@encore/shared/host/client';
import { useModel } from '../../app/ModelContext';
import { createSharedPlaylistsModel, type SharedPlaylistsModel, type SharedPlaylistsState } from '../../model/sharedPlaylistsStore';

// One model per host connection, shared by the sidebar section and the playlist view.
const models = new WeakMap<HostClient, { model: SharedPlaylistsModel; users: number; stop: (() => void) | null }>();

/** The shared-playlists model of this app's host; started while any component uses it. */
export function useSharedPlaylistsModel(): SharedPlaylistsModel {
  const { host } = useModel();
  let entry = models.get(host);
  if (!entry) models.set(host, (entry = { model: createSharedPlaylistsModel(host), users: 0, stop: null }));
  const e = entry;
  useEffect(() => {
    if (e.users++ === 0) e.stop = e.model.start();
    return () => {
      if (--e.users === 0) {
        e.stop?.();
        e.stop = null;
      }
    };
  }, [e]);
  return e.model;
}

export const useSharedPlaylists = <T,>(selector: (s: SharedPlaylistsState) => T): T => useStore(useSharedPlaylistsModel().store, selector);
