import { useState } from 'react';
import { artworkUrl, type ArtworkSize } from '@encore/shared/host/library';
import { cx } from '../../ui/cx';
import { NoteIcon } from '../player/icons';

/**
 * A cover thumbnail served by the host (`media/artwork/<px>/<hash>`: made once, then cached
 * on disk and, being immutable, by the browser). Loaded lazily, so a grid fetches only the
 * covers scrolled into view; a note icon stands in while there is none or it fails.
 */
export function AlbumArt({ hash, px, alt, className }: { hash: string | null; px: ArtworkSize; alt: string; className?: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  const show = hash !== null && failed !== hash;
  return (
    <span className={cx('relative grid place-items-center overflow-hidden bg-gradient-to-br from-raised to-surface text-ink-faint [&>svg]:size-10', className)}>
      {show ? (
        <img src={artworkUrl(hash, px)} alt={alt} loading="lazy" decoding="async" draggable={false} data-testid="album-art" onError={() => setFailed(hash)} className="absolute inset-0 size-full object-cover" />
      ) : (
        <NoteIcon />
      )}
    </span>
  );
}
