import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { runHost } from './desktop/main/src/main';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

const root = '/tmp/zz_bench/shots';
fs.rmSync(root, { recursive: true, force: true });
const music = fs.mkdtempSync(path.join(os.homedir(), 'zz-encore-music-'));
const albums = [
  { name: 'Sine Waves', artist: 'The Tones', src: 'gradients=s=400x400:c0=0x2a9d8f:c1=0xe9c46a:seed=4' },
  { name: 'Dusk', artist: 'Lena Park', src: 'testsrc2=s=300x300' },
  { name: 'Night Drive', artist: 'Neon Coast', src: 'gradients=s=500x300:c0=0x6a00f4:c1=0xf15bb5:seed=9' },
  { name: 'Morning Pages', artist: 'Ada Stone', src: 'mandelbrot=s=320x320' },
  { name: 'Empty Rooms', artist: 'No Cover', src: null },
];
for (const [ai, a] of albums.entries()) {
  const dir = path.join(music, a.artist, a.name);
  fs.mkdirSync(dir, { recursive: true });
  if (a.src) execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', a.src, '-frames:v', '1', path.join(dir, 'cover.png')]);
  for (let t = 1; t <= 3; t++) execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${200 + ai * 50 + t * 10}:duration=${30 + t * 7}`, '-metadata', `title=Track ${t} of ${a.name}`, '-metadata', `artist=${a.artist}`, '-metadata', `album_artist=${a.artist}`, '-metadata', `album=${a.name}`, '-metadata', `track=${t}`, '-metadata', 'date=2024', path.join(dir, `0${t}.flac`)]);
}
const host = await runHost({ env: { ...process.env, ENCORE_DATA_DIR: path.join(root, 'data') }, config: { port: 0 }, transport: 'browser', print: () => undefined });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url!);
  await page.getByTestId('section-library').waitFor();
  await page.getByTestId('browse-folder').first().click();
  await page.getByTestId('folder-picker-entry').filter({ hasText: path.basename(music) }).click();
  await page.getByTestId('folder-picker-entry').filter({ hasText: 'Lena Park' }).click();
  await page.getByTestId('folder-picker-entry').filter({ hasText: 'Dusk' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(root, 'picker.png') });
  await page.getByTestId('folder-picker-path').getByText(path.basename(music)).click();
  await page.waitForTimeout(500);
  await page.getByTestId('folder-picker-choose').click();
  await page.getByTestId('song-row').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('library-tab-albums').click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: path.join(root, 'albums.png') });
  await page.getByTestId('album-card').filter({ hasText: 'Night Drive' }).click();
  await page.getByTestId('album-header').waitFor();
  await page.waitForTimeout(2000);
  await page.screenshot({ path: path.join(root, 'album.png') });
  await page.getByTestId('library-search').fill('dusk');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(root, 'search.png') });
} finally {
  await browser.close();
  await host.close();
  fs.rmSync(music, { recursive: true, force: true });
}
