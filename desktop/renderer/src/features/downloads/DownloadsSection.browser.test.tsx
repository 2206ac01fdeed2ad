import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { accountUser } from '../../host/testing/fixtures';
import { createMemoryHost } from '../../host/testing/memoryHost';
import { createRoot } from 'react-dom/client';
import { createHostClient } from '@encore/shared/host/client';
import { ModelProvider } from '../../app/ModelContext';
import { createAppModel } from '../../model/appModel';
import { browserHash } from '../../model/navigationStore';
import { fakeNetwork } from '../../model/testing/ports';
import { DownloadButton } from './DownloadButton';

const mira = accountUser({ username: 'mira', subscriptionTier: 'premium' });
const signedIn = { state: 'signed-in' as const, user: mira, accessToken: 'tok', offline: false };
const MB = 1024 * 1024;
const TRACK = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';

afterEach(cleanupApps);

describe('the Downloads view', () => {
  it('shows progress, pauses, resumes, retries and removes, with storage used against the limit', async () => {
    const memory = createMemoryHost({
      session: signedIn,
      downloads: {
        limitBytes: 2 * 1024 * MB,
        items: [
          { title: 'Night Drive', artist: 'Ada', state: 'downloading', receivedBytes: 2 * MB, totalBytes: 8 * MB, group: { kind: 'album', id: 'a1', title: 'Midnight' } },
          { title: 'Dawn', artist: 'Ada', state: 'failed', receivedBytes: 1 * MB, totalBytes: 8 * MB, attempts: 6, error: { code: 'OFFLINE', message: 'The download was interrupted' }, group: { kind: 'album', id: 'a1', title: 'Midnight' } },
          { title: 'Lullaby', artist: 'Bo', state: 'done', receivedBytes: 5 * MB, totalBytes: 5 * MB, playable: true, offlineUntil: new Date(Date.now() + 20 * 86_400_000).toISOString() },
        ],
      },
    });
    await renderApp(memory.link, { hash: '#/downloads' });
    const [drive, dawn, lullaby] = memory.downloads.items;

    await expect.element(page.getByTestId('section-downloads')).toBeVisible();
    await expect.element(page.getByTestId('downloads-storage-used')).toHaveTextContent('8.0 MB');
    await expect.element(page.getByTestId('downloads-storage-limit')).toHaveTextContent('2.0 GB');
    await expect.element(page.getByRole('progressbar', { name: 'Night Drive progress' })).toHaveAttribute('aria-valuenow', '25');
    await expect.element(page.getByTestId(`download-status-${dawn!.id}`)).toHaveTextContent('The download was interrupted');
    await expect.element(page.getByTestId(`download-state-${lullaby!.id}`)).toHaveTextContent('Downloaded');
    await expect.element(page.getByTestId(`download-play-${lullaby!.id}`)).toBeEnabled();
    await expect.element(page.getByTestId(`download-play-${drive!.id}`)).toBeDisabled();
    await expect.element(page.getByRole('region', { name: 'Album · Midnight' })).toBeVisible();

    // Progress pushed by the host moves the bar.
    memory.downloads.progress(drive!.id, 6 * MB);
    await expect.element(page.getByRole('progressbar', { name: 'Night Drive progress' })).toHaveAttribute('aria-valuenow', '75');

    await userEvent.click(page.getByTestId(`download-pause-${drive!.id}`));
    await expect.element(page.getByTestId(`download-state-${drive!.id}`)).toHaveTextContent('Paused');
    expect(memory.callsTo('downloads.pause').at(-1)?.params).toEqual({ ids: [drive!.id] });
    await userEvent.click(page.getByTestId(`download-resume-${drive!.id}`));
    await expect.element(page.getByTestId(`download-state-${drive!.id}`)).toHaveTextContent('Queued');
    await userEvent.click(page.getByTestId(`download-retry-${dawn!.id}`));
    await expect.element(page.getByTestId(`download-state-${dawn!.id}`)).toHaveTextContent('Queued');

    await userEvent.selectOptions(page.getByTestId('downloads-limit'), String(5 * 1024 * MB));
    await expect.element(page.getByTestId('downloads-storage-limit')).toHaveTextContent('5.0 GB');
    expect(memory.callsTo('downloads.setLimit').at(-1)?.params).toEqual({ limitBytes: 5 * 1024 * MB });

    await userEvent.click(page.getByTestId(`download-remove-${lullaby!.id}`));
    await expect.element(page.getByTestId(`download-${lullaby!.id}`)).not.toBeInTheDocument();
    expect(memory.callsTo('downloads.remove').at(-1)?.params).toEqual({ ids: [lullaby!.id] });
  });

  it('lists finished downloads in the library beside the user’s own files', async () => {
    const memory = createMemoryHost({
      session: signedIn,
      library: { tracks: [{ title: 'So What', artists: ['Miles Davis'] }] },
      downloads: { items: [{ title: 'Lullaby', artist: 'Bo', state: 'done', receivedBytes: 5 * MB, totalBytes: 5 * MB, playable: true, offlineUntil: new Date(Date.now() + 86_400_000).toISOString() }] },
    });
    await renderApp(memory.link, { hash: '#/library' });
    await expect.element(page.getByTestId('library-downloaded')).toHaveTextContent('Lullaby');
    await userEvent.click(page.getByTestId('library-downloaded-all'));
    await expect.element(page.getByTestId('section-downloads')).toBeVisible();
  });

  it('says what to do when there is nothing yet', async () => {
    await renderApp(createMemoryHost({ session: signedIn }).link, { hash: '#/downloads' });
    await expect.element(page.getByText('No downloads yet')).toBeVisible();
    await expect.element(page.getByText(/premium 320 kbps/)).toBeVisible();
  });
});

