import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { encodeWav16 } from '@encore/audio-engine/player/wavBytes';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { createMemoryHost, type MemoryHostOptions } from '../../host/testing/memoryHost';
import type { MemoryTrackSeed } from '../../host/testing/memoryLibrary';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const tracks: MemoryTrackSeed[] = [
  { id: hex(1), title: 'So What', artists: ['Miles Davis'], album: 'Kind of Blue', albumArtist: 'Miles Davis', trackNo: 1, year: 1959, genres: ['Jazz'], durationSec: 10, lyrics: [[0, 'First line'], [700, 'Second line'], [1400, 'Third line']] },
  { id: hex(2), title: 'Freddie Freeloader', artists: ['Miles Davis'], album: 'Kind of Blue', albumArtist: 'Miles Davis', trackNo: 2, year: 1959, genres: ['Jazz'], durationSec: 10 },
  { id: hex(3), title: 'Blue in Green', artists: ['Miles Davis'], album: 'Kind of Blue', albumArtist: 'Miles Davis', trackNo: 3, year: 1959, genres: ['Jazz'], durationSec: 10 },
  { id: hex(4), title: 'Teardrop', artists: ['Massive Attack'], album: 'Mezzanine', albumArtist: 'Massive Attack', trackNo: 3, year: 1998, genres: ['Trip-Hop'], durationSec: 10 },
];

/**
 * Serves every media URL with a 10 s WAV, as the host's media route would: long enough that no
 * track ends by itself while a slow (loaded) machine walks through the player test's steps.
 */
function serveMedia() {
  const wav = encodeWav16([Float32Array.from({ length: 441_000 }, (_, i) => 0.1 * Math.sin(i / 20))], 44100);
  const real = window.fetch.bind(window);
  return vi.spyOn(window, 'fetch').mockImplementation((input, init) => (String(input).includes('media/library/') ? Promise.resolve(new Response(wav.slice(0))) : real(input, init)));
}

// Component tests run without the app's stylesheet: give the virtualised viewports a height.
const layout = document.createElement('style');
layout.textContent = '[role=grid] { height: 640px !important; }';
document.head.append(layout);

beforeEach(() => {
  serveMedia();
});
afterEach(async () => {
  await cleanupApps();
  vi.restoreAllMocks();
});

const render = (library: MemoryHostOptions['library'] = { tracks }) => {
  const memory = createMemoryHost({ library });
  return renderApp(memory.link).then(() => memory);
};

