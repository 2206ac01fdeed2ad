import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { encodeWav16 } from '@encore/audio-engine/player/wavBytes';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { createMemoryHost } from '../../host/testing/memoryHost';
import type { MemoryTrackSeed } from '../../host/testing/memoryLibrary';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const DOWNLOAD = '0f8f6d1e-2b3c-4d5e-8f90-1a2b3c4d5e6f';
const tracks: MemoryTrackSeed[] = [
  { id: hex(1), title: 'So What', artists: ['Miles Davis'], album: 'Kind of Blue', albumArtist: 'Miles Davis', trackNo: 1, durationSec: 2 },
  {
    id: hex(2), title: 'Tidewater Glow', artists: ['zed'], album: 'Harbour Lights', albumArtist: 'zed', trackNo: 1, durationSec: 2, folderId: null, relPath: '', format: 'opus',
    source: 'catalog', download: { id: DOWNLOAD, quality: 'high', offlineUntil: '2027-01-03T00:00:00.000Z' },
  },
];

// Component tests run without the app's stylesheet: give the virtualised viewports a height.
const layout = document.createElement('style');
layout.textContent = '[role=grid] { height: 640px !important; }';
document.head.append(layout);

afterEach(async () => {
  await cleanupApps();
  vi.restoreAllMocks();
});

describe('downloaded catalog tracks in the library', () => {
  it('shows the downloaded track in Songs and search with its badge and plays it by its library URL', async () => {
    const wav = encodeWav16([Float32Array.from({ length: 88200 }, (_, i) => 0.1 * Math.sin(i / 20))], 44100);
    const real = window.fetch.bind(window);
    const media = vi.spyOn(window, 'fetch').mockImplementation((input, init) => (String(input).includes('media/library/') ? Promise.resolve(new Response(wav.slice(0))) : real(input, init)));
    const memory = createMemoryHost({ library: { tracks } });
    await renderApp(memory.link);

    const row = page.getByTestId('song-row').filter({ hasText: 'Tidewater Glow' });
    await expect.element(row).toBeVisible();
    await expect.element(row.getByTestId('song-downloaded')).toHaveAttribute('aria-label', 'Downloaded, High · 320 kbps');
    expect(row.getByTestId('song-downloaded').element().getAttribute('title')).toMatch(/^Downloaded from the catalog · High · 320 kbps · plays offline until /);
    // The user's own file carries no badge.
    expect(page.getByTestId('song-row').filter({ hasText: 'So What' }).getByTestId('song-downloaded').elements()).toHaveLength(0);

    (row.getByTestId('song-play').element() as HTMLElement).click();
    await expect.poll(() => media.mock.calls.map(([u]) => String(u)).some((u) => u.includes(`media/library/${hex(2)}`))).toBe(true);

    await userEvent.fill(page.getByTestId('library-search'), 'tide');
    await expect.element(page.getByTestId('search-song').filter({ hasText: 'Tidewater Glow' }).getByTestId('song-downloaded')).toHaveTextContent('High');
  });

  it('with no folder at all, downloaded tracks still make a library (not the empty state)', async () => {
    const memory = createMemoryHost({ library: { tracks } });
    // The user's only folder goes; the catalog track lives in no folder and stays.
    await memory.link.call('library.folders.remove', { id: 1 });
    await renderApp(memory.link);
    await expect.element(page.getByTestId('song-row').filter({ hasText: 'Tidewater Glow' }).getByTestId('song-downloaded')).toBeVisible();
    expect(page.getByTestId('song-row').elements()).toHaveLength(1);
    expect(page.getByText('Your library is empty').elements()).toHaveLength(0);
  });
});
