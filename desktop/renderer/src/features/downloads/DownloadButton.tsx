import { useState } from 'react';
import type { AudioQuality, SubscriptionTier } from '@encore/shared/domain/user';
import type { DownloadRequest } from '@encore/shared/host/downloads';
import { useSession } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { DownloadIcon } from './DownloadIcon';
import { downloadErrorMessage, progressOf, QUALITY_LABELS } from './format';
import { useDownloads, useDownloadsModel } from './useDownloads';

const ORDER: AudioQuality[] = ['low', 'normal', 'high', 'lossless'];
/** The best quality each plan may download, as the server enforces it. */
const CEILING: Record<SubscriptionTier, AudioQuality> = { free: 'normal', premium: 'high', family: 'high', premium_streamer: 'high', hifi: 'lossless' };

/** What to download, without the quality (the button picks it from the plan). */
export type DownloadTarget = { kind: 'track'; trackId: string } | { kind: 'album'; albumId: string } | { kind: 'playlist'; playlistId: string; title: string; trackIds: string[] };

export interface DownloadButtonProps {
  target: DownloadTarget;
  /** Defaults to the best quality the listener's plan allows. */
  quality?: AudioQuality;
  /** Let the listener pick among the qualities their plan allows. */
  showQuality?: boolean;
  size?: 'sm' | 'md';
}

/**
 * The store's Download action for a track, album or playlist: queues it with the host (which
 * checks the entitlement with the server), then shows its progress and state.
 *
 * @example
 * <DownloadButton target={{ kind: 'album', albumId: album.id }} showQuality />
 */
export function DownloadButton({ target, quality, showQuality = false, size = 'sm' }: DownloadButtonProps) {
  const model = useDownloadsModel();
  const session = useSession((s) => s.session);
  const tier = session.state === 'signed-in' ? session.user.subscriptionTier : 'free';
  const allowed = ORDER.slice(0, ORDER.indexOf(CEILING[tier]) + 1);
  const [picked, setPicked] = useState<AudioQuality>(quality && allowed.includes(quality) ? quality : allowed.at(-1)!);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trackIds = target.kind === 'track' ? [target.trackId] : target.kind === 'playlist' ? target.trackIds : null;
  const items = useDownloads(model, (s) => s.items);
  const mine = trackIds ? items.filter((d) => trackIds.includes(d.trackId)) : items.filter((d) => target.kind === 'album' && d.group?.kind === 'album' && d.group.id === target.albumId);

  const done = mine.length > 0 && mine.every((d) => d.state === 'done');
  const running = mine.filter((d) => d.state === 'queued' || d.state === 'downloading');
  const progress = mine.length ? mine.reduce((n, d) => n + (progressOf(d) ?? 0), 0) / mine.length : 0;

  const start = async () => {
    setPending(true);
    setError(null);
    const req: DownloadRequest = { ...target, quality: picked };
    try {
      await model.add(req);
    } catch (e) {
      setError(downloadErrorMessage(e));
    } finally {
      setPending(false);
    }
  };

  if (session.state !== 'signed-in') return <span className="text-xs text-ink-faint">Sign in to download</span>;
  return (
    <span className="inline-flex flex-col items-start gap-1" data-testid="download-button">
      <span className="inline-flex items-center gap-2">
        {showQuality && !done && running.length === 0 && (
          <select aria-label="Download quality" data-testid="download-quality" value={picked} onChange={(e) => setPicked(e.target.value as AudioQuality)} className="h-8 rounded-md border border-line bg-raised px-2 text-xs">
            {allowed.map((q) => (
              <option key={q} value={q}>
                {QUALITY_LABELS[q]}
              </option>
            ))}
          </select>
        )}
        <Button size={size} variant={done ? 'ghost' : 'secondary'} pending={pending} disabled={done || running.length > 0} onClick={() => void start()} data-testid="download-action">
          <span className="size-4 [&>svg]:size-4">
            <DownloadIcon />
          </span>
          {done ? 'Downloaded' : running.length > 0 ? `Downloading ${Math.round(progress * 100)} %` : 'Download'}
        </Button>
      </span>
      {error && (
        <span role="alert" data-testid="download-button-error" className="text-xs text-danger">
          {error}
        </span>
      )}
    </span>
  );
}
