import { useEffect, useState } from 'react';
import type { SharedProject } from '@encore/shared/host/collab';
import { useModel, useSession } from '../../../app/ModelContext';
import { selectUser } from '../../../model/sessionStore';
import { Button } from '../../../ui/Button';

/**
 * Projects on the sync-server the user owns or was invited to, with a way to open each (the
 * host creates the local replica on first open). Shown only when signed in and reachable.
 */
export function SharedWithMe({ onOpen }: { onOpen(projectId: string): void }) {
  const { host } = useModel();
  const userId = useSession((s) => selectUser(s)?.id ?? null);
  const [shared, setShared] = useState<SharedProject[] | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!userId) return;
    let live = true;
    host.call('collab.sharedWithMe').then(
      (list) => live && setShared(list),
      () => live && setShared(null),
    );
    return () => {
      live = false;
    };
  }, [host, userId]);
  if (!userId || !shared || shared.length === 0) return null;
  const open = async (p: SharedProject) => {
    setOpening(p.project.id);
    setError(null);
    try {
      const local = p.localProjectId ?? (await host.call('collab.openShared', { serverProjectId: p.project.id })).id;
      onOpen(local);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setOpening(null);
    }
  };
  return (
    <section data-testid="shared-with-me" className="mt-8">
      <h2 className="text-sm font-semibold text-ink">Shared projects</h2>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {shared.map((p) => (
          <li key={p.project.id} data-testid="shared-project" data-name={p.project.name} className="flex items-center justify-between rounded-lg border border-line bg-raised px-3 py-2 text-sm">
            <span className="truncate text-ink">
              {p.project.name} <span className="text-ink-faint">· {p.project.role}</span>
            </span>
            <Button size="sm" variant="secondary" data-testid="shared-open" pending={opening === p.project.id} onClick={() => void open(p)}>
              Open
            </Button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" data-testid="shared-error" className="mt-2 text-xs text-danger">
          {error}
        </p>
      )}
    </section>
  );
}
