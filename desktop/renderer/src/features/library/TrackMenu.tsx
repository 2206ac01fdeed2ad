import { useState } from 'react';
import type { LibraryTrack } from '@encore/shared/host/library';
import { cx, focusRing } from '../../ui/cx';
import { useLibrary, usePlayerContext } from '../player/PlayerContext';
import { SharedPlaylistMenuItems } from './SharedPlaylistMenuItems';

/** The "…" menu of a track: play now/next, add to queue, add to a playlist. */
export function TrackMenu({ track, onRemove }: { track: LibraryTrack; onRemove?: () => void }) {
  const { player, library } = usePlayerContext();
  const playlists = useLibrary((s) => s.playlists);
  const [open, setOpen] = useState(false);
  const item = 'block w-full rounded-md px-3 py-1.5 text-left text-sm hover:bg-raised';
  const act = (f: () => void) => () => {
    f();
    setOpen(false);
  };
  return (
    <div className="relative" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" aria-label={`More for ${track.title}`} aria-haspopup="menu" aria-expanded={open} data-testid="track-menu" onClick={() => setOpen(!open)} className={cx('grid size-7 place-items-center rounded-md text-ink-muted hover:bg-raised hover:text-ink', focusRing)}>
        ⋯
      </button>
      {open && (
        <div role="menu" style={{ position: 'absolute', zIndex: 50 }} className="right-0 top-8 w-56 rounded-lg border border-line bg-surface p-1 shadow-xl">
          <button role="menuitem" className={item} data-testid="menu-play-now" onClick={act(() => void player.playNow(track))}>Play now</button>
          <button role="menuitem" className={item} data-testid="menu-play-next" onClick={act(() => player.playNext([track]))}>Play next</button>
          <button role="menuitem" className={item} data-testid="menu-add-queue" onClick={act(() => player.addToQueue([track]))}>Add to queue</button>
          {playlists.length > 0 && <p className="px-3 pt-2 text-[11px] uppercase tracking-wider text-ink-faint">Add to playlist</p>}
          {playlists.map((p) => (
            <button key={p.id} role="menuitem" className={item} data-testid={`menu-add-playlist-${p.id}`} onClick={act(() => void library.addToPlaylist(p.id, [track.id]))}>
              {p.name}
            </button>
          ))}
          <SharedPlaylistMenuItems track={track} className={item} onDone={() => setOpen(false)} />
          {onRemove && (
            <button role="menuitem" className={cx(item, 'text-danger')} data-testid="menu-remove" onClick={act(onRemove)}>
              Remove from playlist
            </button>
          )}
        </div>
      )}
    </div>
  );
}
