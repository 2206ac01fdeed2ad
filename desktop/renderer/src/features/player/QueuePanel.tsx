import { useEffect, useState } from 'react';
import { upNext } from '@encore/audio-engine/player/queue';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { formatTime } from './format';
import { usePlayer, usePlayerContext } from './PlayerContext';

/** Now playing, up next (drag to reorder, click to play, × to remove), clear, and history. */
export function QueuePanel() {
  const { player } = usePlayerContext();
  const queue = usePlayer((s) => s.queue);
  const tracks = usePlayer((s) => s.tracks);
  const [drag, setDrag] = useState<number | null>(null);
  const next = upNext(queue);
  const cur = queue.entries[queue.pos];
  useEffect(() => {
    void player.ensureTracks([...(cur ? [cur.trackId] : []), ...next.slice(0, 100).map((e) => e.trackId), ...queue.history.slice(-20)]);
  }, [player, cur, next, queue.history]);
  const label = (id: string) => tracks[id];
  const row = (id: string) => {
    const t = label(id);
    return (
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm text-ink">{t?.title ?? '…'}</span>
        <span className="block truncate text-xs text-ink-muted">{t?.artists.join(', ')}</span>
      </span>
    );
  };
  return (
    <aside data-testid="queue-panel" aria-label="Queue" className="flex w-80 shrink-0 flex-col border-l border-line bg-shell">
      <div className="flex items-center justify-between px-4 pb-2 pt-4">
        <h2 className="text-base font-semibold">Queue</h2>
        <Button size="sm" variant="ghost" data-testid="queue-clear" onClick={() => player.clear()} disabled={!next.length}>
          Clear
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-4">
        <p className="px-2 pt-2 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">Now playing</p>
        {cur ? <div data-testid="queue-current" className="flex items-center gap-2 rounded-lg bg-accent-soft px-2 py-1.5">{row(cur.trackId)}</div> : <p className="px-2 text-sm text-ink-faint">Nothing</p>}
        <p className="px-2 pt-4 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">Up next · {next.length}</p>
        <ol data-testid="queue-next">
          {next.map((e, i) => {
            const index = queue.pos + 1 + i;
            return (
              <li
                key={e.key}
                data-testid="queue-item"
                draggable
                onDragStart={() => setDrag(index)}
                onDragOver={(ev) => ev.preventDefault()}
                onDrop={() => {
                  if (drag !== null) player.move(drag, index);
                  setDrag(null);
                }}
                className={cx('group flex items-center gap-2 rounded-lg px-2 py-1.5 hover:bg-raised', drag === index && 'opacity-50')}
              >
                <span aria-hidden className="cursor-grab text-ink-faint">⠿</span>
                <button type="button" className="min-w-0 flex-1 text-left" onDoubleClick={() => void player.jump(index)} onKeyDown={(k) => k.key === 'Enter' && void player.jump(index)}>
                  {row(e.trackId)}
                </button>
                <span className="text-xs tabular-nums text-ink-faint">{formatTime(label(e.trackId)?.durationSec ?? 0)}</span>
                <button type="button" aria-label="Remove from queue" data-testid="queue-remove" onClick={() => player.remove(index)} className="text-ink-faint opacity-0 hover:text-ink group-hover:opacity-100">
                  ×
                </button>
              </li>
            );
          })}
        </ol>
        {queue.history.length > 0 && (
          <>
            <p className="px-2 pt-4 text-[11px] font-semibold uppercase tracking-wider text-ink-faint">History</p>
            <ol data-testid="queue-history">
              {queue.history.slice(-20).reverse().map((id, i) => (
                <li key={`${id}-${i}`} className="flex px-2 py-1 opacity-70">
                  {row(id)}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </aside>
  );
}
