import { mediaUrl } from '@encore/shared/host/media';
import { Player } from '@encore/audio-engine/player/Player';
import { createTrackLoader } from '@encore/audio-engine/player/trackLoader';
import type { AudioFactory } from '../../model/playerStore';

/**
 * The real sound: one AudioContext (created on first use, i.e. after a user gesture, as
 * autoplay rules want) and the engine's Player fetching `media/library/<id>` from the host.
 */
export const webAudioFactory: AudioFactory = (events, info, settings) => {
  const context = new AudioContext({ latencyHint: 'playback' });
  const loader = createTrackLoader({ context, url: (id) => mediaUrl(id) });
  const player = new Player({ context, loader, info, settings, ...events });
  const dispose = player.dispose.bind(player);
  return Object.assign(player, {
    dispose() {
      dispose();
      void context.close();
    },
  });
};
