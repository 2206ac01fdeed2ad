import type { ReactNode } from 'react';
import { PlayerBar } from './PlayerBar';
import { usePlayerContext } from './PlayerContext';
import { QueuePanel } from './QueuePanel';

export { PlayerProvider } from './PlayerContext';

/** The main area with the queue panel beside it and the player bar under both. */
export function PlayerDock({ children }: { children: ReactNode }) {
  const { panel } = usePlayerContext();
  return (
    <>
      <div className="flex min-h-0 flex-1">
        {children}
        {panel === 'queue' && <QueuePanel />}
      </div>
      <PlayerBar />
    </>
  );
}
