import { useCallback, useEffect, useState } from 'react';
import type { StudioRole } from '@encore/shared/api/studio';
import type { ServerVersion } from '@encore/shared/api/studioVersions';
import type { HostClient } from '@encore/shared/host/client';
import type { VersionSummary } from '@encore/shared/host/projects';
import { Button } from '../../../ui/Button';
import { cx, focusRing } from '../../../ui/cx';
import { studioMessage } from '../model/studioErrors';
import { editedAgo } from './relativeTime';

/** Who took a server version and when: "Named by eddie · 5 minutes ago". */
function serverVersionLine(v: ServerVersion): string {
  const who = v.createdBy ? ` by ${v.createdBy.username}` : '';
  return `${v.kind === 'named' ? 'Named' : 'Automatic'}${who} · ${editedAgo(v.createdAt)}`;
}

/**
 * A project's versions: name a snapshot of how it sounds now, or restore an earlier one. A
 * restore is a new change on top (the host keeps an automatic version of what it replaced), so
 * nothing is ever lost and collaborators receive it like any edit. For a shared project the
 * server's versions (everyone's, with who took them) are listed beside this computer's; owners
 * and editors can name one for everyone and restore one, which the server applies for all.
 */
export function VersionsDialog({ host, projectId, title, onClose }: { host: Pick<HostClient, 'call'>; projectId: string; title: string; onClose: () => void }) {
  const [versions, setVersions] = useState<readonly VersionSummary[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  /** The shared project's role and versions on the server; null while local only (or unknown). */
  const [shared, setShared] = useState<{ role: StudioRole | null; versions: readonly ServerVersion[] | null; error: string | null } | null>(null);
  const load = useCallback(async () => {
    try {
      setVersions(await host.call('projects.versions.list', { projectId }));
    } catch (e) {
      setError(studioMessage(e));
    }
    let status;
    try {
      status = await host.call('collab.status', { projectId });
    } catch {
      return; // No collaboration here (a host without it): local versions only.
    }
    if (!status.serverProjectId) return setShared(null);
    try {
      const list = await host.call('collab.versions', { projectId });
      setShared({ role: status.role, versions: list, error: null });
    } catch (e) {
      setShared({ role: status.role, versions: null, error: studioMessage(e) });
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
  const saveShared = () =>
    act('save-shared', async () => {
      const saved = await host.call('collab.versions.save', { projectId, name: name.trim() });
      setName('');
      return `Saved “${saved.name}” for everyone on the project.`;
    });
  const restoreShared = (v: ServerVersion) =>
    act(v.id, async () => {
      const { backup } = await host.call('collab.versions.restore', { projectId, versionId: v.id });
      return `Restored “${v.name}” for everyone. What it replaced is kept on the server as “${backup.name}”.`;
    });
  const canWrite = shared?.role === 'owner' || shared?.role === 'editor';

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
            className={cx('h-8 min-w-0 flex-1 rounded-md border border-line bg-canvas px-2 text-[13px]', focusRing)}
          />
          <Button size="sm" variant="primary" type="submit" data-testid="save-version" disabled={!name.trim()} pending={pending === 'save'}>
            Save version
          </Button>
          {canWrite && (
            <Button size="sm" variant="secondary" data-testid="save-shared-version" disabled={!name.trim()} pending={pending === 'save-shared'} onClick={() => void saveShared()}>
              Save for everyone
            </Button>
          )}
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
        <div className="min-h-0 flex-1 overflow-y-auto">
          {shared && <h3 className="px-4 pt-3 text-[11px] font-semibold tracking-wide text-ink-faint uppercase">On this computer</h3>}
          <ul className="divide-y divide-line px-1 py-2" data-testid="versions-list">
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
          {shared && (
            <section data-testid="server-versions" aria-label="Shared versions on the server">
              <h3 className="border-t border-line px-4 pt-3 text-[11px] font-semibold tracking-wide text-ink-faint uppercase">Shared with collaborators</h3>
              {shared.error && (
                <p role="alert" className="mx-4 mt-2 text-sm text-danger" data-testid="server-versions-error">
                  {shared.error}
                </p>
              )}
              <ul className="divide-y divide-line px-1 py-2" data-testid="server-versions-list">
                {shared.versions === null && !shared.error && <li className="px-3 py-2 text-sm text-ink-faint">Loading…</li>}
                {shared.versions?.length === 0 && <li className="px-3 py-2 text-sm text-ink-faint">No shared versions yet. The server keeps one automatically every hour of editing.</li>}
                {shared.versions?.map((v) => (
                  <li key={v.id} data-testid={`server-version-${v.name}`} className="flex items-center gap-2 px-3 py-2">
                    <div className="min-w-0 flex-1">
                      <div className="truncate text-[13px] font-medium text-ink">{v.name}</div>
                      <div className="text-[11px] text-ink-faint" data-testid="server-version-by">
                        {serverVersionLine(v)}
                      </div>
                    </div>
                    {canWrite &&
                      (confirming === v.id ? (
                        <>
                          <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                            Cancel
                          </Button>
                          <Button size="sm" variant="primary" data-testid="confirm-server-restore" pending={pending === v.id} onClick={() => void restoreShared(v)}>
                            Restore for everyone
                          </Button>
                        </>
                      ) : (
                        <Button size="sm" variant="secondary" data-testid="restore-server-version" onClick={() => setConfirming(v.id)}>
                          Restore…
                        </Button>
                      ))}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
