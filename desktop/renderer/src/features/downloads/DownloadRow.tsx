import type { Download } from '@encore/shared/host/downloads';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { formatBytes, progressOf, QUALITY_LABELS, statusOf } from './format';

export interface DownloadRowActions {
  pause(id: string): void;
  resume(id: string): void;
  retry(id: string): void;
  remove(id: string): void;
  play(d: Download): void;
}

const TONE = { queued: 'neutral', downloading: 'accent', paused: 'neutral', failed: 'danger', revoked: 'danger', done: 'ok' } as const;
const LABEL = { queued: 'Queued', downloading: 'Downloading', paused: 'Paused', failed: 'Failed', revoked: 'Revoked', done: 'Downloaded' } as const;

/** One download: what it is, how far it got, and what the user can do with it. */
export function DownloadRow({ d, playing, actions }: { d: Download; playing: boolean; actions: DownloadRowActions }) {
  const p = progressOf(d);
  const active = d.state !== 'done' && d.state !== 'revoked';
  return (
    <li data-testid={`download-${d.id}`} data-state={d.state} className="flex items-center gap-4 border-b border-line/60 px-4 py-3 last:border-b-0">
      <button
        type="button"
        aria-label={playing ? `Stop ${d.title}` : `Play ${d.title}`}
        data-testid={`download-play-${d.id}`}
        disabled={!d.playable}
        onClick={() => actions.play(d)}
        className={cx('grid size-9 shrink-0 place-items-center rounded-full border border-line text-ink', d.playable ? 'hover:bg-raised' : 'opacity-30')}
      >
        {playing ? '■' : '▶'}
      </button>
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2">
          <span className="truncate text-sm font-medium text-ink">{d.title}</span>
          <Badge tone={TONE[d.state]} data-testid={`download-state-${d.id}`}>
            {LABEL[d.state]}
          </Badge>
        </div>
        <div className="mt-0.5 truncate text-[13px] text-ink-muted">
          {d.artist} · {QUALITY_LABELS[d.quality]}
          {d.totalBytes ? ` · ${formatBytes(d.totalBytes)}` : ''}
        </div>
        {active && (
          <div role="progressbar" aria-label={`${d.title} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((p ?? 0) * 100)} className="mt-2 h-1.5 overflow-hidden rounded-full bg-raised">
            <div className={cx('h-full rounded-full transition-[width]', d.state === 'failed' ? 'bg-danger' : d.state === 'paused' ? 'bg-ink-faint' : 'bg-accent')} style={{ width: `${(p ?? 0) * 100}%` }} />
          </div>
        )}
        <div data-testid={`download-status-${d.id}`} className={cx('mt-1 text-xs', d.state === 'failed' || d.state === 'revoked' || (d.state === 'done' && !d.playable) ? 'text-danger' : 'text-ink-faint')}>
          {statusOf(d)}
        </div>
      </div>
      <div className="flex shrink-0 gap-2">
        {(d.state === 'queued' || d.state === 'downloading') && (
          <Button size="sm" variant="ghost" data-testid={`download-pause-${d.id}`} onClick={() => actions.pause(d.id)}>
            Pause
          </Button>
        )}
        {d.state === 'paused' && (
          <Button size="sm" data-testid={`download-resume-${d.id}`} onClick={() => actions.resume(d.id)}>
            Resume
          </Button>
        )}
        {d.state === 'failed' && (
          <Button size="sm" data-testid={`download-retry-${d.id}`} onClick={() => actions.retry(d.id)}>
            Retry
          </Button>
        )}
        <Button size="sm" variant="danger" data-testid={`download-remove-${d.id}`} onClick={() => actions.remove(d.id)}>
          Remove
        </Button>
      </div>
    </li>
  );
}
