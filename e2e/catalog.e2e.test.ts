/**
 * The catalog's "done when", whole stack in Chromium: an artist publishes a track from a studio
 * project (bounce → chunked upload → processing), a listener finds it by a misspelled search,
 * streams it and downloads it; the sync-server is stopped and the track still plays from the
 * offline library and is in the library's Songs and search beside the user's own files; on
 * the server's restart the offline play is reported exactly once (`play_events` rows). The
 * listener's like goes from the heart through the host to the server's `track_likes` and
 * shows under Liked & saved. The sync-server runs as its own process on PostgreSQL here (not through
 * `startStack`, which stops every part when one exits) so the test can stop and restart it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { ensureRendererBuild } from '../scripts/renderer-build';
import { snap } from './stack';

const root = resolve(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = `encore_e2e_catalog_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const PASSWORD = 'catalog-e2e-password-1';
const TITLE = 'Harbour Signal';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function waitFor(url: string, ms: number, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${url}: process exited (${proc.exitCode})`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.status < 500, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(proc: ChildProcess | null): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise<void>((r) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => (clearTimeout(kill), r()));
    proc.kill('SIGTERM');
  });
}

const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `encore-e2e-catalog-${name}-`));
  dirs.push(d);
  return d;
};

let syncPort: number;
let syncUrl: string;
let syncDir: string;
let sync: ChildProcess | null = null;
const hosts: { proc: ChildProcess; url: string; origin: string }[] = [];
let browser: Browser;
let sql: postgres.Sql;
let hostPorts: number[];

async function startSync(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ENCORE_DATA_DIR: syncDir, PORT: String(syncPort), HOST: '127.0.0.1', DATABASE_URL: dbUrl, CORS_ORIGINS: hostPorts.map((p) => `http://127.0.0.1:${p}`).join(',') };
  delete env.REDIS_URL;
  sync = spawn(tsx, [join(root, 'sync-server/src/main.ts')], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  await waitFor(`${syncUrl}/health`, 90_000, sync);
}

async function startHost(port: number, name: string, dist: string) {
  const token = `e2e-catalog-${name}-${Date.now()}`;
  const env = { ...process.env, LOG_LEVEL: 'warn', ENCORE_DATA_DIR: tmp(name), ENCORE_SYNC_URL: syncUrl, ENCORE_MEDIA_URL: 'http://127.0.0.1:9', ENCORE_HOST_PORT: String(port), ENCORE_HOST_HOST: '127.0.0.1', ENCORE_HOST_TOKEN: token, ENCORE_RENDERER_DIST: dist };
  const proc = spawn(tsx, [join(root, 'desktop/main/src/main.ts')], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(`${origin}/`, 60_000, proc);
  const host = { proc, origin, url: `${origin}/?token=${token}` };
  hosts.push(host);
  return host;
}

async function register(username: string, role: 'artist' | 'listener') {
  const res = await fetch(`${syncUrl}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, email: `${username}@e2e.example`, password: PASSWORD, role }) });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function signIn(page: Page, appUrl: string, login: string) {
  await page.goto(appUrl);
  await page.getByTestId('open-sign-in').click();
  await page.getByTestId('signin-login').fill(login);
  await page.getByTestId('signin-password').fill(PASSWORD);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('account-menu-name').waitFor({ timeout: 20_000 });
}

const likes = async (trackId: string) => (await sql<{ n: number }[]>`select count(*)::int as n from track_likes where track_id = ${trackId}`)[0]!.n;
const playEvents = async (trackId: string) => (await sql<{ n: number }[]>`select count(*)::int as n from play_events where track_id = ${trackId}`)[0]!.n;

beforeAll(async () => {
  const admin = postgres(ADMIN_URL, { max: 1 });
  await admin.unsafe(`drop database if exists ${DB}`);
  await admin.unsafe(`create database ${DB}`);
  await admin.end();
  sql = postgres(dbUrl, { max: 1 });
  const dist = await ensureRendererBuild();
  [syncPort, ...hostPorts] = [await freePort(), await freePort(), await freePort()];
  syncUrl = `http://127.0.0.1:${syncPort}`;
  syncDir = tmp('sync');
  await startSync();
  await Promise.all([startHost(hostPorts[0]!, 'artist', dist), startHost(hostPorts[1]!, 'listener', dist)]);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(hosts.map((h) => stop(h.proc)));
  await stop(sync);
  await sql?.end();
  const admin = postgres(ADMIN_URL, { max: 1 });
  await admin.unsafe(`drop database if exists ${DB} with (force)`).catch(() => undefined);
  await admin.end();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 60_000);

describe('catalog: from the studio to a listener’s offline library', () => {
  let trackId = '';

  it('an artist publishes a track from a studio project', async () => {
    await register('harbour_artist', 'artist');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, hosts[0]!.url, 'harbour_artist');
    await page.getByTestId('nav-studio').click();
    await page.getByTestId('new-empty-project').click();
    await page.getByTestId('project-editor').waitFor({ timeout: 30_000 });
    await page.getByTestId('add-instrument-track').click();
    const lane = page.locator('[data-testid^="lane-"]').first();
    await lane.waitFor();
    const box = (await lane.boundingBox())!;
    await page.mouse.dblclick(box.x + 40, box.y + box.height / 2);
    const grid = page.getByTestId('note-grid');
    await grid.waitFor();
    await page.getByTestId('piano-roll-scroll').evaluate((el) => (el.scrollTop = (127 - 69) * 13 - 60));
    const g = (await grid.boundingBox())!;
    for (let beat = 0; beat < 4; beat++) await page.mouse.click(g.x + beat * 120 + 10, g.y + (127 - 69) * 13 + 6);
    await expect.poll(() => grid.getAttribute('aria-label')).toMatch(/: 4$/);

    await page.getByTestId('open-publish').click();
    await page.getByTestId('publish-title').fill(TITLE);
    await page.getByTestId('publish-genres').fill('Ambient');
    await page.getByTestId('publish-submit').click();
    await page.getByTestId('publish-progress-processing').waitFor({ timeout: 120_000 });
    await snap(page, 'catalog-1-publish-processing');
    await page.getByTestId('publish-ready').or(page.getByTestId('publish-failed')).or(page.getByTestId('publish-error')).waitFor({ timeout: 180_000 });
    await snap(page, 'catalog-2-published');
    expect(await page.getByTestId('publish-ready').count()).toBe(1);
    const [row] = await sql<{ id: string; status: string }[]>`select id, status from tracks where title = ${TITLE}`;
    expect(row?.status).toBe('ready');
    trackId = row!.id;
    await page.close();
  }, 400_000);

  it('a listener finds it misspelled, streams it and downloads it; offline it still plays; the play is reported once', async () => {
    await register('harbour_listener', 'listener');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, hosts[1]!.url, 'harbour_listener');
    await page.getByTestId('nav-store').click();
    await page.getByTestId('store-search').fill('harbor signl');
    await page.getByTestId('store-search').press('Enter');
    const row = page.getByTestId('store-results-tracks').locator(`[data-track-id="${trackId}"]`);
    await row.waitFor({ timeout: 20_000 });
    // Streamed through the host into the app's player: ranged requests to the host's catalog
    // route (the token stays in the host), never a whole-file fetch by the page.
    const mediaRequests: { url: string; range: string | null }[] = [];
    page.on('request', (r) => mediaRequests.push({ url: r.url(), range: r.headers()['range'] ?? null }));
    await row.getByTestId('store-track-play').click();
    await expect.poll(() => page.getByTestId('player-toggle').getAttribute('aria-label'), { timeout: 30_000 }).toBe('Pause');
    await expect.poll(() => page.getByTestId('player-title').textContent()).toBe(TITLE);
    // It sounds: the element's clock moves (the track is a few seconds long).
    await expect.poll(() => page.getByTestId('seek-bar').getAttribute('aria-valuenow'), { timeout: 15_000 }).not.toBe('0');
    const streamed = mediaRequests.filter((r) => r.url.includes(`/media/catalog/${trackId}`));
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.every((r) => r.range?.startsWith('bytes='))).toBe(true);
    expect(mediaRequests.filter((r) => r.url.includes('/stream') || r.url.includes('token='))).toEqual([]);
    await snap(page, 'catalog-3-streaming');
    if ((await page.getByTestId('player-toggle').getAttribute('aria-label')) === 'Pause') await page.getByTestId('player-toggle').click();
    // The listener likes it: the heart fills on the row and in the player bar, and the host
    // carries the like from the user's library-state document to the server (Subsonic, the web).
    await row.getByTestId('mark-like').click();
    await expect.poll(() => row.getByTestId('mark-like').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('player-like').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => likes(trackId), { timeout: 30_000, interval: 250 }).toBe(1);
    await row.getByTestId('download-action').click();
    await expect.poll(() => row.getByTestId('download-action').textContent(), { timeout: 90_000 }).toBe('Downloaded');
    // The download registered this computer as a device: Settings lists it, marked.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('device-this').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('devices-count').textContent()).toBe('1 of 5 devices in use');
    await snap(page, 'catalog-devices');
    await page.getByTestId('nav-store').click();
    await page.getByTestId('store-open-library').click();
    await page.getByTestId('store-liked').locator(`[data-track-id="${trackId}"]`).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('store-liked').locator(`[data-track-id="${trackId}"]`).getByTestId('mark-like').getAttribute('aria-pressed')).toBe('true');
    await snap(page, 'catalog-liked');
    const before = await playEvents(trackId);

    await stop(sync);
    sync = null;
    await page.reload();
    await page.getByTestId('nav-store').click();
    await page.getByTestId('store-offline').waitFor({ timeout: 30_000 });
    await page.getByTestId('store-offline-track').filter({ hasText: TITLE }).waitFor({ timeout: 20_000 });
    await snap(page, 'catalog-4-offline');
    await page.getByTestId('store-offline-play').first().click();
    // Let it play past the one-second minimum of a reported play, then stop it.
    await page.waitForTimeout(1600);
    expect(await page.getByTestId('store-offline-play').first().textContent()).toBe('Pause');
    await page.getByTestId('store-offline-play').first().click();
    expect(await playEvents(trackId)).toBe(before);

    // Offline, the download is a library track beside the user's own files: in Songs with its badge, and found by search.
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-tab-songs').click();
    const song = page.getByTestId('song-row').filter({ hasText: TITLE });
    await song.waitFor({ timeout: 20_000 });
    expect(await song.getByTestId('song-downloaded').getAttribute('aria-label')).toMatch(/^Downloaded, (Low|Normal|High|Lossless) · /);
    await snap(page, 'catalog-5-library-songs');
    await page.getByTestId('library-search').fill('harbour sig');
    await page.getByTestId('search-song').filter({ hasText: TITLE }).getByTestId('song-downloaded').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('search-song').filter({ hasText: TITLE }).getByTestId('song-downloaded').textContent()).toMatch(/^(Low|Normal|High|Lossless)$/);
    await snap(page, 'catalog-6-library-search');

    await startSync();
    await page.reload();
    await expect.poll(() => playEvents(trackId), { timeout: 60_000, interval: 500 }).toBe(before + 1);
    // Exactly once: another reconnect sends nothing more.
    await page.reload();
    await page.getByTestId('account-menu-name').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(3000);
    expect(await playEvents(trackId)).toBe(before + 1);
    await page.close();
  }, 400_000);
});
