/**
 * The whole Encore stack for end-to-end tests: the same `startStack` as `npm start`, on free
 * ports and a fresh data folder, plus Debian's Chromium driven by playwright-core.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { rendererDist } from '../scripts/renderer-build';
import { startStack } from '../scripts/start';

// Quiet servers: their request logs would drown the test report (failures still print).
process.env.LOG_LEVEL ??= 'warn';

export const screenshotDir = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}

export type Stack = Awaited<ReturnType<typeof startStack>> & { browser: Browser; close(): Promise<void> };

/** Starts the stack on embedded PGlite (as a fresh `npm start` does) and launches Chromium. */
export async function startE2eStack(): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'encore-e2e-'));
  const [syncPort, mediaPort, hostPort] = [await freePort(), await freePort(), await freePort()];
  const lines: string[] = [];
  const stack = await startStack(
    { dataDir, syncPort, mediaPort, hostPort, host: '127.0.0.1', hostToken: `e2e-${Date.now()}`, shell: 'browser' },
    (l) => lines.push(l),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    ...stack,
    browser,
    async close() {
      await browser.close();
      await stack.stop(0);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as a test artifact under test-results/screenshots/. */
export async function snap(page: Page, name: string): Promise<string> {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface ExtraHost {
  appUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A second desktop (its own host process, port and data folder) against the stack's sync- and
 * media-servers, in browser mode, as another person's computer would be. Start the stack first
 * (it builds the renderer this host serves).
 */
export async function startExtraHost(stack: Stack, name: string): Promise<ExtraHost> {
  const root = resolve(import.meta.dirname, '..');
  const dataDir = mkdtempSync(join(tmpdir(), `encore-e2e-${name}-`));
  const port = await freePort();
  const token = `e2e-${name}-${Date.now()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ENCORE_DATA_DIR: dataDir,
    ENCORE_SYNC_URL: stack.syncUrl,
    ENCORE_MEDIA_URL: stack.mediaUrl,
    ENCORE_HOST_PORT: String(port),
    ENCORE_HOST_HOST: '127.0.0.1',
    ENCORE_HOST_TOKEN: token,
    ENCORE_RENDERER_DIST: rendererDist,
  };
  const proc = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'desktop/main/src/main.ts')], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`extra host ${name} exited (${proc.exitCode})`);
    try {
      const res = await fetch(`${origin}/`, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`extra host ${name} did not answer within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    appUrl: `${origin}/?token=${token}`,
    dataDir,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        await new Promise<void>((r) => {
          const kill = setTimeout(() => proc.kill('SIGKILL'), 8000);
          proc.once('exit', () => (clearTimeout(kill), r()));
          proc.kill('SIGTERM');
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
