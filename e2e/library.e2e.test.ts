/**
 * The library and player on the real stack: tagged files made with ffmpeg (one with an .lrc
 * sidecar, two with an embedded cover, the others under a folder cover), the folder added
 * through the host-side folder picker (browser mode has no OS dialog on the host's disk; the
 * folder is made under the home folder, where the picker browses), album artwork, search,
 * play over the host's media route, queue, skip, crossfade, lyrics.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { snap, startE2eStack, type Stack } from './stack';

const music = mkdtempSync(join(homedir(), 'encore-e2e-music-'));
const scratch = mkdtempSync(join(tmpdir(), 'encore-e2e-art-'));
const SONGS = [
  { file: '01 Morning Light.mp3', title: 'Morning Light', artist: 'The Tones', album: 'Sine Waves', track: 1, freq: 330 },
  { file: '02 Noon Glow.mp3', title: 'Noon Glow', artist: 'The Tones', album: 'Sine Waves', track: 2, freq: 440 },
  { file: 'Evening Drift.flac', title: 'Evening Drift', artist: 'Lena Park', album: 'Dusk', track: 1, freq: 550 },
  { file: 'Night Hum.ogg', title: 'Night Hum', artist: 'Lena Park', album: 'Dusk', track: 2, freq: 220 },
];

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // An embedded cover for the MP3s (a gradient), a folder cover.png (a test pattern) for the rest.
  const embedded = join(scratch, 'embedded.png');
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'gradients=s=400x400:c0=0x2a9d8f:c1=0xe9c46a:seed=4', '-frames:v', '1', embedded]);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=300x300', '-frames:v', '1', join(music, 'cover.png')]);
  for (const s of SONGS) {
    const cover = s.file.endsWith('.mp3') ? ['-i', embedded, '-map', '0:a', '-map', '1:v', '-c:v', 'copy', '-disposition:v', 'attached_pic'] : [];
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${s.freq}:duration=8`, ...cover, '-metadata', `title=${s.title}`, '-metadata', `artist=${s.artist}`, '-metadata', `album=${s.album}`, '-metadata', `track=${s.track}`, '-metadata', 'genre=Test', join(music, s.file)]);
  }
  writeFileSync(join(music, '01 Morning Light.lrc'), '[ti:Morning Light]\n[00:00.00]The sun comes up\n[00:01.50]Over quiet hills\n[00:03.00]Light on the water\n[00:04.50]And the day begins\n[00:06.00]Morning light\n');
  stack = await startE2eStack();
  context = await stack.browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stack?.close();
  rmSync(music, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('library and player e2e', () => {
  it('adds a folder through the host-side folder picker and lists its tagged songs', async () => {
    await page.goto(stack.appUrl);
    await page.getByTestId('section-library').waitFor();
    await page.getByTestId('browse-folder').first().click();
    await page.getByTestId('folder-picker').waitFor();
    // It opens at the home folder, where the test made the music folder.
    await page.getByTestId('folder-picker-entry').filter({ hasText: basename(music) }).click();
    await expect.poll(() => page.getByTestId('folder-picker-summary').textContent()).toContain('4 audio files here');
    await snap(page, 'library-folder-picker');
    await page.getByTestId('folder-picker-choose').click();
    await expect.poll(() => page.getByTestId('song-row').count(), { timeout: 30_000 }).toBe(4);
    await snap(page, 'library-songs');
  });

  it('shows album artwork (host thumbnails) in the grid and on the album page', async () => {
    await page.getByTestId('library-tab-albums').click();
    await expect.poll(() => page.getByTestId('album-art').count(), { timeout: 10_000 }).toBe(2);
    const loaded = () => page.getByTestId('album-art').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth));
    await expect.poll(loaded, { timeout: 10_000 }).toEqual([256, 256]);
    expect(await page.getByTestId('album-art').first().getAttribute('src')).toMatch(/^media\/artwork\/256\/[0-9a-f]{64}$/);
    await snap(page, 'library-albums');
    await page.getByTestId('album-card').filter({ hasText: 'Sine Waves' }).click();
    await page.getByTestId('album-header').waitFor();
    await expect.poll(() => page.getByTestId('album-header').textContent()).toContain('2 songs');
    await expect.poll(() => page.getByTestId('album-header').getByTestId('album-art').evaluate((i) => (i as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(512);
    await snap(page, 'library-album');
  });

  it('searches as you type, grouped by type, and plays a result over the media route', async () => {
    await page.getByTestId('library-search').fill('morn');
    await page.getByTestId('search-songs').waitFor();
    await snap(page, 'library-search');
    await page.getByTestId('search-song-play').first().click();
    await expect.poll(() => page.getByTestId('player-title').textContent()).toBe('Morning Light');
    await expect.poll(async () => Number((await page.getByTestId('seek-bar').getAttribute('aria-valuenow')) ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('player-error').count()).toBe(0);
  });

  it('shows synced lyrics following playback', async () => {
    await page.getByTestId('open-now-playing').click();
    await page.getByTestId('lyrics').waitFor();
    await expect.poll(() => page.locator('[data-active]').textContent(), { timeout: 10_000 }).toBe('Over quiet hills');
    const before = await page.getByTestId('lyrics').evaluate((el) => el.scrollTop);
    await expect.poll(() => page.locator('[data-active]').textContent(), { timeout: 10_000 }).toBe('Light on the water');
    await expect.poll(() => page.getByTestId('lyrics').evaluate((el) => el.scrollTop), { timeout: 5_000 }).toBeGreaterThan(before);
    await snap(page, 'now-playing-lyrics');
    await page.getByTestId('open-now-playing').click();
  });

  it('adds to the queue, skips, and toggles crossfade', async () => {
    await page.getByTestId('library-search').fill('');
    await page.getByTestId('library-tab-songs').click();
    const night = page.getByTestId('song-row').filter({ hasText: 'Night Hum' });
    await night.getByTestId('track-menu').click();
    await page.getByTestId('menu-add-queue').click();
    await page.getByTestId('open-queue').click();
    await expect.poll(() => page.getByTestId('queue-item').last().textContent()).toContain('Night Hum');
    await snap(page, 'queue');
    await page.getByTestId('player-next').click();
    await expect.poll(() => page.getByTestId('player-title').textContent()).toBe('Night Hum');
    await page.getByTestId('player-settings').click();
    await page.getByTestId('crossfade').fill('4');
    await expect.poll(() => page.getByTestId('crossfade-value').textContent()).toBe('4 s');
    expect(await page.getByTestId('player-settings').textContent()).toBe('Fade 4s');
    await snap(page, 'player-crossfade');
  });

  it('refuses media requests without the launch cookie', async () => {
    const id = await page.getByTestId('song-row').first().getAttribute('data-track-id');
    const res = await fetch(`${new URL(stack.appUrl).origin}/media/library/${id}`);
    expect(res.status).toBe(401);
    const ok = await page.evaluate(async (trackId) => (await fetch(`media/library/${trackId}`, { headers: { Range: 'bytes=0-9' } })).status, id);
    expect(ok).toBe(206);
  });
});
