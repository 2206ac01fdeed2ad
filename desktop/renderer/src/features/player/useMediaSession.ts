import { useEffect } from 'react';
import type { LibraryTrack } from '@encore/shared/host/library';
import type { PlayerModel } from '../../model/playerStore';

/**
 * OS integration: the now-playing metadata (title, artist, album, artwork) and the media keys
 * (play/pause, previous, next, seek) through the Media Session API.
 */
export function useMediaSession(player: PlayerModel, track: LibraryTrack | null, artwork: string | null, playing: boolean) {
  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    const ms = navigator.mediaSession;
    ms.metadata = track ? new MediaMetadata({ title: track.title, artist: track.artists.join(', '), album: track.album ?? '', artwork: artwork ? [{ src: artwork, sizes: '512x512' }] : [] }) : null;
  }, [track, artwork]);
  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    navigator.mediaSession.playbackState = track ? (playing ? 'playing' : 'paused') : 'none';
  }, [track, playing]);
  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    const ms = navigator.mediaSession;
    const pos = () => player.store.getState().position;
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => void (!player.store.getState().playing && player.toggle())],
      ['pause', () => void (player.store.getState().playing && player.toggle())],
      ['previoustrack', () => void player.previous()],
      ['nexttrack', () => void player.next()],
      ['seekto', (d) => void (d.seekTime !== undefined && player.seek(d.seekTime))],
      ['seekbackward', (d) => void player.seek(pos() - (d.seekOffset ?? 10))],
      ['seekforward', (d) => void player.seek(pos() + (d.seekOffset ?? 10))],
    ];
    for (const [action, h] of handlers) {
      try {
        ms.setActionHandler(action, h);
      } catch {
        // An action this browser does not know: the others still work.
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          ms.setActionHandler(action, null);
        } catch {
          // Same as above.
        }
      }
    };
  }, [player]);
}
