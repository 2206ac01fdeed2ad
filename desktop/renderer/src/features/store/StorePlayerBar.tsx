import { NextIcon, PauseIcon, PlayIcon } from '../player/icons';
import { useCatalog, useCatalogPlayer } from './useCatalog';

/** What the Store is streaming: title, artist, play/pause, next, queue length and errors. */
export function StorePlayerBar() {
  const { player } = useCatalog();
  const track = useCatalogPlayer((s) => s.queue[s.pos] ?? null);
  const playing = useCatalogPlayer((s) => s.playing);
  const loading = useCatalogPlayer((s) => s.loading);
  const error = useCatalogPlayer((s) => s.error);
  const upNext = useCatalogPlayer((s) => Math.max(0, s.queue.length - s.pos - 1));
  if (!track && !error) return null;
  return (
    <div data-testid="store-player" className="flex items-center gap-4 border-t border-line bg-shell px-6 py-3">
      <button type="button" aria-label={playing ? 'Pause' : 'Play'} data-testid="store-player-toggle" disabled={!track || loading} onClick={() => void player.toggle()} className="flex size-9 items-center justify-center rounded-full bg-accent text-accent-ink disabled:opacity-50 [&>svg]:size-5">
        {loading ? <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" /> : playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" aria-label="Next" disabled={upNext === 0} onClick={() => void player.next()} className="size-6 text-ink-muted hover:text-ink disabled:opacity-40 [&>svg]:size-5">
        <NextIcon />
      </button>
      <div className="min-w-0 flex-1">
        {track && (
          <p className="truncate text-sm">
            <span data-testid="store-player-title" className="font-medium">{track.title}</span>
            <span className="text-ink-muted"> — {track.artistName}</span>
            {loading && <span className="ml-2 text-xs text-ink-faint">buffering…</span>}
          </p>
        )}
        {error && (
          <p role="alert" data-testid="store-player-error" className="truncate text-xs text-danger">
            {error}
          </p>
        )}
      </div>
      <span data-testid="store-player-upnext" className="text-xs text-ink-faint">
        {upNext > 0 ? `${upNext} up next` : 'Last in queue'}
      </span>
    </div>
  );
}
