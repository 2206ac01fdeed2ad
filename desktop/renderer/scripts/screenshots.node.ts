/**
 * Screenshots of the main screens, for reviewing the design: builds nothing, serves the
 * existing `dist/` with `vite preview`, and plays the desktop host over the page's `/host`
 * WebSocket with the in-memory host (so the real browser-mode transport is exercised).
 *
 *   npm run build -w @encore/renderer && npx tsx desktop/renderer/scripts/screenshots.node.ts
 *
 * Writes PNGs to desktop/renderer/.screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { HostRequestFrame, HOST_PROTOCOL_VERSION, hostEvents, type HostEvent } from '@encore/shared/host/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium';
import { createMemoryHost, type MemoryHostOptions } from '../src/host/testing/memoryHost';
import { accountUser } from '../src/host/testing/fixtures';

const root = new URL('..', import.meta.url).pathname;
const out = `${root}.screenshots`;
const PASSWORD = 'correct horse battery';
const ada = accountUser({
  username: 'ada',
  email: 'ada@example.com',
  role: 'artist',
  isVerified: true,
  profile: { ...accountUser().profile, displayName: 'Ada Lovelace' },
});
const signedIn = { state: 'signed-in' as const, user: ada, accessToken: 'tok', offline: false };

async function withHost(page: Page, options: MemoryHostOptions | 'down') {
  await page.routeWebSocket('**/host', (ws) => {
    if (options === 'down') return ws.close();
    const memory = createMemoryHost(options);
    for (const event of Object.keys(hostEvents) as HostEvent[]) {
      memory.link.on(event, (payload) => ws.send(JSON.stringify({ v: HOST_PROTOCOL_VERSION, event, payload })));
    }
    ws.onMessage(async (message) => {
      const frame = HostRequestFrame.parse(JSON.parse(String(message)));
      const reply = await memory.link.call(frame.method as never, frame.params);
      ws.send(JSON.stringify({ v: HOST_PROTOCOL_VERSION, id: frame.id, ...reply }));
    });
  });
}

const server = await preview({ root, configFile: `${root}vite.config.ts`, preview: { port: 4179, strictPort: true, host: '127.0.0.1' } });
const base = 'http://127.0.0.1:4179';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
await mkdir(out, { recursive: true });

async function shot(name: string, host: MemoryHostOptions | 'down', path: string, act?: (page: Page) => Promise<void>, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await withHost(page, host);
  await page.goto(`${base}/${path}`);
  await page.waitForSelector('main [data-testid]');
  await page.waitForTimeout(300);
  if (act) await act(page);
  await page.screenshot({ path: `${out}/${name}.png` });
  console.log(`${out}/${name}.png`);
  await context.close();
}

const accounts = [{ user: ada, password: PASSWORD }];
await shot('01-library-signed-out', { accounts }, '#/library');
await shot('02-studio-signed-in', { session: signedIn }, '#/studio');
await shot('03-account-menu', { session: signedIn }, '#/live', (p) => p.getByTestId('account-menu-button').click());
await shot('04-sign-up-errors', { accounts }, '#/sign-up?from=library', async (p) => {
  await p.getByTestId('signup-email').fill('ada@');
  await p.getByTestId('signup-username').fill('a');
  await p.getByTestId('signup-password').fill('short');
  await p.getByTestId('signup-submit').click();
});
await shot('05-sign-in-invalid', { accounts }, '#/sign-in?from=store', async (p) => {
  await p.getByTestId('signin-login').fill('ada');
  await p.getByTestId('signin-password').fill('wrong password');
  await p.getByTestId('signin-submit').click();
  await p.getByTestId('auth-error').waitFor();
});
await shot('06-settings-offline', { session: { ...signedIn, accessToken: null, offline: true }, syncServer: 'offline' }, '#/settings');
await shot('07-social-signed-out-offline', { syncServer: 'offline' }, '#/social');
await shot('08-host-down', 'down', '#/karaoke');

// The Studio: the projects list and the editor on the demo song.
const studioHost: MemoryHostOptions = {
  session: signedIn,
  projects: [
    { title: 'Late night sketch', template: 'empty', updatedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() },
    { title: 'Encore demo', template: 'demo', updatedAt: new Date(Date.now() - 2 * 3_600_000).toISOString() },
    { title: 'Summer single (mix 3)', template: 'demo', updatedAt: new Date(Date.now() - 12 * 60_000).toISOString() },
  ],
};
const wide = { width: 1440, height: 900 };
const openDemo = async (p: Page) => {
  await p.getByTestId('project-card-Encore demo').getByTestId('open-project').click();
  await p.getByTestId('project-editor').waitFor();
  await p.waitForTimeout(200);
};
await shot('11-studio-projects', studioHost, '#/studio', async (p) => {
  await p.getByTestId('projects-list').waitFor();
  await p.waitForTimeout(300);
}, wide);
await shot('12-studio-arrangement', studioHost, '#/studio', async (p) => {
  await openDemo(p);
  await p.getByTestId('lane-Bass').click({ position: { x: 420, y: 30 } });
}, wide);
await shot('13-studio-piano-roll', studioHost, '#/studio', async (p) => {
  await openDemo(p);
  await p.getByTestId('lane-Lead').locator('[data-clip-id]').first().click();
  await p.waitForTimeout(200);
}, wide);
await shot('14-studio-mixer', studioHost, '#/studio', async (p) => {
  await openDemo(p);
  await p.getByTestId('panel-tab-mixer').click();
}, wide);
await shot('15-studio-devices', studioHost, '#/studio', async (p) => {
  await openDemo(p);
  await p.getByTestId('panel-tab-mixer').click();
  await p.locator('[data-testid^="device-slot-Chords"]').first().click();
}, wide);

