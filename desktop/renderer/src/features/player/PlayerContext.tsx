import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../app/ModelContext';
import { createLibraryModel, type LibraryModel, type LibraryState } from '../../model/libraryStore';
import { createPlayerModel, type AudioFactory, type PlayerModel, type PlayerState } from '../../model/playerStore';
import { catalogApiFor } from '../../model/catalog/catalogClient';
import { withCatalogStreams } from './catalogStreams';
import { webAudioFactory } from './webAudio';

export type PlayerPanel = 'none' | 'queue' | 'nowPlaying';

interface PlayerContextValue {
  library: LibraryModel;
  player: PlayerModel;
  panel: PlayerPanel;
  setPanel(p: PlayerPanel): void;
}

const Ctx = createContext<PlayerContextValue | null>(null);

/** Library files on Web Audio, catalog tracks streamed through the host. */
const defaultAudio = withCatalogStreams(webAudioFactory);

/**
 * Owns the library and player models for the app's lifetime (they outlive section changes:
 * music keeps playing while the user is in the Studio). Started on mount, disposed on unmount;
 * both survive React's StrictMode remount because start() re-subscribes.
 */
export function PlayerProvider({ children, audio = defaultAudio }: { children: ReactNode; audio?: AudioFactory }) {
  const model = useModel();
  const { host } = model;
  const [models] = useState(() => ({
    library: createLibraryModel(host),
    player: createPlayerModel(host, audio, {
      // One event per listen, with its own id: the server stores a replay of it only once.
      reportCatalogPlay: (trackId, ms) => void catalogApiFor(model).recordPlay({ clientEventId: crypto.randomUUID(), trackId, ms }).catch((e: unknown) => console.warn('[player] catalog play not reported', e)),
    }),
  }));
  const [panel, setPanel] = useState<PlayerPanel>('none');
  useEffect(() => {
    void models.library.start();
    void models.player.start();
    return () => {
      models.library.dispose();
      models.player.dispose();
    };
  }, [models]);
  return <Ctx.Provider value={{ ...models, panel, setPanel }}>{children}</Ctx.Provider>;
}

export function usePlayerContext(): PlayerContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('usePlayerContext() outside <PlayerProvider>');
  return v;
}

export const usePlayer = <T,>(selector: (s: PlayerState) => T): T => useStore(usePlayerContext().player.store, selector);
export const useLibrary = <T,>(selector: (s: LibraryState) => T): T => useStore(usePlayerContext().library.store, selector);
