import * as Q from '@encore/audio-engine/player/queue';
import { catalogMediaUrl, isCatalogTrackId } from '@encore/shared/host/media';
import type { AudioFactory, AudioPort } from '../../model/playerStore';

export interface CatalogStreamOptions {
  /** Where a catalog track streams from; default `media/catalog/<id>` on the host (which adds the token). */
  url?(trackId: string): string;
  /** The element that plays streams (tests pass their own). */
  element?(): HTMLAudioElement;
}

/**
 * The player's sound for a queue that mixes library files and catalog streams. Library
 * entries play on `base` (the Web Audio player: decoded, gapless, normalised); a catalog
 * entry (a UUID) plays on one `<audio>` element pointed at the host's catalog route, which
 * starts on the first bytes and seeks with ranged requests, so nothing downloads the whole
 * file first. At the end of either the next entry goes to whichever side it belongs.
 * `base`'s loader must hand back a short placeholder for catalog ids (see webAudio.ts): its
 * handover to one is where this port takes over.
 *
 * @example
 * <PlayerProvider audio={withCatalogStreams(webAudioFactory)}>
 */
export function withCatalogStreams(base: AudioFactory, o: CatalogStreamOptions = {}): AudioFactory {
  const url = o.url ?? ((id: string) => catalogMediaUrl(id));
  return (events, info, settings) => {
    const el = o.element?.() ?? new Audio();
    el.preload = 'auto';
    let lib: AudioPort | null = null;
    let mode: 'none' | 'library' | 'catalog' = 'none';
    let queue: Q.Queue | null = null;
    let paused = true;
    let volume = 1;
    /** Bumped per start, so a slow `play()` of an older stream cannot report over a newer one. */
    let generation = 0;

    const currentId = () => (queue ? (Q.currentEntry(queue)?.trackId ?? null) : null);
    const library = (): AudioPort => {
      if (!lib) {
        lib = base(
          {
            onAdvance: (q) => {
              const id = Q.currentEntry(q)?.trackId;
              if (id && isCatalogTrackId(id)) {
                lib?.stop();
                void startStream(q, 0);
              }
              events.onAdvance(q);
            },
            onEnded: events.onEnded,
            onError: events.onError,
          },
          info,
          settings,
        );
        lib.setVolume(volume);
      }
      return lib;
    };

    const stopStream = () => {
      generation++;
      el.pause();
      if (el.hasAttribute('src')) {
        el.removeAttribute('src');
        el.load();
      }
      paused = true;
    };

    const startStream = async (q: Q.Queue, offsetSec: number) => {
      const id = Q.currentEntry(q)!.trackId;
      const mine = ++generation;
      mode = 'catalog';
      queue = q;
      paused = false;
      el.src = url(id);
      el.playbackRate = settings().speed;
      // Before the metadata arrives this is the start position the element seeks to (one ranged request).
      if (offsetSec > 0) el.currentTime = offsetSec;
      try {
        await el.play();
      } catch (e) {
        // A newer start or a stop replaced this one: its play() was aborted on purpose.
        if (mine !== generation) return;
        paused = true;
        // A source that cannot play also fires 'error', which says why (below).
        if (!(e instanceof Error && e.name === 'NotSupportedError')) events.onError(e, id);
      }
    };

    const onEnded = () => {
      if (mode !== 'catalog' || !queue) return;
      const next = Q.advance(queue, 'auto').queue;
      const entry = next ? Q.currentEntry(next) : null;
      if (!next || !entry) {
        // Like the Web Audio player at the end: nothing is loaded, so Play starts the entry again.
        stopStream();
        mode = 'none';
        events.onEnded();
        return;
      }
      if (isCatalogTrackId(entry.trackId)) void startStream(next, 0);
      else {
        stopStream();
        mode = 'library';
        queue = next;
        void library().play(next, 0);
      }
      events.onAdvance(next);
    };
    const onError = () => {
      if (mode !== 'catalog' || !el.hasAttribute('src')) return;
      paused = true;
      events.onError(new Error(el.error?.code === MediaError.MEDIA_ERR_NETWORK ? 'The stream was interrupted' : 'Could not stream the track'), currentId());
    };
    el.addEventListener('ended', onEnded);
    el.addEventListener('error', onError);

    return {
      get isPlaying() {
        return mode === 'catalog' ? !paused : (lib?.isPlaying ?? false);
      },
      async play(q, offsetSec = 0) {
        const id = Q.currentEntry(q)?.trackId;
        if (id && isCatalogTrackId(id)) {
          lib?.stop();
          await startStream(q, offsetSec);
          return;
        }
        stopStream();
        mode = 'library';
        queue = q;
        await library().play(q, offsetSec);
      },
      async pause() {
        if (mode === 'catalog') {
          paused = true;
          el.pause();
        } else await lib?.pause();
      },
      async resume() {
        if (mode !== 'catalog') return lib?.resume();
        paused = false;
        await el.play().catch((e: unknown) => {
          paused = true;
          events.onError(e, currentId());
        });
      },
      async seek(offsetSec) {
        if (mode === 'catalog') el.currentTime = Math.max(0, offsetSec);
        else await lib?.seek(offsetSec);
      },
      async queueChanged(q) {
        if (mode === 'catalog') queue = q;
        else await lib?.queueChanged(q);
      },
      async speedChanged() {
        el.playbackRate = settings().speed;
        await lib?.speedChanged();
      },
      setVolume(v) {
        volume = v;
        // The same perceptual curve as the Web Audio player's master gain.
        el.volume = Math.max(0, Math.min(1, v)) ** 2;
        lib?.setVolume(v);
      },
      position() {
        return mode === 'catalog' ? el.currentTime : (lib?.position() ?? 0);
      },
      duration() {
        if (mode !== 'catalog') return lib?.duration() ?? 0;
        if (Number.isFinite(el.duration) && el.duration > 0) return el.duration;
        const id = currentId();
        return (id ? info(id)?.durationSec : 0) || 1;
      },
      stop() {
        if (mode === 'catalog') stopStream();
        lib?.stop();
        mode = 'none';
      },
      dispose() {
        el.removeEventListener('ended', onEnded);
        el.removeEventListener('error', onError);
        stopStream();
        lib?.dispose();
        lib = null;
        mode = 'none';
      },
    };
  };
}
