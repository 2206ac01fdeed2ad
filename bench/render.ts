/**
 * Render benchmark: a generated 32-track, 4-minute project rendered offline in headless
 * Chromium through the engine, printed as JSON (x real time per case).
 *
 *   npx tsx bench/render.ts [--seconds 240] [--cases full,instruments,audio,dry,reference,single]
 *
 * The page is served by a Vite dev server (worklets load through `?worker&url`, as in the app)
 * and driven with playwright-core using Debian's Chromium. Besides wall-clock speed, each case
 * reports the CPU seconds Chromium spent on it (all its processes, from /proc) and the speed
 * per CPU second (`xRealtimeCpu`): on a shared machine the wall clock measures the neighbours
 * too, so CPU time is what the engine costs. `busiest` lists the threads that worked most (the
 * offline render thread, "Offline AudioWo", and the source workers, "DedicatedWorker"): the
 * busiest one bounds the idle speed of a split render.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { threadCpuSeconds, treeCpuSeconds } from './cpuTime';
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
  ungrouped: { name: 'full, one fused channel processor per track (voices inside), no shared processors', effects: true, instruments: true, audio: true, group: false },
  split: { name: 'full, the offline context and one source worker', effects: true, instruments: true, audio: true, concurrency: 2 },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const server = await createServer({ root, configFile: false, logLevel: 'error', server: { port: 0, host: '127.0.0.1', hmr: false, watch: null } });
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
    const cpu0 = treeCpuSeconds();
    const threads0 = threadCpuSeconds(/./);
    // Sampled while the case runs: a render's workers end with it, and their threads with them.
    const seen = new Map(threads0);
    const sample = () => {
      for (const [tid, t] of threadCpuSeconds(/./)) seen.set(tid, t);
    };
    const sampler = setInterval(sample, 200);
    const result = await page.evaluate((b) => (window as unknown as { runBench: (b: BenchCase) => Promise<{ renderSeconds: number }> }).runBench(b), bench).finally(() => clearInterval(sampler));
    sample();
    const cpuSeconds = treeCpuSeconds() - cpu0;
    // The busiest threads of the case (the offline render thread and the source workers first, normally).
    const busiest = [...seen]
      .map(([tid, t]) => ({ thread: t.name, cpuSeconds: +(t.cpu - (threads0.get(tid)?.cpu ?? 0)).toFixed(2) }))
      .sort((a, b) => b.cpuSeconds - a.cpuSeconds)
      .slice(0, 4);
    // What the busiest thread alone allows: the wall-clock bound of an idle machine with a core per thread.
    const xRealtimeBusiestThread = +(seconds / Math.max(0.01, busiest[0]?.cpuSeconds ?? 0)).toFixed(1);
    results.push({ ...result, cpuSeconds: +cpuSeconds.toFixed(2), xRealtimeCpu: +(seconds / cpuSeconds).toFixed(1), xRealtimeBusiestThread, busiest });
  }
  console.log(JSON.stringify({ browser: browser.version(), cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => +l.toFixed(2)), results }, null, 2));
} finally {
  await browser.close();
  await server.close();
}
