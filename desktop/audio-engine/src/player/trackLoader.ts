import { decodeTrack, type DecodedTrack } from './decodedTrack';

export interface TrackLoaderOptions {
  context: BaseAudioContext;
  /** Where a track's bytes are, e.g. `mediaUrl(id)` from @encore/shared/host/media. */
  url(trackId: string): string;
  fetch?: typeof fetch;
  /** Decoded tracks kept (current, next, previous…); older ones are dropped. */
  capacity?: number;
}

/**
 * Fetches and decodes tracks, at most one request per track at a time, keeping the most
 * recently used few decoded (a 4-minute stereo track is ~85 MB of float PCM).
 *
 * @example
 * const loader = createTrackLoader({ context, url: (id) => mediaUrl(id) });
 * const decoded = await loader.load(id);
 */
export function createTrackLoader(o: TrackLoaderOptions) {
  const cache = new Map<string, Promise<DecodedTrack>>();
  const capacity = o.capacity ?? 4;
  const doFetch = o.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    load(trackId: string): Promise<DecodedTrack> {
      const hit = cache.get(trackId);
      if (hit) {
        cache.delete(trackId);
        cache.set(trackId, hit);
        return hit;
      }
      const p = (async () => {
        const res = await doFetch(o.url(trackId), { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`Could not load the track (HTTP ${res.status})`);
        return decodeTrack(o.context, trackId, await res.arrayBuffer());
      })();
      cache.set(trackId, p);
      // A failed load is not cached: the next attempt fetches again.
      p.catch(() => cache.get(trackId) === p && cache.delete(trackId));
      while (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return p;
    },
    clear: () => cache.clear(),
  };
}
export type TrackLoader = ReturnType<typeof createTrackLoader>;
