/**
 * Render benchmark: a generated 32-track, 4-minute project rendered offline in headless
 * Chromium through the engine, printed as JSON (x real time per case).
 *
 *   npx tsx bench/render.ts [--seconds 240] [--cases full,instruments,audio,dry,reference,single]
 *
 * The page is served by a Vite dev server (worklets load through `?worker&url`, as in the app)
 * and driven with playwright-core using Debian's Chromium.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import type { BenchCase } from './render-page/main';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '240' }, cases: { type: 'string', default: 'full' }, 'sample-rate': { type: 'string', default: '48000' } } });
const seconds = Number(values.seconds);
const sampleRate = Number(values['sample-rate']);
const CASES: Record<string, Omit<BenchCase, 'seconds' | 'sampleRate'>> = {
  full: { name: 'full: 16 instrument + 16 audio tracks, 3 effects each, 2 returns, master limiter', effects: true, instruments: true, audio: true },
  instruments: { name: 'instrument tracks only, with effects and returns', effects: true, instruments: true, audio: false },
  audio: { name: 'audio tracks only, with effects and returns', effects: true, instruments: false, audio: true },
  dry: { name: 'all 32 tracks, no effects, no returns', effects: false, instruments: true, audio: true },
  reference: { name: 'full, reference node graph on one context (no fused channels, no split)', effects: true, instruments: true, audio: true, fused: false, concurrency: 1 },
  'dry-reference': { name: 'all 32 tracks, no effects, no returns, reference node graph', effects: false, instruments: true, audio: true, fused: false, concurrency: 1 },
  single: { name: 'full, fused channels on one context (no split)', effects: true, instruments: true, audio: true, concurrency: 1 },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const server = await createServer({ root, configFile: false, logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`http://127.0.0.1:${port}/bench/render-page/index.html`);
  await page.waitForFunction(() => document.title === 'ready', null, { timeout: 120_000 });
  const results = [];
  for (const key of values.cases.split(',')) {
    const c = CASES[key];
    if (!c) throw new Error(`unknown case ${key}; one of ${Object.keys(CASES).join(', ')}`);
    const bench: BenchCase = { ...c, seconds, sampleRate };
    results.push(await page.evaluate((b) => (window as unknown as { runBench: (b: BenchCase) => Promise<unknown> }).runBench(b), bench));
  }
  console.log(JSON.stringify({ browser: browser.version(), cpus: (await import('node:os')).cpus().length, results }, null, 2));
} finally {
  await browser.close();
  await server.close();
}
