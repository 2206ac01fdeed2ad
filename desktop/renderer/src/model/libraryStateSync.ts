import type { SyncedPlayerSettings } from '@encore/shared/collab/libraryStateDoc';
import type { HostClient } from '@encore/shared/host/client';
import type { LibraryState } from '@encore/shared/host/collabDocs';
import type { PlayerPrefs } from '@encore/shared/host/media';

/** The player settings that follow the user to their other devices. */
const MIRRORED = ['crossfadeSec', 'normalization', 'targetLufs'] as const satisfies readonly (keyof PlayerPrefs & keyof SyncedPlayerSettings)[];
type Mirrored = Pick<PlayerPrefs, (typeof MIRRORED)[number]>;

/** What the mirror needs of the player: its prefs, a way to change them, and their changes. */
export interface PrefsSource {
  get(): PlayerPrefs;
  set(patch: Partial<PlayerPrefs>): void;
  subscribe(listener: (next: PlayerPrefs, prev: PlayerPrefs) => void): () => void;
}

function diff(from: Partial<Mirrored>, to: Partial<Mirrored>): Partial<Mirrored> {
  const out: Record<string, unknown> = {};
  for (const k of MIRRORED) if (to[k] !== undefined && to[k] !== from[k]) out[k] = to[k];
  return out as Partial<Mirrored>;
}

/**
 * Mirrors the player's crossfade and loudness settings into the user's library-state
 * document (`libraryState.*`, synced to all their devices) and applies what another device
 * set. On start the document wins for keys it holds (another device spoke last); keys it
 * lacks are seeded from this player. Signed out, the host refuses and nothing is mirrored.
 *
 * @example
 * const stop = mirrorPlayerSettings(host, { get: () => player.store.getState().prefs, set: player.setPrefs, subscribe });
 */
export function mirrorPlayerSettings(host: HostClient, prefs: PrefsSource): () => void {
  let remote: Partial<Mirrored> = {};
  let stopped = false;
  const apply = (state: LibraryState) => {
    remote = state.settings;
    const patch = diff(prefs.get(), remote);
    if (Object.keys(patch).length > 0) prefs.set(patch);
  };
  const push = (patch: Partial<Mirrored>) => {
    if (Object.keys(patch).length === 0) return;
    remote = { ...remote, ...patch };
    host.call('libraryState.setSettings', patch).catch(() => undefined); // signed out: this device's prefs stay local
  };
  const offs = [
    host.on('libraryState.changed', (p) => !stopped && apply(p as LibraryState)),
    host.on('session.changed', () => void load()),
    prefs.subscribe((next) => !stopped && push(diff(remote, next))),
  ];
  const load = async () => {
    try {
      const state = await host.call('libraryState.get');
      if (stopped) return;
      apply(state);
      const current = prefs.get();
      push(Object.fromEntries(MIRRORED.filter((k) => state.settings[k] === undefined).map((k) => [k, current[k]])) as Partial<Mirrored>);
    } catch {
      remote = {};
    }
  };
  void load();
  return () => {
    stopped = true;
    offs.forEach((off) => off());
  };
}
