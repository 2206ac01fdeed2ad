import type { LibraryTrack } from '@encore/shared/host/library';
import { DownloadIcon } from '../downloads/DownloadIcon';
import { QUALITY_LABELS } from '../downloads/format';

/**
 * Marks a catalog track downloaded for offline play among the user's own files: an arrow and the
 * download's quality ("Normal"), with the details in the tooltip. `compact` (table rows, where
 * every pixel of the column counts) shows the arrow alone, Spotify-style; the quality stays in
 * its label and tooltip. Nothing for local files.
 */
export function DownloadedBadge({ track, compact = false }: { track: LibraryTrack; compact?: boolean }) {
  if (track.source !== 'catalog' || !track.download) return null;
  const quality = QUALITY_LABELS[track.download.quality];
  const until = track.download.offlineUntil ? ` · plays offline until ${new Date(track.download.offlineUntil).toLocaleDateString()}` : '';
  return (
    <span
      data-testid="song-downloaded"
      data-quality={track.download.quality}
      title={`Downloaded from the catalog · ${quality}${until}`}
      aria-label={`Downloaded, ${quality}`}
      role="img"
      className="inline-flex shrink-0 items-center gap-0.5 rounded-full border border-accent/40 text-[10px] font-medium leading-4 text-accent"
      style={{ padding: compact ? 1 : '0 6px' }}
    >
      <span style={{ display: 'inline-block', width: 10, height: 10 }}>
        <DownloadIcon />
      </span>
      {compact ? null : quality.split(' · ')[0]}
    </span>
  );
}
