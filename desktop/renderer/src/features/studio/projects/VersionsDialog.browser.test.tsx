import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ServerVersion } from '@encore/shared/api/studioVersions';
import type { HostClient } from '@encore/shared/host/client';
import type { VersionSummary } from '@encore/shared/host/projects';
import { EncoreError } from '@encore/shared/errors';
import { VersionsDialog } from './VersionsDialog';

const PROJECT = 'p'.repeat(21);
const SERVER_PROJECT = '00000000-0000-4000-8000-000000000001';
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const local: VersionSummary = { id: 'v'.repeat(21), projectId: PROJECT, name: 'Before the bridge', kind: 'named', createdAt: ago(90), byteLength: 2048 };
const serverVersion = (n: number, over: Partial<ServerVersion>): ServerVersion => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  projectId: SERVER_PROJECT,
  kind: 'named',
  name: `v${n}`,
  createdBy: null,
  createdAt: ago(n),
  sizeBytes: 4096,
  ...over,
});

/** A host that answers the versions dialog's calls, as the desktop host does for a shared project. */
function fakeHost(o: { role: 'owner' | 'editor' | 'viewer' | null; shared: boolean }) {
  const calls: { method: string; params: unknown }[] = [];
  let server = [serverVersion(5, { name: 'Mix for Sam', createdBy: { userId: '00000000-0000-4000-8000-0000000000aa', username: 'eddie' } }), serverVersion(65, { kind: 'auto', name: 'Automatic' })];
  const host = {
    call: async (method: string, params: unknown) => {
      calls.push({ method, params });
      switch (method) {
        case 'projects.versions.list':
          return [local];
        case 'collab.status':
          return { projectId: PROJECT, state: o.shared ? 'synced' : 'local', serverProjectId: o.shared ? SERVER_PROJECT : null, role: o.role, paused: false };
        case 'collab.versions':
          return server;
        case 'collab.versions.restore': {
          const v = server.find((s) => s.id === (params as { versionId: string }).versionId);
          if (!v) throw new EncoreError('NOT_FOUND', 'No such version');
          const backup = serverVersion(0, { kind: 'auto', name: `Before restoring “${v.name}”`, createdBy: { userId: '00000000-0000-4000-8000-0000000000bb', username: 'me' } });
          server = [backup, ...server];
          return { restored: v, backup };
        }
        default:
          throw new EncoreError('BAD_REQUEST', `not served: ${method}`);
      }
    },
  } as unknown as Pick<HostClient, 'call'>;
  return { host, calls };
}

let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  root = undefined;
  document.body.replaceChildren();
});

function mount(host: Pick<HostClient, 'call'>): void {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(<VersionsDialog host={host} projectId={PROJECT} title="Night drive" onClose={() => undefined} />);
}

describe('VersionsDialog with a shared project', () => {
  it('lists the server’s versions with who and when beside the local ones, and restores one for everyone', async () => {
    const { host, calls } = fakeHost({ role: 'editor', shared: true });
    mount(host);
    await expect.element(page.getByTestId('version-Before the bridge')).toBeVisible();
    const named = page.getByTestId('server-version-Mix for Sam');
    await expect.element(named).toBeVisible();
    await expect.element(named.getByTestId('server-version-by')).toHaveTextContent('Named by eddie · 5 minutes ago');
    await expect.element(page.getByTestId('server-version-Automatic').getByTestId('server-version-by')).toHaveTextContent('Automatic · 1 hour ago');
    await page.screenshot({ path: '../../../../../../test-results/screenshots/studio-versions-shared.png', element: page.getByTestId('versions-dialog') });

    await userEvent.click(named.getByTestId('restore-server-version'));
    await userEvent.click(page.getByTestId('confirm-server-restore'));
    await expect.element(page.getByTestId('versions-notice')).toHaveTextContent('Restored “Mix for Sam” for everyone. What it replaced is kept on the server as “Before restoring “Mix for Sam””.');
    expect(calls.filter((c) => c.method === 'collab.versions.restore')).toEqual([{ method: 'collab.versions.restore', params: { projectId: PROJECT, versionId: serverVersion(5, {}).id } }]);
    // The list is read again: the backup the server kept is there, by whom.
    await expect.element(page.getByTestId('server-version-Before restoring “Mix for Sam”').getByTestId('server-version-by')).toHaveTextContent('Automatic by me · just now');
  });

  it('shows a viewer the server’s versions without restore or save-for-everyone', async () => {
    const { host } = fakeHost({ role: 'viewer', shared: true });
    mount(host);
    await expect.element(page.getByTestId('server-version-Mix for Sam')).toBeVisible();
    expect(page.getByTestId('restore-server-version').elements()).toHaveLength(0);
    expect(page.getByTestId('save-shared-version').elements()).toHaveLength(0);
    // Local versions stay the viewer's own to restore.
    expect(page.getByTestId('restore-version').elements()).toHaveLength(1);
  });

  it('shows only local versions for a project that is not shared', async () => {
    const { host, calls } = fakeHost({ role: null, shared: false });
    mount(host);
    await expect.element(page.getByTestId('version-Before the bridge')).toBeVisible();
    await expect.poll(() => calls.some((c) => c.method === 'collab.status')).toBe(true);
    expect(page.getByTestId('server-versions').elements()).toHaveLength(0);
    expect(calls.some((c) => c.method === 'collab.versions')).toBe(false);
  });
});
