import { isCatalogTrackId, mediaUrl } from '@encore/shared/host/media';
import { Player } from '@encore/audio-engine/player/Player';
import { createTrackLoader, type TrackLoader } from '@encore/audio-engine/player/trackLoader';
import type { AudioFactory } from '../../model/playerStore';

/** Seconds of silence standing in for a catalog stream in the Web Audio player's plan. */
const PLACEHOLDER_SEC = 0.05;

/**
 * The real sound: one AudioContext (created on first use, i.e. after a user gesture, as
 * autoplay rules want) and the engine's Player fetching `media/library/<id>` from the host.
 * A catalog id is never fetched here: it loads as a short silence, so a library track hands
 * over to it on time and `withCatalogStreams` (catalogStreams.ts) streams it from there.
 */
export const webAudioFactory: AudioFactory = (events, info, settings) => {
  const context = new AudioContext({ latencyHint: 'playback' });
  const files = createTrackLoader({ context, url: (id) => mediaUrl(id) });
  const loader: TrackLoader = {
    load: (id) => (isCatalogTrackId(id) ? Promise.resolve({ trackId: id, buffer: context.createBuffer(1, Math.round(context.sampleRate * PLACEHOLDER_SEC), context.sampleRate), trimStart: 0, trimEnd: 0 }) : files.load(id)),
    clear: files.clear,
  };
  const player = new Player({ context, loader, info, settings, ...events });
  const dispose = player.dispose.bind(player);
  return Object.assign(player, {
    dispose() {
      dispose();
      void context.close();
    },
  });
};
