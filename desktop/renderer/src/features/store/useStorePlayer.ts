import { useMemo } from 'react';
import type { CatalogTrack } from '@encore/shared/api/catalog';
import { currentEntry } from '@encore/audio-engine/player/queue';
import { catalogCoverKey, toPlayerTrack } from '../../model/catalog/playerTrack';
import { usePlayer, usePlayerContext } from '../player/PlayerContext';
import { useCatalog } from './useCatalog';

/**
 * Store plays go through the app's one player (its queue, bar and media keys): catalog tracks
 * are queued as streams, and their covers fetched once into the player's artwork.
 *
 * @example
 * const store = useStorePlayer();
 * <button onClick={() => void store.playTracks(album.tracks, 0, album.title)}>Play</button>
 */
export function useStorePlayer() {
  const { player } = usePlayerContext();
  const { api } = useCatalog();
  return useMemo(() => {
    const covers = (tracks: readonly CatalogTrack[]) => {
      for (const coverId of new Set(tracks.map((t) => t.coverId).filter((c): c is string => c !== null))) {
        const key = catalogCoverKey(coverId);
        if (player.store.getState().artwork[key]) continue;
        api.cover(coverId, '300').then(
          (blob) => player.store.setState((s) => (s.artwork[key] ? s : { artwork: { ...s.artwork, [key]: URL.createObjectURL(blob) } })),
          (e: unknown) => console.warn('[store] cover not loaded', e),
        );
      }
    };
    const convert = (tracks: readonly CatalogTrack[], album?: string) => {
      covers(tracks);
      return tracks.map((t) => toPlayerTrack(t, album ?? null));
    };
    return {
      /** Replaces the queue with `tracks` and plays `tracks[start]`. */
      playTracks: (tracks: readonly CatalogTrack[], start = 0, album?: string) => player.playTracks(convert(tracks, album), start),
      addToQueue: (tracks: readonly CatalogTrack[], album?: string) => player.addToQueue(convert(tracks, album)),
      toggle: () => player.toggle(),
    };
  }, [player, api]);
}

/** Whether `trackId` is the player's current entry, and whether it is sounding. */
export function useIsCurrent(trackId: string): { current: boolean; playing: boolean } {
  const current = usePlayer((s) => currentEntry(s.queue)?.trackId === trackId);
  const playing = usePlayer((s) => s.playing);
  return { current, playing: current && playing };
}
