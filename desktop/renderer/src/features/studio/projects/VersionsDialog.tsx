import { useCallback, useEffect, useState } from 'react';
import type { HostClient } from '@encore/shared/host/client';
import type { VersionSummary } from '@encore/shared/host/projects';
import { Button } from '../../../ui/Button';
import { cx, focusRing } from '../../../ui/cx';
import { studioMessage } from '../model/studioErrors';
import { editedAgo } from './relativeTime';

/**
 * A project's versions: name a snapshot of how it sounds now, or restore an earlier one. A
 * restore is a new change on top (the host keeps an automatic version of what it replaced), so
 * nothing is ever lost and collaborators receive it like any edit.
 */
export function VersionsDialog({ host, projectId, title, onClose }: { host: Pick<HostClient, 'call'>; projectId: string; title: string; onClose: () => void }) {
  const [versions, setVersions] = useState<readonly VersionSummary[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setVersions(await host.call('projects.versions.list', { projectId }));
    } catch (e) {
      setError(studioMessage(e));
    }
  }, [host, projectId]);
  useEffect(() => void load(), [load]);

  const act = async (key: string, fn: () => Promise<string>) => {
    setError(null);
    setNotice(null);
    setPending(key);
    try {
      setNotice(await fn());
      await load();
    } catch (e) {
      setError(studioMessage(e));
    } finally {
      setPending(null);
      setConfirming(null);
    }
  };
  const save = () =>
    act('save', async () => {
      const saved = await host.call('projects.versions.save', { projectId, name: name.trim() });
      setName('');
      return `Saved “${saved.name}”.`;
    });
  const restore = (v: VersionSummary) =>
    act(v.id, async () => {
      const { backup } = await host.call('projects.versions.restore', { projectId, versionId: v.id });
      return `Restored “${v.name}”. What it replaced is kept as “${backup.name}”.`;
    });

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-6" role="dialog" aria-modal aria-label={`Versions of ${title}`} data-testid="versions-dialog" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="flex max-h-[80vh] w-full max-w-lg flex-col rounded-xl border border-line bg-surface shadow-2xl">
        <header className="flex items-center border-b border-line px-4 py-3">
          <h2 className="text-[15px] font-semibold">Versions of “{title}”</h2>
          <Button size="sm" variant="ghost" className="ml-auto" onClick={onClose} aria-label="Close versions">
            Close
          </Button>
        </header>
        <form
          className="flex gap-2 border-b border-line px-4 py-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void save();
          }}
        >
          <input
            aria-label="Version name"
            data-testid="version-name"
            placeholder="Name this version, e.g. “Before the bridge”"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            className={cx('h-8 flex-1 rounded-md border border-line bg-canvas px-2 text-[13px]', focusRing)}
          />
          <Button size="sm" variant="primary" type="submit" data-testid="save-version" disabled={!name.trim()} pending={pending === 'save'}>
            Save version
          </Button>
        </form>
        {error && (
          <p role="alert" className="mx-4 mt-3 rounded-lg border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" data-testid="versions-notice" className="mx-4 mt-3 rounded-lg border border-ok/30 bg-ok/5 px-3 py-2 text-sm text-ink">
            {notice}
          </p>
        )}
        <ul className="min-h-0 flex-1 divide-y divide-line overflow-y-auto px-1 py-2" data-testid="versions-list">
          {versions === null && <li className="px-3 py-2 text-sm text-ink-faint">Loading…</li>}
          {versions?.length === 0 && <li className="px-3 py-2 text-sm text-ink-faint">No versions yet. Name one above; Encore also keeps one automatically every few minutes of editing.</li>}
          {versions?.map((v) => (
            <li key={v.id} data-testid={`version-${v.name}`} className="flex items-center gap-2 px-3 py-2">
              <div className="min-w-0 flex-1">
                <div className="truncate text-[13px] font-medium text-ink">{v.name}</div>
                <div className="text-[11px] text-ink-faint">
                  {v.kind === 'named' ? 'Named' : 'Automatic'} · {editedAgo(v.createdAt)}
                </div>
              </div>
              {confirming === v.id ? (
                <>
                  <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                    Cancel
                  </Button>
                  <Button size="sm" variant="primary" data-testid="confirm-restore" pending={pending === v.id} onClick={() => void restore(v)}>
                    Restore this
                  </Button>
                </>
              ) : (
                <Button size="sm" variant="secondary" data-testid="restore-version" onClick={() => setConfirming(v.id)}>
                  Restore…
                </Button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
