/**
 * The whole Encore stack for end-to-end tests: the same `startStack` as `npm start`, on free
 * ports and a fresh data folder, plus Debian's Chromium driven by playwright-core.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
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
