import { useCallback, useEffect, useState } from 'react';
import type { FolderBrowse } from '@encore/shared/host/library';
import { useModel } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { cx, focusRing } from '../../ui/cx';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * "Add folder" in browser mode: the page cannot open the OS dialog on the host's disk, so the
 * host lists folders under the user's home and attached disks (`library.folders.browse`) and
 * this dialog walks them. The host refuses anything outside those roots; its errors (no
 * permission, gone) are shown in place and the user can go back up.
 */
export function FolderPickerDialog({ onPick, onClose }: { onPick: (path: string) => void; onClose: () => void }) {
  const { host } = useModel();
  const [listing, setListing] = useState<FolderBrowse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const open = useCallback(
    async (path?: string) => {
      setLoading(true);
      setError(null);
      try {
        setListing(await host.call('library.folders.browse', path ? { path, showHidden: false } : { showHidden: false }));
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setLoading(false);
      }
    },
    [host],
  );
  useEffect(() => void open(), [open]);

  const crumbs = listing ? breadcrumbs(listing) : [];
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-6" role="dialog" aria-modal aria-label="Choose a music folder" data-testid="folder-picker" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="flex h-[70vh] w-full max-w-xl flex-col rounded-xl border border-line bg-surface shadow-2xl">
        <header className="flex items-center gap-3 border-b border-line px-4 py-3">
          <h2 className="text-[15px] font-semibold">Choose a music folder</h2>
          <div className="ml-auto flex gap-1">
            {listing?.roots.map((r) => (
              <button key={r.path} type="button" onClick={() => void open(r.path)} className={cx('rounded-md px-2 py-1 text-xs', focusRing, listing.path.startsWith(r.path) ? 'bg-raised text-ink' : 'text-ink-muted hover:bg-raised')}>
                {r.name}
              </button>
            ))}
          </div>
        </header>
        <nav aria-label="Folder path" data-testid="folder-picker-path" className="flex flex-wrap items-center gap-0.5 px-4 pt-3 text-xs text-ink-muted">
          {crumbs.map((c, i) => (
            <span key={c.path} className="flex items-center">
              {i > 0 && <span className="px-0.5 text-ink-faint">/</span>}
              <button type="button" onClick={() => void open(c.path)} className={cx('rounded px-1 hover:bg-raised hover:text-ink', focusRing, i === crumbs.length - 1 && 'text-ink')}>
                {c.name}
              </button>
            </span>
          ))}
        </nav>
        <div className="min-h-0 flex-1 overflow-y-auto px-2 py-2" aria-busy={loading}>
          {error && (
            <p role="alert" data-testid="folder-picker-error" className="px-2 py-2 text-sm text-danger">
              {error}
            </p>
          )}
          {listing?.parent && (
            <button type="button" data-testid="folder-picker-up" onClick={() => void open(listing.parent!)} className={cx('flex w-full items-center gap-3 rounded-md px-2 py-1.5 text-left text-sm text-ink-muted hover:bg-raised', focusRing)}>
              <span aria-hidden>↰</span> Up
            </button>
          )}
          <ul>
            {listing?.entries.map((e) => (
              <li key={e.path}>
                <button type="button" data-testid="folder-picker-entry" onClick={() => void open(e.path)} className={cx('flex w-full items-center gap-3 rounded-md px-2 py-1.5 text-left text-sm hover:bg-raised', focusRing)}>
                  <span aria-hidden>📁</span>
                  <span className="truncate">{e.name}</span>
                </button>
              </li>
            ))}
          </ul>
          {listing && listing.entries.length === 0 && !error && <p className="px-2 py-2 text-sm text-ink-faint">No folders inside.</p>}
          {listing?.truncated && <p className="px-2 py-2 text-xs text-ink-faint">Only the first {listing.entries.length} folders are listed.</p>}
        </div>
        <footer className="flex items-center gap-3 border-t border-line px-4 py-3">
          <p data-testid="folder-picker-summary" className="min-w-0 flex-1 text-xs text-ink-muted">
            <span className="block truncate">{listing ? listing.path : 'Loading…'}</span>
            {listing && listing.audioFiles > 0 && <span className="text-ink-faint">{`${listing.audioFiles} audio ${listing.audioFiles === 1 ? 'file' : 'files'} here`}</span>}
          </p>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" data-testid="folder-picker-choose" disabled={!listing || loading} onClick={() => listing && onPick(listing.path)}>
            Add this folder
          </Button>
        </footer>
      </div>
    </div>
  );
}

/** The listed folder's path as clickable steps, starting at the root it is in. */
function breadcrumbs(l: FolderBrowse): { name: string; path: string }[] {
  const root = l.roots.filter((r) => l.path === r.path || l.path.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!root) return [{ name: l.path, path: l.path }];
  const rest = l.path.slice(root.path.length).split('/').filter(Boolean);
  const out = [{ name: root.name, path: root.path }];
  let at = root.path;
  for (const part of rest) {
    at = `${at.replace(/\/$/, '')}/${part}`;
    out.push({ name: part, path: at });
  }
  return out;
}
