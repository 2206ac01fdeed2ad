import type { LibraryTrack } from '@encore/shared/host/library';
import { useSharedPlaylists, useSharedPlaylistsModel } from './sharedPlaylists';

/** "Add to shared playlist" entries of a track's menu: the shared playlists the user may edit. */
export function SharedPlaylistMenuItems({ track, className, onDone }: { track: LibraryTrack; className: string; onDone(): void }) {
  const shared = useSharedPlaylistsModel();
  const playlists = useSharedPlaylists((s) => s.playlists).filter((p) => p.role === 'owner' || p.role === 'editor');
  if (playlists.length === 0) return null;
  return (
    <>
      <p className="px-3 pt-2 text-[11px] uppercase tracking-wider text-ink-faint">Add to shared playlist</p>
      {playlists.map((p) => (
        <button key={p.id} type="button" role="menuitem" className={className} data-testid={`menu-add-shared-${p.id}`} onClick={() => (void shared.addTrack(p.id, track), onDone())}>
          {p.name}
        </button>
      ))}
    </>
  );
}