describe('DownloadButton', () => {
  const mount = async (memory: ReturnType<typeof createMemoryHost>) => {
    const container = document.createElement('div');
    document.body.append(container);
    const model = createAppModel({ host: createHostClient(memory.link), link: memory.link, hash: browserHash(), network: fakeNetwork(true) });
    await model.start();
    const root = createRoot(container);
    root.render(
      <ModelProvider model={model}>
        <DownloadButton target={{ kind: 'track', trackId: TRACK }} showQuality />
      </ModelProvider>,
    );
    return () => (root.unmount(), model.dispose(), container.remove());
  };

  it('offers the qualities the plan allows, explains a refusal, then follows the download to the end', async () => {
    const memory = createMemoryHost({ session: signedIn });
    const unmount = await mount(memory);
    try {
      await expect.element(page.getByTestId('download-quality')).toHaveValue('high');
      expect([...page.getByTestId('download-quality').element().querySelectorAll('option')].map((o) => o.value)).toEqual(['low', 'normal', 'high']);
      memory.failNext('downloads.add', { code: 'STORAGE_LIMIT_REACHED', message: 'Not enough room for offline downloads: 9.5 MiB needed, 1.0 MiB left of 64.0 MiB' });
      await userEvent.click(page.getByTestId('download-action'));
      await expect.element(page.getByTestId('download-button-error')).toHaveTextContent('Not enough room for offline downloads');
      await userEvent.click(page.getByTestId('download-action'));
      expect(memory.callsTo('downloads.add').at(-1)?.params).toEqual({ kind: 'track', trackId: TRACK, quality: 'high' });
      await expect.element(page.getByTestId('download-action')).toHaveTextContent('Downloading 0 %');
      const item = memory.downloads.items[0]!;
      memory.downloads.progress(item.id, item.totalBytes! / 2);
      await expect.element(page.getByTestId('download-action')).toHaveTextContent('Downloading 50 %');
      memory.downloads.finish(item.id);
      await expect.element(page.getByTestId('download-action')).toHaveTextContent('Downloaded');
      await expect.element(page.getByTestId('download-action')).toBeDisabled();
    } finally {
      unmount();
    }
  });
});