describe('library', () => {
  it('adds a folder by path and shows scan progress, then the songs', async () => {
    await render({ disk: { '/music': tracks.slice(0, 2) } });
    await userEvent.fill(page.getByTestId('folder-path').first(), '/music');
    await userEvent.click(page.getByTestId('add-folder').first());
    await expect.element(page.getByTestId('library-notice')).toHaveTextContent('Added 2 tracks');
    await expect.element(page.getByTestId('song-row').nth(1)).toBeVisible();
  });

  it('reports a folder that does not exist', async () => {
    await render({ disk: {} });
    await userEvent.fill(page.getByTestId('folder-path').first(), '/nope');
    await userEvent.click(page.getByTestId('add-folder').first());
    await expect.element(page.getByText('This folder does not exist or cannot be opened')).toBeVisible();
  });

  it('browses the host folders in browser mode (no OS dialog) and adds the chosen one', async () => {
    await render({ disk: { '/home/mira/Music/Jazz': tracks.slice(0, 3) } });
    await userEvent.click(page.getByTestId('browse-folder').first());
    await expect.element(page.getByTestId('folder-picker')).toBeVisible();
    await userEvent.click(page.getByTestId('folder-picker-entry').filter({ hasText: 'Music' }));
    await userEvent.click(page.getByTestId('folder-picker-entry').filter({ hasText: 'Jazz' }));
    await expect.element(page.getByTestId('folder-picker-summary')).toHaveTextContent('3 audio files here');
    await expect.element(page.getByTestId('folder-picker-path')).toHaveTextContent('Home/Music/Jazz');
    await userEvent.click(page.getByTestId('folder-picker-choose'));
    await expect.element(page.getByTestId('library-notice')).toHaveTextContent('Added 3 tracks');
    expect(page.getByTestId('folder-picker').elements()).toHaveLength(0);
  });

  it('sorts, filters, and searches as you type with grouped results', async () => {
    await render();
    await expect.element(page.getByTestId('song-title').first()).toHaveTextContent('Blue in Green');
    await userEvent.click(page.getByTestId('sort-title'));
    await expect.element(page.getByTestId('song-title').first()).toHaveTextContent('Teardrop');
    await userEvent.fill(page.getByTestId('library-filter'), 'fred');
    await expect.poll(() => page.getByTestId('song-row').elements().length).toBe(1);
    await userEvent.fill(page.getByTestId('library-search'), 'mil');
    await expect.element(page.getByTestId('search-songs')).toBeVisible();
    await expect.element(page.getByTestId('search-albums')).toHaveTextContent('Kind of Blue');
    await expect.element(page.getByTestId('search-artists')).toHaveTextContent('Miles Davis');
  });

  it('browses albums, artists and genres into filtered songs', async () => {
    await render();
    await userEvent.click(page.getByTestId('library-tab-albums'));
    await userEvent.click(page.getByTestId('album-card').first());
    await expect.element(page.getByTestId('view-title')).toHaveTextContent('Kind of Blue');
    await expect.poll(() => page.getByTestId('song-title').elements().map((e) => e.textContent)).toEqual(['So What', 'Freddie Freeloader', 'Blue in Green']);
    await userEvent.click(page.getByTestId('library-tab-genres'));
    await userEvent.click(page.getByText('Trip-Hop'));
    await expect.poll(() => page.getByTestId('song-row').elements().length).toBe(1);
  });

  it('likes and rates a song through the host', async () => {
    const memory = await render();
    await userEvent.click(page.getByTestId('song-like').first());
    await userEvent.click(page.getByTestId('rate-4').first());
    await expect.poll(() => memory.library.tracks.find((t) => t.title === 'Blue in Green')?.rating).toBe(4);
    expect(memory.library.tracks.find((t) => t.title === 'Blue in Green')?.liked).toBe(true);
  });

  it('creates a playlist, adds songs, reorders by drag, renames and exports M3U8', async () => {
    const memory = await render();
    await userEvent.click(page.getByTestId('playlist-new'));
    await userEvent.fill(page.getByTestId('playlist-new-name'), 'Evening');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByTestId('playlist-name')).toHaveTextContent('Evening');
    await userEvent.click(page.getByTestId('library-tab-songs'));
    for (const i of [0, 1]) {
      // Without the stylesheet the unstyled row overflows under the next one: click the button itself.
      (page.getByTestId('track-menu').nth(i).element() as HTMLElement).click();
      await userEvent.click(page.getByTestId('menu-add-playlist-1'));
    }
    await userEvent.click(page.getByTestId('playlist-1'));
    await expect.poll(() => page.getByTestId('playlist-entry').elements().length).toBe(2);
    await page.getByTestId('playlist-entry').nth(1).dropTo(page.getByTestId('playlist-entry').nth(0));
    await expect.poll(() => memory.library.playlists[0]!.entries.map((id) => memory.library.tracks.find((t) => t.id === id)!.title)).toEqual(['Freddie Freeloader', 'Blue in Green']);
    await userEvent.click(page.getByTestId('playlist-rename'));
    await userEvent.fill(page.getByTestId('playlist-rename-input'), 'Late');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByTestId('playlist-name')).toHaveTextContent('Late');
    await userEvent.fill(page.getByTestId('playlist-export-path'), '/tmp/late.m3u8');
    await userEvent.click(page.getByTestId('playlist-export'));
    await expect.element(page.getByTestId('library-notice')).toHaveTextContent('Exported 2 tracks');
    expect(memory.library.readM3u('/tmp/late.m3u8')).toHaveLength(2);
    await userEvent.fill(page.getByTestId('playlist-import-path'), '/tmp/late.m3u8');
    await userEvent.click(page.getByTestId('playlist-import'));
    await expect.element(page.getByTestId('library-notice')).toHaveTextContent('2 matched');
  });

  it('builds a smart playlist from rules', async () => {
    await render();
    await userEvent.click(page.getByTestId('smart-new'));
    await userEvent.fill(page.getByTestId('smart-name'), 'Old jazz');
    await userEvent.selectOptions(page.getByTestId('smart-field'), 'year');
    await userEvent.selectOptions(page.getByTestId('smart-op'), 'lte');
    await userEvent.fill(page.getByTestId('smart-value'), '1960');
    await userEvent.click(page.getByTestId('smart-save'));
    await expect.poll(() => page.getByTestId('song-row').elements().length).toBe(3);
  });

  it('virtualises 100k songs: only the visible rows are in the DOM', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ id: hex(i + 10), title: `Song ${String(i).padStart(6, '0')}`, artists: [`Artist ${i % 500}`] }));
    await render({ tracks: many });
    await expect.element(page.getByTestId('songs-list')).toHaveAttribute('aria-rowcount', '100000');
    const list = page.getByTestId('songs-list').element() as HTMLElement;
    await expect.poll(() => list.querySelectorAll('[role=row]').length).toBeGreaterThan(10);
    expect(list.querySelectorAll('[role=row]').length).toBeLessThan(80);
    list.scrollTop = 40 * 50_000;
    await expect.element(page.getByText('Song 050000')).toBeVisible();
  });
});

