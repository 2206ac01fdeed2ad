import type { CatalogTrack } from '@encore/shared/api/catalog';
import { cx } from '../../ui/cx';
import { DownloadButton } from '../downloads/DownloadButton';
import { formatTime } from '../player/format';
import { PauseIcon, PlayIcon, QueueIcon } from '../player/icons';
import { MarkButton } from './MarkButton';
import { useStoreNav } from './storePages';
import { useIsCurrent, useStorePlayer } from './useStorePlayer';

const COLS = 'grid grid-cols-[2rem_minmax(0,3fr)_minmax(0,2fr)_3rem_auto] items-center gap-3';

/** One catalog track: play (the list from here on becomes the queue), like, add to queue, download. */
function TrackRow({ tracks, index, numbered, album }: { tracks: readonly CatalogTrack[]; index: number; numbered: boolean; album: string | undefined }) {
  const track = tracks[index]!;
  const player = useStorePlayer();
  const nav = useStoreNav();
  const { current, playing: active } = useIsCurrent(track.id);
  return (
    <li data-testid="store-track" data-track-id={track.id} className={cx(COLS, 'group rounded-md px-3 py-1.5 hover:bg-raised/60', current && 'bg-raised/40')}>
      <button type="button" aria-label={active ? `Pause ${track.title}` : `Play ${track.title}`} data-testid="store-track-play" onClick={() => void (current ? player.toggle() : player.playTracks(tracks, index, album))} className="flex size-7 items-center justify-center rounded-full text-ink-muted hover:bg-accent hover:text-accent-ink [&>svg]:size-4">
        {active ? <PauseIcon /> : numbered ? <span className="text-xs tabular-nums group-hover:hidden">{track.trackNumber ?? index + 1}</span> : <PlayIcon />}
        {!active && numbered && <span className="hidden group-hover:inline [&>svg]:size-4"><PlayIcon /></span>}
      </button>
      <span className="min-w-0">
        <span className={cx('block truncate text-sm', current ? 'text-accent' : 'text-ink')}>
          {track.title}
          {track.explicit && <span title="Explicit" className="ml-2 rounded-sm bg-line px-1 text-[10px] font-semibold text-ink-muted">E</span>}
        </span>
        <span className="block truncate text-xs text-ink-faint">{track.genres.join(' · ')}</span>
      </span>
      <button type="button" className="truncate text-left text-sm text-ink-muted hover:text-ink hover:underline" onClick={() => nav.open({ kind: 'artist', id: track.artistId })}>
        {track.artistName}
      </button>
      <span className="text-right text-xs tabular-nums text-ink-faint">{formatTime(track.durationMs / 1000)}</span>
      <span className="flex items-center gap-2">
        <MarkButton kind="like" id={track.id} compact />
        <button type="button" aria-label={`Add ${track.title} to the queue`} title="Add to queue" data-testid="store-track-queue" onClick={() => player.addToQueue([track], album)} className="size-5 text-ink-faint hover:text-ink [&>svg]:size-4">
          <QueueIcon />
        </button>
        <DownloadButton target={{ kind: 'track', trackId: track.id }} />
      </span>
    </li>
  );
}

/** Catalog tracks as rows; `numbered` shows album positions instead of play icons; `album` names the album they come from. */
export function TrackList({ tracks, numbered = false, empty = 'No tracks yet.', album }: { tracks: readonly CatalogTrack[]; numbered?: boolean; empty?: string; album?: string }) {
  if (tracks.length === 0) return <p className="px-3 text-sm text-ink-faint">{empty}</p>;
  return (
    <ol className="flex flex-col">
      {tracks.map((t, i) => (
        <TrackRow key={t.id} tracks={tracks} index={i} numbered={numbered} album={album} />
      ))}
    </ol>
  );
}
