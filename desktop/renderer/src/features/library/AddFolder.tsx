import { useState } from 'react';
import { useModel } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { useLibrary, usePlayerContext } from '../player/PlayerContext';
import { FolderPickerDialog } from './FolderPickerDialog';

/**
 * Adds a music folder and scans it, showing progress. "Browse…" opens the OS folder dialog
 * where the shell has one (Electron); in browser mode the page cannot see the host's disk, so
 * the host's own folder picker opens instead. A path can also be typed.
 */
export function AddFolder({ compact }: { compact?: boolean }) {
  const { host } = useModel();
  const { library } = usePlayerContext();
  const scan = useLibrary((s) => s.scan);
  const [path, setPath] = useState('');
  const [picking, setPicking] = useState(false);
  const busy = scan !== null && scan.phase !== 'done';
  const add = (p: string) => void library.addFolder(p).then((ok) => ok && setPath(''));
  const browse = async () => {
    // The native dialog when there is one; otherwise (or if asking fails) the in-app picker.
    const native = await host.call('library.folders.pick').catch(() => ({ supported: false, path: null }));
    if (!native.supported) return setPicking(true);
    if (native.path) add(native.path);
  };
  return (
    <form className="flex flex-col gap-2" onSubmit={(e) => (e.preventDefault(), path.trim() && add(path.trim()))}>
      <div className="flex gap-2">
        <input aria-label="Music folder path" placeholder="/home/me/Music" data-testid="folder-path" value={path} onChange={(e) => setPath(e.target.value)} className={`h-9 rounded-lg border border-line bg-raised px-3 text-sm ${compact ? 'w-48' : 'w-96'}`} />
        <Button size={compact ? 'sm' : 'md'} data-testid="browse-folder" disabled={busy} onClick={() => void browse()} className="shrink-0 whitespace-nowrap">
          Browse…
        </Button>
        <Button type="submit" size={compact ? 'sm' : 'md'} variant="primary" pending={busy} data-testid="add-folder" className="shrink-0 whitespace-nowrap">
          Add folder
        </Button>
      </div>
      {picking && <FolderPickerDialog onClose={() => setPicking(false)} onPick={(p) => (setPicking(false), add(p))} />}
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
