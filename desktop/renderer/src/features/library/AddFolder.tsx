import { useState } from 'react';
import { Button } from '../../ui/Button';
import { useLibrary, usePlayerContext } from '../player/PlayerContext';

/**
 * Adds a music folder and scans it, showing progress. Browser mode cannot open the OS folder
 * picker for a host-side path (the page does not see the host's disk), so the path is typed.
 */
export function AddFolder({ compact }: { compact?: boolean }) {
  const { library } = usePlayerContext();
  const scan = useLibrary((s) => s.scan);
  const [path, setPath] = useState('');
  const busy = scan !== null && scan.phase !== 'done';
  return (
    <form className="flex flex-col gap-2" onSubmit={(e) => (e.preventDefault(), path.trim() && void library.addFolder(path.trim()).then((ok) => ok && setPath('')))}>
      <div className="flex gap-2">
        <input aria-label="Music folder path" placeholder="/home/me/Music" data-testid="folder-path" value={path} onChange={(e) => setPath(e.target.value)} className={`h-9 rounded-lg border border-line bg-raised px-3 text-sm ${compact ? 'w-48' : 'w-96'}`} />
        <Button type="submit" size={compact ? 'sm' : 'md'} variant="primary" pending={busy} data-testid="add-folder" className="shrink-0 whitespace-nowrap">
          Add folder
        </Button>
      </div>
      {busy && (
        <div data-testid="scan-progress" className="w-full">
          <div className="h-1.5 overflow-hidden rounded-full bg-raised">
            <div className="h-full bg-accent transition-all" style={{ width: `${scan.found ? (100 * scan.processed) / scan.found : 5}%` }} />
          </div>
          <p className="mt-1 text-xs text-ink-faint">
            {scan.phase === 'walking' ? 'Looking for music…' : `Reading ${scan.processed} of ${scan.found}`}
          </p>
        </div>
      )}
    </form>
  );
}
