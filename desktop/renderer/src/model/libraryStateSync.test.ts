import { describe, expect, it } from 'vitest';
import { createHostClient } from '@encore/shared/host/client';
import { PlayerPrefs } from '@encore/shared/host/media';
import { createMemoryHost } from '../host/testing/memoryHost';
import { mirrorPlayerSettings, type PrefsSource } from './libraryStateSync';

function prefsHolder(initial: Partial<PlayerPrefs> = {}): PrefsSource & { sets: Partial<PlayerPrefs>[] } {
  let prefs = PlayerPrefs.parse(initial);
  const listeners = new Set<(n: PlayerPrefs, p: PlayerPrefs) => void>();
  const sets: Partial<PlayerPrefs>[] = [];
  return {
    sets,
    get: () => prefs,
    set(patch) {
      sets.push(patch);
      const prev = prefs;
      prefs = PlayerPrefs.parse({ ...prefs, ...patch });
      for (const l of listeners) l(prefs, prev);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

describe('player settings mirrored into the library-state document', () => {
  it('seeds the document from this player, pushes changes, applies another device’s, and stops', async () => {
    const memory = createMemoryHost();
    const host = createHostClient(memory.link);
    const prefs = prefsHolder({ crossfadeSec: 3 });
    const stop = mirrorPlayerSettings(host, prefs);
    await expect.poll(() => memory.sharedPlaylists.libraryState().settings).toEqual({ crossfadeSec: 3, normalization: 'track', targetLufs: -14 });
    prefs.set({ targetLufs: -18, volume: 0.2 });
    await expect.poll(() => memory.sharedPlaylists.libraryState().settings.targetLufs).toBe(-18);
    // Another device changes crossfade: the player follows, and does not echo it back as a new change.
    const calls = memory.callsTo('libraryState.setSettings').length;
    memory.sharedPlaylists.peerSetSettings({ crossfadeSec: 8 });
    expect(prefs.get().crossfadeSec).toBe(8);
    await new Promise((r) => setTimeout(r, 20));
    expect(memory.callsTo('libraryState.setSettings').length).toBe(calls);
    stop();
    memory.sharedPlaylists.peerSetSettings({ crossfadeSec: 1 });
    expect(prefs.get().crossfadeSec).toBe(8);
  });

  it('the document wins on start for the keys it holds', async () => {
    const memory = createMemoryHost();
    memory.sharedPlaylists.peerSetSettings({ normalization: 'album' });
    const prefs = prefsHolder();
    const stop = mirrorPlayerSettings(createHostClient(memory.link), prefs);
    await expect.poll(() => prefs.get().normalization).toBe('album');
    await expect.poll(() => memory.sharedPlaylists.libraryState().settings.crossfadeSec).toBe(0);
    stop();
  });
});
