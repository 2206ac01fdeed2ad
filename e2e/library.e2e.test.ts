/**
 * The library and player on the real stack: tagged files made with ffmpeg (one with an .lrc
 * sidecar), the folder added through the UI (a typed path: browser mode cannot open the host's
 * folder picker), search, play over the host's media route, queue, skip, crossfade, lyrics.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { snap, startE2eStack, type Stack } from './stack';

const music = mkdtempSync(join(tmpdir(), 'encore-e2e-music-'));
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
  for (const s of SONGS) {
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${s.freq}:duration=8`, '-metadata', `title=${s.title}`, '-metadata', `artist=${s.artist}`, '-metadata', `album=${s.album}`, '-metadata', `track=${s.track}`, '-metadata', 'genre=Test', join(music, s.file)]);
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
});

describe('library and player e2e', () => {
  it('adds a folder through the UI and lists its tagged songs', async () => {
    await page.goto(stack.appUrl);
    await page.getByTestId('section-library').waitFor();
    await page.getByTestId('folder-path').first().fill(music);
    await page.getByTestId('add-folder').first().click();
    await expect.poll(() => page.getByTestId('song-row').count(), { timeout: 30_000 }).toBe(4);
    await snap(page, 'library-songs');
    await page.getByTestId('library-tab-albums').click();
    await page.getByTestId('album-card').first().waitFor();
    await snap(page, 'library-albums');
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
