import { useState } from 'react';
import { useSession } from '../../app/ModelContext';
import { selectUser } from '../../model/sessionStore';
import { cx } from '../../ui/cx';
import { useSharedPlaylists, useSharedPlaylistsModel } from './sharedPlaylists';

const STATE_DOT: Record<string, string> = { synced: 'bg-ok', merged: 'bg-ok', syncing: 'bg-warn', offline: 'bg-ink-faint', local: 'bg-ink-faint' };

/** The library sidebar's "Shared playlists": collaborative playlists, your role in each, and a new one. */
export function SharedPlaylistsNav() {
  const shared = useSharedPlaylistsModel();
  const playlists = useSharedPlaylists((s) => s.playlists);
  const selected = useSharedPlaylists((s) => s.selected);
  const signedIn = useSession((s) => selectUser(s) !== null);
  const [newName, setNewName] = useState<string | null>(null);
  return (
    <div data-shared-playlists data-testid="shared-playlists">
      <p className="mt-4 flex items-center justify-between px-3 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">
        Shared playlists
        {signedIn && (
          <button type="button" aria-label="New shared playlist" data-testid="shared-playlist-new" onClick={() => setNewName('')} className="text-base text-ink-muted hover:text-ink">
            +
          </button>
        )}
      </p>
      {newName !== null && (
        <form onSubmit={(e) => (e.preventDefault(), newName.trim() && void shared.create(newName.trim()).then(() => setNewName(null)))}>
          <input autoFocus aria-label="New shared playlist name" data-testid="shared-playlist-new-name" value={newName} onChange={(e) => setNewName(e.target.value)} onBlur={() => !newName && setNewName(null)} className="mx-1 h-8 w-[calc(100%-0.5rem)] rounded-md border border-line bg-raised px-2 text-sm" />
        </form>
      )}
      {!signedIn && <p className="px-3 py-1 text-xs text-ink-faint">Sign in to make playlists with friends.</p>}
      {playlists.map((p) => (
        <button
          key={p.id}
          type="button"
          data-testid={`shared-playlist-${p.id}`}
          aria-current={selected === p.id ? 'page' : undefined}
          onClick={() => void shared.select(p.id)}
          className={cx('flex w-full items-center gap-2 rounded-md px-3 py-1.5 text-left text-sm', selected === p.id ? 'bg-raised text-ink' : 'text-ink-muted hover:bg-raised/60')}
        >
          <span aria-hidden className={cx('h-1.5 w-1.5 shrink-0 rounded-full', STATE_DOT[p.state])} title={p.state} />
          <span className="min-w-0 flex-1 truncate">{p.name}</span>
          {p.role !== 'owner' && <span className="text-[10px] text-ink-faint">{p.role}</span>}
        </button>
      ))}
    </div>
  );
}