const MB = 1024 * 1024;
const until = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const downloadsHost: MemoryHostOptions = {
  session: signedIn,
  library: { tracks: [{ title: 'So What', artists: ['Miles Davis'], album: 'Kind of Blue' }, { title: 'Teardrop', artists: ['Massive Attack'], album: 'Mezzanine' }] },
  downloads: {
    limitBytes: 2 * 1024 * MB,
    items: [
      { title: 'Night Drive', artist: 'Ada Lovelace', quality: 'high', state: 'done', receivedBytes: 9 * MB, totalBytes: 9 * MB, playable: true, offlineUntil: until(28), group: { kind: 'album', id: 'a1', title: 'Midnight Engines' } },
      { title: 'Difference Engine', artist: 'Ada Lovelace', quality: 'high', state: 'downloading', receivedBytes: 5.2 * MB, totalBytes: 8.4 * MB, group: { kind: 'album', id: 'a1', title: 'Midnight Engines' } },
      { title: 'Analytical Dawn', artist: 'Ada Lovelace', quality: 'high', state: 'queued', receivedBytes: 1.1 * MB, totalBytes: 7.9 * MB, attempts: 2, nextAttemptAt: new Date(Date.now() + 8000).toISOString(), error: { code: 'OFFLINE', message: 'The download was interrupted' }, group: { kind: 'album', id: 'a1', title: 'Midnight Engines' } },
      { title: 'Punch Cards', artist: 'Ada Lovelace', quality: 'high', state: 'paused', receivedBytes: 2.5 * MB, totalBytes: 10 * MB, group: { kind: 'album', id: 'a1', title: 'Midnight Engines' } },
      { title: 'Lullaby for Babbage', artist: 'Kofi', quality: 'normal', state: 'failed', receivedBytes: 0, totalBytes: 4 * MB, attempts: 6, error: { code: 'SERVICE_UNAVAILABLE', message: 'The server answered 503' } },
      { title: 'Old Favourite', artist: 'Lin', quality: 'normal', state: 'done', receivedBytes: 4 * MB, totalBytes: 4 * MB, playable: false, offlineUntil: until(-2) },
      { title: 'Gone Track', artist: 'Sam', quality: 'normal', state: 'revoked', receivedBytes: 0, totalBytes: 3 * MB, error: { code: 'LICENCE_REVOKED', message: 'Your plan no longer includes this download' } },
    ].map((d) => ({ ...d, receivedBytes: Math.round(d.receivedBytes), totalBytes: Math.round(d.totalBytes) })),
  },
};
await shot('16-downloads', downloadsHost, '#/downloads', undefined, { width: 1280, height: 1000 });
await shot('17-library-downloaded', downloadsHost, '#/library');
await shot('18-downloads-empty', { session: signedIn }, '#/downloads');

// The admin web view against a stand-in sync-server.
const cors = { 'access-control-allow-origin': base, 'access-control-allow-headers': 'authorization, content-type', 'content-type': 'application/json' };
async function adminShots() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.route('http://127.0.0.1:8787/api/**', async (route) => {
    const req = route.request();
    if (req.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    if (req.url().endsWith('/api/auth/login')) {
      return route.fulfill({ headers: cors, body: JSON.stringify({ accessToken: 'tok', refreshToken: 'r', expiresIn: 900, tokenType: 'Bearer', user: { ...ada, username: 'root', role: 'admin' } }) });
    }
    const users = [
      { ...ada, createdAt: '2026-01-05T10:00:00Z' },
      { ...accountUser({ username: 'kofi', email: 'kofi@example.com', role: 'streamer' }), createdAt: '2026-02-11T09:30:00Z' },
      { ...accountUser({ username: 'lin', email: 'lin@example.com', role: 'moderator', isVerified: true }), createdAt: '2026-03-02T18:12:00Z' },
      { ...accountUser({ username: 'sam', email: 'sam@example.com', isActive: false }), createdAt: '2026-04-20T07:45:00Z' },
      { ...accountUser({ username: 'root', email: 'root@example.com', role: 'admin', isVerified: true }), createdAt: '2025-12-01T12:00:00Z' },
    ];
    return route.fulfill({ headers: cors, body: JSON.stringify({ users, total: 5, page: 1, pageSize: 25 }) });
  });
  await page.goto(`${base}/admin.html`);
  await page.getByTestId('admin-login').waitFor();
  await page.screenshot({ path: `${out}/09-admin-sign-in.png` });
  console.log(`${out}/09-admin-sign-in.png`);
  await page.getByTestId('admin-login').fill('root');
  await page.getByTestId('admin-password').fill(PASSWORD);
  await page.getByTestId('admin-submit').click();
  await page.getByTestId('admin-users-table').waitFor();
  await page.screenshot({ path: `${out}/10-admin-users.png` });
  console.log(`${out}/10-admin-users.png`);
  await context.close();
}
await adminShots();

await browser.close();
await new Promise<void>((resolve, reject) => server.httpServer.close((e) => (e ? reject(e) : resolve())));
