import { useCallback, useEffect, useState } from 'react';
import type { HostClient } from '@encore/shared/host/client';
import type { ProjectSummary } from '@encore/shared/host/projects';
import { Button } from '../../../ui/Button';
import { studioMessage } from '../model/studioErrors';
import { editedAgo } from './relativeTime';

/**
 * The projects in the trash: restore one, or delete it forever (the host's two-step purge: a
 * short-lived token asked for, then echoed once the user confirmed).
 */
export function TrashScreen({ host, onRestored }: { host: Pick<HostClient, 'call' | 'on'>; onRestored: () => void }) {
  const [items, setItems] = useState<readonly ProjectSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems(await host.call('projects.list', { trash: true }));
    } catch (e) {
      setError(studioMessage(e));
    }
  }, [host]);
  useEffect(() => {
    void load();
    return host.on('projects.changed', () => void load());
  }, [host, load]);

  const act = async (projectId: string, fn: () => Promise<unknown>) => {
    setError(null);
    setPending(projectId);
    try {
      await fn();
      await load();
    } catch (e) {
      setError(studioMessage(e));
    } finally {
      setPending(null);
      setConfirming(null);
    }
  };
  const restore = (p: ProjectSummary) =>
    act(p.id, async () => {
      await host.call('projects.untrash', { projectId: p.id });
      onRestored();
    });
  const purge = (p: ProjectSummary) =>
    act(p.id, async () => {
      const { confirmToken } = await host.call('projects.purge.request', { projectId: p.id });
      await host.call('projects.purge', { projectId: p.id, confirmToken });
    });

  return (
    <div data-testid="trash-screen" className="mt-6">
      {error && (
        <p role="alert" className="mb-4 rounded-lg border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger">
          {error}
        </p>
      )}
      {items === null ? (
        <p className="text-sm text-ink-faint">Loading…</p>
      ) : items.length === 0 ? (
        <p data-testid="trash-empty" className="rounded-xl border border-dashed border-line px-6 py-10 text-center text-sm text-ink-faint">
          The trash is empty. Deleted projects wait here until you restore them or delete them forever.
        </p>
      ) : (
        <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
          {items.map((p) => (
            <li key={p.id} data-testid={`trash-item-${p.title}`} className="flex items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <div className="truncate text-[14px] font-semibold text-ink">{p.title}</div>
                <div className="text-[12px] text-ink-faint">Deleted {p.deletedAt ? editedAgo(p.deletedAt) : ''}</div>
              </div>
              {confirming === p.id ? (
                <>
                  <span className="text-[13px] text-danger">Delete forever? This cannot be undone.</span>
                  <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                    Cancel
                  </Button>
                  <Button size="sm" variant="danger" data-testid="confirm-purge" pending={pending === p.id} onClick={() => void purge(p)}>
                    Delete forever
                  </Button>
                </>
              ) : (
                <>
                  <Button size="sm" variant="secondary" data-testid="restore-project" pending={pending === p.id} onClick={() => void restore(p)}>
                    Restore
                  </Button>
                  <Button size="sm" variant="ghost" data-testid="purge-project" className="hover:text-danger" onClick={() => setConfirming(p.id)}>
                    Delete forever
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
