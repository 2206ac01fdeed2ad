import { useEffect, useState } from 'react';
import { useSession } from '../../app/ModelContext';
import { friendlyMessage } from '../../model/errorMessages';
import type { MarkKind } from '../../model/catalog/catalogApi';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { HeartIcon } from '../player/icons';
import { useLibraryMarks } from './libraryMarks';
import { useCatalog } from './useCatalog';

const LABEL: Record<MarkKind, [string, string]> = { like: ['Like', 'Liked'], save: ['Save', 'Saved'], follow: ['Follow', 'Following'] };

/**
 * Like a track, save an album or follow an artist. Likes and saves live in the user's
 * library-state document, through the host (see `libraryMarks.ts`): they work offline, show
 * on the user's other devices, and the host carries them to the server. Follows go straight
 * to the server: read the viewer's state, flip optimistically, settle on the answer. The
 * count is the server's, moved by how this device's state differs from what it counted.
 */
export function MarkButton({ kind, id, compact = false }: { kind: MarkKind; id: string; compact?: boolean }) {
  const { api } = useCatalog();
  const signedIn = useSession((s) => s.session.state === 'signed-in');
  const synced = kind !== 'follow';
  const [available, marks] = useLibraryMarks((s) => s.available);
  const [marked] = useLibraryMarks((s) => (kind === 'like' ? s.likedTracks : s.savedAlbums).includes(id));
  const [followed, setFollowed] = useState<boolean | null>(null);
  const [stats, setStats] = useState<{ count: number; counted: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.stats(kind, id).then(
      (s) => {
        if (!live) return;
        setFollowed(s.viewer?.active ?? false);
        setStats({ count: s.count, counted: s.viewer?.active ?? false });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, kind, id, signedIn]);
  const active = synced ? marked : !!followed;
  const count = stats === null ? null : stats.count + (active === stats.counted ? 0 : active ? 1 : -1);

  const flip = async () => {
    const next = !active;
    setError(null);
    if (synced) {
      try {
        await (kind === 'like' ? marks.setLiked(id, next) : marks.setSaved(id, next));
      } catch (e) {
        setError(friendlyMessage(e));
      }
      return;
    }
    setFollowed(next);
    try {
      const now = (await api.setMark(kind, id, next)).active;
      setFollowed(now);
      setStats((s) => (s === null ? s : { count: s.count + (now === s.counted ? 0 : now ? 1 : -1), counted: now }));
    } catch (e) {
      setFollowed(!next);
      setError(friendlyMessage(e));
    }
  };
  const enabled = signedIn && (!synced || available);
  const [off, on] = LABEL[kind];
  const title = enabled ? (active ? on : off) : `Sign in to ${off.toLowerCase()}`;
  if (compact)
    return (
      <button type="button" aria-label={title} aria-pressed={!!active} title={error ?? title} disabled={!enabled} data-testid={`mark-${kind}`} onClick={() => void flip()} className={cx('size-5 disabled:opacity-40 [&>svg]:size-4', active ? 'text-accent' : 'text-ink-faint hover:text-ink')}>
        <HeartIcon fill={active ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={2} />
      </button>
    );
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant={active ? 'primary' : 'secondary'} aria-pressed={!!active} disabled={!enabled} title={title} data-testid={`mark-${kind}`} onClick={() => void flip()}>
        {active ? on : off}
        {count !== null && <span className="tabular-nums opacity-70">{count}</span>}
      </Button>
      {error && <span role="alert" className="text-xs text-danger">{error}</span>}
    </span>
  );
}
