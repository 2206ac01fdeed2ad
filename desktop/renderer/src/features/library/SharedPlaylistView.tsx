import { useState } from 'react';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { useSharedPlaylists, useSharedPlaylistsModel } from './sharedPlaylists';

const STATE_LABEL: Record<string, string> = { synced: 'Up to date', merged: 'Up to date', syncing: 'Syncing…', offline: 'Offline — changes are kept here', local: 'Local' };

/**
 * A collaborative playlist: its members, who added each entry and when, reorder by drag and
 * remove (owners and editors), invite by username (owners).
 */
export function SharedPlaylistView() {
  const shared = useSharedPlaylistsModel();
  const detail = useSharedPlaylists((s) => s.detail);
  const members = useSharedPlaylists((s) => s.members);
  const error = useSharedPlaylists((s) => s.error);
  const [drag, setDrag] = useState<number | null>(null);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<'editor' | 'viewer'>('editor');
  if (!detail) return <div data-testid="shared-playlist-loading" className="p-6 text-ink-faint">Loading…</div>;
  const canEdit = detail.role === 'owner' || detail.role === 'editor';
  return (
    <div data-testid="shared-playlist-view" className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 data-testid="shared-playlist-name" className="text-2xl font-semibold">{detail.name}</h2>
        <Badge tone="accent">Shared</Badge>
        <span data-testid="shared-playlist-state" className="text-xs text-ink-muted">{STATE_LABEL[detail.state]}</span>
      </div>
      <p className="mt-1 text-sm text-ink-muted">
        {detail.entries.length} songs · you are {detail.role === 'owner' ? 'the owner' : `a ${detail.role ?? 'member'}`}
      </p>
      <section aria-label="Collaborators" className="mt-4 flex flex-wrap items-center gap-2" data-testid="shared-playlist-members">
        {members.map((m) => (
          <span key={m.userId} data-testid="shared-playlist-member" className="rounded-full border border-line bg-raised px-3 py-1 text-xs">
            {m.username} <span className="text-ink-faint">· {m.role}</span>
          </span>
        ))}
        {detail.role === 'owner' && (
          <form className="flex items-center gap-2" onSubmit={(e) => (e.preventDefault(), username.trim() && void shared.invite(username.trim(), role).then((ok) => ok && setUsername('')))}>
            <input aria-label="Invite by username" placeholder="Invite by username" data-testid="shared-playlist-invite-name" value={username} onChange={(e) => setUsername(e.target.value)} className="h-8 w-44 rounded-md border border-line bg-raised px-2 text-sm" />
            <select aria-label="Role" data-testid="shared-playlist-invite-role" value={role} onChange={(e) => setRole(e.target.value as 'editor' | 'viewer')} className="h-8 rounded-md border border-line bg-raised px-2 text-sm">
              <option value="editor">can edit</option>
              <option value="viewer">can view</option>
            </select>
            <Button size="sm" type="submit" data-testid="shared-playlist-invite">
              Invite
            </Button>
          </form>
        )}
      </section>
      {error && (
        <p role="alert" data-testid="shared-playlist-error" className="mt-2 text-sm text-danger">
          {error}
        </p>
      )}
      <ol className="mt-4" data-testid="shared-playlist-entries">
        {detail.entries.map((e, i) => (
          <li
            key={e.id}
            data-testid="shared-playlist-entry"
            draggable={canEdit}
            onDragStart={() => setDrag(i)}
            onDragOver={(ev) => ev.preventDefault()}
            onDrop={() => {
              if (drag !== null && drag !== i) void shared.move(detail.entries[drag]?.id ?? '', i);
              setDrag(null);
            }}
            className={cx('group flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-raised', drag === i && 'opacity-50')}
          >
            {canEdit && <span aria-hidden className="cursor-grab text-ink-faint">⠿</span>}
            <span className="w-6 text-right text-xs tabular-nums text-ink-faint">{i + 1}</span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm">{e.title || 'Untitled'}</span>
              <span className="block truncate text-xs text-ink-muted">{e.artist}</span>
            </span>
            <span data-testid="shared-playlist-added-by" className="w-48 truncate text-xs text-ink-muted">
              added by {e.addedBy.username} · {new Date(e.addedAt).toLocaleDateString()}
            </span>
            {canEdit && (
              <button type="button" aria-label={`Remove ${e.title}`} data-testid="shared-playlist-remove" onClick={() => void shared.remove(e.id)} className="text-xs text-ink-faint hover:text-danger">
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      {detail.entries.length === 0 && <p className="mt-6 text-sm text-ink-faint">Nothing here yet.</p>}
    </div>
  );
}
