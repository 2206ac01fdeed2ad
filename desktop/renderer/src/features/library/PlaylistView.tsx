import { useState } from 'react';
import type { LibraryTrack } from '@encore/shared/host/library';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { formatTime } from '../player/format';
import { useLibrary, usePlayerContext } from '../player/PlayerContext';
import { TrackMenu } from './TrackMenu';

/** A playlist: drag rows to reorder, rename, delete, export to M3U8, play. */
export function PlaylistView({ id }: { id: number }) {
  const { library, player } = usePlayerContext();
  const playlist = useLibrary((s) => s.playlists.find((p) => p.id === id));
  const entries = useLibrary((s) => s.playlistEntries);
  const [drag, setDrag] = useState<number | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [exportPath, setExportPath] = useState('');
  if (!playlist) return null;
  const tracks = entries.map((e) => e.track).filter((t): t is LibraryTrack => t !== null);
  return (
    <div data-testid="playlist-view" className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
      <div className="flex flex-wrap items-center gap-2">
        {name === null ? (
          <h2 data-testid="playlist-name" className="mr-2 text-2xl font-semibold">{playlist.name}</h2>
        ) : (
          <form onSubmit={(e) => (e.preventDefault(), void library.renamePlaylist(id, name).then(() => setName(null)))}>
            <input aria-label="Playlist name" data-testid="playlist-rename-input" autoFocus value={name} onChange={(e) => setName(e.target.value)} className="h-9 rounded-md border border-line bg-raised px-2" />
          </form>
        )}
        <Button size="sm" variant="primary" data-testid="playlist-play" disabled={!tracks.length} onClick={() => void player.playTracks(tracks, 0)}>
          Play
        </Button>
        <Button size="sm" data-testid="playlist-rename" onClick={() => setName(playlist.name)}>
          Rename
        </Button>
        <Button size="sm" variant="danger" data-testid="playlist-delete" onClick={() => void library.deletePlaylist(id)}>
          Delete
        </Button>
        <form className="ml-auto flex gap-2" onSubmit={(e) => (e.preventDefault(), exportPath.trim() && void library.exportM3u(id, exportPath.trim()))}>
          <input aria-label="Export to (M3U8 path)" placeholder="/home/me/playlist.m3u8" data-testid="playlist-export-path" value={exportPath} onChange={(e) => setExportPath(e.target.value)} className="h-8 w-64 rounded-md border border-line bg-raised px-2 text-sm" />
          <Button size="sm" type="submit" data-testid="playlist-export">
            Export M3U8
          </Button>
        </form>
      </div>
      <p className="mt-1 text-sm text-ink-muted">{playlist.entryCount} songs</p>
      <ol className="mt-4" data-testid="playlist-entries">
        {entries.map((e, i) => (
          <li
            key={`${e.position}-${e.trackId}`}
            data-testid="playlist-entry"
            draggable
            onDragStart={() => setDrag(i)}
            onDragOver={(ev) => ev.preventDefault()}
            onDrop={() => {
              if (drag !== null && drag !== i) void library.movePlaylistEntry(id, drag, i);
              setDrag(null);
            }}
            className={cx('group flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-raised', drag === i && 'opacity-50')}
          >
            <span aria-hidden className="cursor-grab text-ink-faint">⠿</span>
            <span className="w-6 text-right text-xs tabular-nums text-ink-faint">{i + 1}</span>
            <button type="button" className="min-w-0 flex-1 text-left" onDoubleClick={() => void player.playTracks(tracks, tracks.findIndex((t) => t.id === e.trackId))}>
              <span className="block truncate text-sm">{e.track?.title ?? 'Missing track'}</span>
              <span className="block truncate text-xs text-ink-muted">{e.track?.artists.join(', ')}</span>
            </button>
            <span className="text-xs tabular-nums text-ink-faint">{formatTime(e.track?.durationSec ?? 0)}</span>
            {e.track && <TrackMenu track={e.track} onRemove={() => void library.removeFromPlaylist(id, i)} />}
          </li>
        ))}
      </ol>
    </div>
  );
}
