import { useEffect, useState } from 'react';
import { useSession } from '../../app/ModelContext';
import { friendlyMessage } from '../../model/errorMessages';
import type { MarkKind } from '../../model/catalog/catalogApi';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { HeartIcon } from '../player/icons';
import { useCatalog } from './useCatalog';

const LABEL: Record<MarkKind, [string, string]> = { like: ['Like', 'Liked'], save: ['Save', 'Saved'], follow: ['Follow', 'Following'] };

/**
 * Like a track, save an album or follow an artist: reads the viewer's state and the count,
 * flips it optimistically and settles on what the server answered.
 */
export function MarkButton({ kind, id, compact = false }: { kind: MarkKind; id: string; compact?: boolean }) {
  const { api } = useCatalog();
  const signedIn = useSession((s) => s.session.state === 'signed-in');
  const [active, setActive] = useState<boolean | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.stats(kind, id).then(
      (s) => {
        if (!live) return;
        setActive(s.viewer?.active ?? false);
        setCount(s.count);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, kind, id, signedIn]);

  const flip = async () => {
    const next = !active;
    setActive(next);
    setCount((c) => (c === null ? c : c + (next ? 1 : -1)));
    setError(null);
    try {
      setActive((await api.setMark(kind, id, next)).active);
    } catch (e) {
      setActive(!next);
      setCount((c) => (c === null ? c : c - (next ? 1 : -1)));
      setError(friendlyMessage(e));
    }
  };
  const [off, on] = LABEL[kind];
  const title = signedIn ? (active ? on : off) : `Sign in to ${off.toLowerCase()}`;
  if (compact)
    return (
      <button type="button" aria-label={title} aria-pressed={!!active} title={error ?? title} disabled={!signedIn} data-testid={`mark-${kind}`} onClick={() => void flip()} className={cx('size-5 disabled:opacity-40 [&>svg]:size-4', active ? 'text-accent' : 'text-ink-faint hover:text-ink')}>
        <HeartIcon />
      </button>
    );
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant={active ? 'primary' : 'secondary'} aria-pressed={!!active} disabled={!signedIn} title={title} data-testid={`mark-${kind}`} onClick={() => void flip()}>
        {active ? on : off}
        {count !== null && <span className="tabular-nums opacity-70">{count}</span>}
      </Button>
      {error && <span role="alert" className="text-xs text-danger">{error}</span>}
    </span>
  );
}
