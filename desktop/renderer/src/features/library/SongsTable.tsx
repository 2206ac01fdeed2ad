import { useCallback } from 'react';
import { useStore } from 'zustand';
import type { LibraryTrack, SongSort } from '@encore/shared/host/library';
import { cx } from '../../ui/cx';
import { formatTime } from '../player/format';
import { HeartIcon } from '../player/icons';
import { useLibrary, usePlayer, usePlayerContext } from '../player/PlayerContext';
import { DownloadedBadge } from './DownloadedBadge';
import { TrackMenu } from './TrackMenu';
import { VirtualList } from './VirtualList';

const ROW = 40;
// Narrow (the queue panel open): number, title, artist, time, menu; album, year and rating from 48rem.
const COLS = 'grid grid-cols-[2rem_minmax(0,3fr)_minmax(0,2fr)_3rem_2rem] @3xl:grid-cols-[2.5rem_minmax(0,3fr)_minmax(0,2fr)_minmax(0,2fr)_3.5rem_6rem_4rem_2rem] items-center gap-3 px-4';
const WIDE = 'hidden @3xl:block';

function Stars({ track }: { track: LibraryTrack }) {
  const { library } = usePlayerContext();
  return (
    <span className="flex" aria-label={`Rating ${track.rating} of 5`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button key={n} type="button" aria-label={`Rate ${n}`} data-testid={`rate-${n}`} onClick={() => void library.setRating(track, track.rating === n ? 0 : n)} className={cx('text-[13px] leading-none', n <= track.rating ? 'text-warn' : 'text-line-strong hover:text-ink-faint')}>
          ★
        </button>
      ))}
    </span>
  );
}

/** The songs of the current view: 100k rows virtualised, sortable headers, likes, ratings, menus. */
export function SongsTable({ sortable = true }: { sortable?: boolean }) {
  const { library, player } = usePlayerContext();
  const { rows, total, version } = useStore(library.songs.store);
  const sort = useLibrary((s) => s.sort);
  const order = useLibrary((s) => s.order);
  const playingId = usePlayer((s) => s.queue.entries[s.queue.pos]?.trackId ?? null);
  const onRange = useCallback((a: number, b: number) => library.songs.ensure(a, b), [library]);
  // Queues the loaded rows around the clicked song (up to 1000 of the view), like an album.
  const play = (index: number) => {
    const window: LibraryTrack[] = [];
    let start = 0;
    for (let i = Math.max(0, index - 200); i < Math.min(total, index + 800); i++) {
      const t = rows[i];
      if (!t) continue;
      if (i === index) start = window.length;
      window.push(t);
    }
    return player.playTracks(window, start);
  };
  const header = (label: string, key: SongSort | null) => (
    <span role="columnheader" aria-sort={key && sort === key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      {key && sortable ? (
        <button type="button" data-testid={`sort-${key}`} onClick={() => void library.setSort(key)} className="hover:text-ink">
          {label} {sort === key ? (order === 'asc' ? '↑' : '↓') : ''}
        </button>
      ) : (
        label
      )}
    </span>
  );
  return (
    <div className="@container flex min-h-0 flex-1 flex-col">
      <div className={cx(COLS, 'h-9 shrink-0 border-b border-line text-[11px] font-semibold uppercase tracking-wider text-ink-faint')}>
        <span>#</span>
        {header('Title', 'title')}
        {header('Artist', 'artist')}
        <span className={WIDE}>{header('Album', 'album')}</span>
        <span className={WIDE}>{header('Year', 'year')}</span>
        <span className={WIDE}>{header('Rating', 'rating')}</span>
        {header('Time', 'duration')}
        <span />
      </div>
      <VirtualList
        testId="songs-list"
        label="Songs"
        count={total}
        rowHeight={ROW}
        resetKey={version}
        onRange={onRange}
        renderRow={(i) => {
          const t = rows[i];
          if (!t) return <div className={cx(COLS, 'h-full text-ink-faint')}>{i + 1}</div>;
          const current = t.id === playingId;
          return (
            <div data-testid="song-row" data-track-id={t.id} onDoubleClick={() => void play(i)} className={cx(COLS, 'group h-full text-sm hover:bg-raised/70', current && 'text-accent')}>
              <span className="tabular-nums text-ink-faint">
                <button type="button" aria-label={`Play ${t.title}`} data-testid="song-play" onClick={() => void play(i)} className="w-6 text-left group-hover:text-ink">
                  <span className="group-hover:hidden">{current ? '♪' : i + 1}</span>
                  <span className="hidden group-hover:inline">▶</span>
                </button>
              </span>
              <span className="flex min-w-0 items-center gap-2">
                <span data-testid="song-title" className={cx('truncate', current ? 'text-accent' : 'text-ink')}>{t.title}</span>
                <button type="button" aria-label={t.liked ? 'Unlike' : 'Like'} aria-pressed={t.liked} data-testid="song-like" onClick={() => void library.setLiked(t, !t.liked)} className={cx('shrink-0', t.liked ? 'text-accent' : 'text-transparent group-hover:text-ink-faint')}>
                  <HeartIcon width={14} height={14} />
                </button>
              </span>
              {/* Like Spotify, the downloaded mark leads the artist line: the title keeps its room. */}
              <span className="flex min-w-0 items-center gap-1.5 text-ink-muted">
                <DownloadedBadge track={t} compact />
                <span className="truncate">{t.artists.join(', ')}</span>
              </span>
              <span className={cx(WIDE, 'truncate text-ink-muted')}>{t.album ?? ''}</span>
              <span className={cx(WIDE, 'tabular-nums text-ink-faint')}>{t.year ?? ''}</span>
              <span className={WIDE}>
                <Stars track={t} />
              </span>
              <span className="tabular-nums text-ink-faint">{formatTime(t.durationSec ?? 0)}</span>
              <TrackMenu track={t} />
            </div>
          );
        }}
      />
    </div>
  );
}
