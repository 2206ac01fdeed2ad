import { afterEach, describe, expect, it } from 'vitest';
// The app's styles, so the screenshot shows the editor as users see it.
import '../../../styles.css';
import { page } from 'vitest/browser';
import { mountEditor, unmountEditors } from '../editor/testing.browser';
import { applyAssetTransfer, resetAssetTransfers } from './assetTransfers';

afterEach(() => {
  unmountEditors();
  resetAssetTransfers();
});

const HASH = 'ab'.repeat(32);
const LATE = 'cd'.repeat(32);

describe('clips whose audio is still on its way', () => {
  it('show download progress or that the owner has not uploaded it yet, and clear when it arrives', async () => {
    await page.viewport(1300, 900);
    const session = mountEditor();
    const trackId = session.api.createTrack({ kind: 'audio', name: 'Guitar' });
    for (const [hash, name] of [[HASH, 'riff'], [LATE, 'late take']] as const) {
      session.api.addAsset({ hash, name: `${name}.wav`, mimeType: 'audio/wav', byteLength: 4_000_000, durationSeconds: 8, sampleRate: 48000, channels: 2 });
    }
    session.api.addAudioClip({ trackId, start: 0 as never, length: 7680 as never, assetHash: HASH, name: 'riff' });
    session.api.addAudioClip({ trackId, start: 9600 as never, length: 7680 as never, assetHash: LATE, name: 'late take' });
    const projectId = 'p1';
    applyAssetTransfer({ projectId, sha256: HASH, direction: 'download', state: 'active', loaded: 1_680_000, total: 4_000_000, error: null });
    applyAssetTransfer({ projectId, sha256: LATE, direction: 'download', state: 'failed', loaded: 0, total: 4_000_000, error: 'not on the server yet: waiting for a collaborator to upload it' });
    const riff = page.getByTestId('clip-riff').getByTestId('clip-asset-transfer');
    await expect.element(riff).toHaveTextContent('Downloading audio 42%');
    await expect.element(page.getByTestId('clip-late take').getByTestId('clip-asset-transfer')).toHaveTextContent('Audio not uploaded yet');
    await page.screenshot({ path: '../../../../../../test-results/screenshots/studio-clip-asset-transfers.png', element: page.getByTestId('clip-riff').element().closest('[data-testid^="lane"]') ?? document.body });
    applyAssetTransfer({ projectId, sha256: HASH, direction: 'download', state: 'done', loaded: 4_000_000, total: 4_000_000, error: null });
    await expect.element(riff).not.toBeInTheDocument();
    await expect.element(page.getByTestId('clip-late take').getByTestId('clip-asset-transfer')).toBeInTheDocument();
  });
});
