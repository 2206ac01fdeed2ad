import { useStore } from 'zustand';
import type { LibraryTrack } from '@encore/shared/host/library';
import { Button } from '../../ui/Button';
import { formatTime } from '../player/format';
import { usePlayerContext } from '../player/PlayerContext';
import { AlbumArt } from './AlbumArt';

/**
 * The top of an album's page: its cover, names, year, length, and play / shuffle. Derived
 * from the album's loaded songs (an album fits in the first page), so it needs no query of
 * its own and shows the same artwork the grid showed.
 */
export function AlbumHeader({ album, albumArtist }: { album: string; albumArtist: string | null }) {
  const { library, player } = usePlayerContext();
  const { rows, total } = useStore(library.songs.store);
  const tracks = rows.filter((t): t is LibraryTrack => t !== undefined);
  const first = tracks[0];
  const art = tracks.find((t) => t.artworkHash)?.artworkHash ?? null;
  const artist = albumArtist ?? first?.albumArtist ?? first?.artists.join(', ') ?? null;
  const seconds = tracks.reduce((s, t) => s + (t.durationSec ?? 0), 0);
  const years = tracks.flatMap((t) => (t.year ? [t.year] : []));
  const year = years.length > 0 ? Math.max(...years) : null;
  return (
    <div data-testid="album-header" className="flex shrink-0 items-end gap-6 px-6 pb-4 pt-5">
      <AlbumArt hash={art} px={512} alt={`Cover of ${album}`} className="size-44 shrink-0 rounded-xl shadow-lg" />
      <div className="min-w-0">
        <p className="text-[11px] font-semibold uppercase tracking-wider text-ink-faint">Album</p>
        <h2 data-testid="view-title" className="mt-1 truncate text-3xl font-bold text-ink">{album}</h2>
        <p className="mt-2 truncate text-sm text-ink-muted">
          {[artist, year, `${total} ${total === 1 ? 'song' : 'songs'}`, seconds > 0 ? formatTime(seconds) : null].filter(Boolean).join(' · ')}
        </p>
        <div className="mt-4 flex gap-2">
          <Button variant="primary" data-testid="album-play" disabled={tracks.length === 0} onClick={() => void player.playTracks(tracks, 0)}>
            ▶ Play
          </Button>
        </div>
      </div>
    </div>
  );
}
