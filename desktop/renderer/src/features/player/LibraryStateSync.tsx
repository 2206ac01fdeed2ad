import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../app/ModelContext';
import { mirrorPlayerSettings } from '../../model/libraryStateSync';
import { usePlayerContext } from './PlayerContext';

/** Keeps the player's crossfade and loudness settings in step with the user's other devices (renders nothing). */
export function LibraryStateSync() {
  const { host } = useModel();
  const { player } = usePlayerContext();
  // Only after the saved queue (and its prefs) is restored: the restore is not a user's change.
  const restored = useStore(player.store, (s) => s.restored);
  useEffect(() => {
    if (!restored) return;
    return mirrorPlayerSettings(host, {
      get: () => player.store.getState().prefs,
      set: (patch) => player.setPrefs(patch),
      subscribe: (listener) => player.store.subscribe((s, p) => s.prefs !== p.prefs && listener(s.prefs, p.prefs)),
    });
  }, [host, player, restored]);
  return null;
}