describe('player', () => {
  it('plays, queues, skips, shows synced lyrics, and restores the queue after a restart', async () => {
    const memory = await render();
    await userEvent.click(page.getByTestId('library-tab-albums'));
    await userEvent.click(page.getByTestId('album-card').first());
    await expect.element(page.getByTestId('song-title').first()).toHaveTextContent('So What');
    await userEvent.click(page.getByTestId('song-play').first());
    await expect.element(page.getByTestId('player-title')).toHaveTextContent('So What');
    await expect.element(page.getByTestId('player-toggle')).toHaveAttribute('aria-label', 'Pause');

    await userEvent.click(page.getByTestId('library-tab-songs'));
    await userEvent.click(page.getByTestId('track-menu').nth(3));
    await userEvent.click(page.getByTestId('menu-play-next'));
    await userEvent.click(page.getByTestId('open-queue'));
    await expect.element(page.getByTestId('queue-item').first()).toHaveTextContent('Teardrop');

    await userEvent.click(page.getByTestId('open-now-playing'));
    await expect.element(page.getByTestId('now-playing-title')).toHaveTextContent('So What');
    await expect.element(page.getByText('Second line'), { timeout: 3000 }).toHaveAttribute('data-active', 'true');

    await userEvent.click(page.getByTestId('player-next'));
    await expect.element(page.getByTestId('player-title')).toHaveTextContent('Teardrop');
    await userEvent.click(page.getByTestId('player-repeat'));
    await userEvent.click(page.getByTestId('player-settings'));
    await userEvent.fill(page.getByTestId('crossfade'), '6');
    await expect.element(page.getByTestId('crossfade-value')).toHaveTextContent('6 s');

    await expect.poll(() => memory.library.savedQueue?.prefs.crossfadeSec, { timeout: 3000 }).toBe(6);
    const saved = memory.library.savedQueue!;
    expect(saved.items[saved.current]).toBe(hex(4));
    expect(saved.repeat).toBe('all');

    await cleanupApps();
    const again = createMemoryHost({ library: { tracks, savedQueue: saved } });
    await renderApp(again.link);
    await expect.element(page.getByTestId('player-title')).toHaveTextContent('Teardrop');
    await expect.element(page.getByTestId('player-repeat')).toHaveAttribute('aria-pressed', 'true');
  });
});
