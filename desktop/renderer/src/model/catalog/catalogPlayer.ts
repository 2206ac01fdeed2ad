import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CatalogTrack } from '@encore/shared/api/catalog';
import type { CatalogApi } from './catalogApi';

/** The sound side, behind an interface so the model runs in Node tests. */
export interface StreamAudioPort {
  /** Starts `blob` from the beginning; resolves once it plays. */
  play(blob: Blob): Promise<void>;
  pause(): void;
  resume(): Promise<void>;
  /** Seconds played forward since the last `play` (seeks excluded). */
  listenedSec(): number;
  onEnded(listener: () => void): () => void;
  dispose(): void;
}

export interface CatalogPlayerState {
  queue: CatalogTrack[];
  /** Index into `queue` of the track playing or paused; -1 when nothing was started. */
  pos: number;
  playing: boolean;
  /** True while the current track's stream is being fetched. */
  loading: boolean;
  error: string | null;
}

/** A play shorter than this is not reported (a skip, not a listen). */
const MIN_REPORTED_MS = 1000;

/**
 * The Store's player: a queue of catalog tracks streamed from the sync-server (the rendition
 * the server picks from the listener's quality setting and plan), each listen reported once
 * to `POST /api/analytics/events` with a fresh client event id.
 *
 * @example
 * const player = createCatalogPlayer(api, htmlAudioPort());
 * await player.playTracks(album.tracks, 0);
 */
export function createCatalogPlayer(api: CatalogApi, audio: StreamAudioPort, newId: () => string = () => crypto.randomUUID()) {
  const store: StoreApi<CatalogPlayerState> = createStore<CatalogPlayerState>(() => ({ queue: [], pos: -1, playing: false, loading: false, error: null }));
  const get = store.getState;
  let started: string | null = null;
  /** Guards against a slow stream of an older request starting after a newer one. */
  let request = 0;

  const report = () => {
    const trackId = started;
    started = null;
    if (!trackId) return;
    const ms = Math.round(audio.listenedSec() * 1000);
    if (ms < MIN_REPORTED_MS) return;
    api.recordPlay({ clientEventId: newId(), trackId, ms }).catch((e: unknown) => console.warn('[store] play not reported', e));
  };

  const startAt = async (pos: number) => {
    const track = get().queue[pos];
    if (!track) return;
    report();
    const mine = ++request;
    store.setState({ pos, loading: true, playing: false, error: null });
    try {
      const blob = await api.stream(track.id);
      if (mine !== request) return;
      await audio.play(blob);
      started = track.id;
      store.setState({ playing: true, loading: false });
    } catch (e) {
      if (mine !== request) return;
      store.setState({ loading: false, playing: false, error: `“${track.title}”: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const offEnded = audio.onEnded(() => {
    const { pos, queue } = get();
    if (pos + 1 < queue.length) void startAt(pos + 1);
    else {
      report();
      store.setState({ playing: false });
    }
  });

  return {
    store,
    current: (): CatalogTrack | null => get().queue[get().pos] ?? null,
    /** Replaces the queue and plays `tracks[start]`. */
    async playTracks(tracks: readonly CatalogTrack[], start = 0) {
      store.setState({ queue: [...tracks] });
      await startAt(start);
    },
    addToQueue(tracks: readonly CatalogTrack[]) {
      store.setState({ queue: [...get().queue, ...tracks] });
    },
    async toggle() {
      const s = get();
      if (s.pos < 0) return;
      if (s.playing) {
        audio.pause();
        store.setState({ playing: false });
      } else if (started) {
        await audio.resume();
        store.setState({ playing: true });
      } else await startAt(s.pos);
    },
    next: () => startAt(get().pos + 1),
    dispose() {
      report();
      offEnded();
      audio.dispose();
    },
  };
}
export type CatalogPlayer = ReturnType<typeof createCatalogPlayer>;

/** {@link StreamAudioPort} on an `<audio>` element playing an object URL of the fetched stream. */
export function htmlAudioPort(): StreamAudioPort {
  const el = new Audio();
  let url: string | null = null;
  let listened = 0;
  let last = 0;
  const tick = () => {
    const t = el.currentTime;
    // Only forward play counts, not seeks.
    if (t > last && t - last < 2) listened += t - last;
    last = t;
  };
  el.addEventListener('timeupdate', tick);
  const release = () => {
    if (url) URL.revokeObjectURL(url);
    url = null;
  };
  return {
    async play(blob) {
      release();
      url = URL.createObjectURL(blob);
      listened = 0;
      last = 0;
      el.src = url;
      await el.play();
    },
    pause: () => el.pause(),
    resume: () => el.play(),
    listenedSec: () => (tick(), listened),
    onEnded(listener) {
      el.addEventListener('ended', listener);
      return () => el.removeEventListener('ended', listener);
    },
    dispose() {
      el.pause();
      el.removeEventListener('timeupdate', tick);
      el.removeAttribute('src');
      release();
    },
  };
}
