/**
 * Real-time load benchmark: how many tracks of each type the engine plays in headless Chromium
 * on a real-time AudioContext at a 128-frame quantum (48 kHz: a 2.67 ms budget per quantum)
 * without underruns, and the audio thread's CPU time per quantum per track. JSON on stdout.
 *
 *   npx tsx bench/realtime-load.ts [--kinds synth,audio,synth+3fx] [--play 4] [--max 512]
 *
 * Each trial plays N tracks through the app's Player (meters on, master limiter) for `--play`
 * seconds after a second of warm-up. Headless Chromium has no sound card: its audio sink
 * clocks the context and does not wait for a late render, so a quantum the render thread could
 * not deliver in time is missing from the context's clock (`missingFrames`). On a shared
 * machine that clock also counts every time the neighbours preempt the audio thread, so the
 * search goes by the audio thread's own CPU time per quantum (the "Realtime AudioWorklet"
 * thread, from /proc): a count passes while that stays under 80 % of the budget (headroom for
 * the sink and jitter). N doubles until a count fails, then is bisected. Both figures are
 * reported: `maxTracks` (CPU) and `maxTracksWithoutObservedUnderruns` (clock, at this load). Chromium 156 exposes neither AudioContext.playoutStats nor renderCapacity (checked
 * with --enable-blink-features=AudioContextPlayoutStats), hence this clock-and-CPU accounting.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { threadCpuSeconds } from './cpuTime';
import type { LoadTrial } from './render-page/realtime';

const { values } = parseArgs({ options: { kinds: { type: 'string', default: 'synth,audio,synth+3fx' }, play: { type: 'string', default: '4' }, max: { type: 'string', default: '512' } } });
const PLAY = Number(values.play);
const MAX = Number(values.max);
const MISSING_LIMIT = 0.005;
/** Share of the quantum period the audio thread may be busy for a count to pass. */
const CPU_HEADROOM = 0.8;
const AUDIO_THREAD = /^Realtime AudioW/;

interface Api {
  startTrial(t: LoadTrial): Promise<{ sampleRate: number; quantum: number; baseLatency: number }>;
  mark(): void;
  measure(): { wallSeconds: number; renderedSeconds: number; missingFrames: number };
  stopTrial(): Promise<void>;
}
const call = <K extends keyof Api>(page: Page, name: K, arg?: unknown) =>
  page.evaluate(([n, a]) => (window as unknown as { loadBench: Record<string, (x: unknown) => unknown> }).loadBench[n as string]!(a), [name, arg] as const) as Promise<Awaited<ReturnType<Api[K]>>>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const audioThreadCpu = () => [...threadCpuSeconds(AUDIO_THREAD).values()].reduce((s, t) => s + t.cpu, 0);

async function trial(page: Page, kind: LoadTrial['kind'], tracks: number) {
  const info = await call(page, 'startTrial', { kind, tracks, seconds: PLAY + 30 } satisfies LoadTrial);
  await sleep(1000);
  const cpu0 = audioThreadCpu();
  await call(page, 'mark');
  await sleep(PLAY * 1000);
  const m = await call(page, 'measure');
  const cpu = audioThreadCpu() - cpu0;
  await call(page, 'stopTrial');
  const quanta = (m.renderedSeconds * info.sampleRate) / info.quantum;
  const budgetMs = (1000 * info.quantum) / info.sampleRate;
  const cpuMsPerQuantum = quanta > 0 ? (1000 * cpu) / quanta : Infinity;
  const missingShare = m.missingFrames / (m.wallSeconds * info.sampleRate);
  const ok = cpuMsPerQuantum < CPU_HEADROOM * budgetMs;
  const row = { tracks, ok, underrunFree: missingShare < MISSING_LIMIT, cpuMsPerQuantum: +cpuMsPerQuantum.toFixed(3), budgetMs: +budgetMs.toFixed(3), missingFrames: m.missingFrames, missingPercent: +(100 * missingShare).toFixed(2), quantum: info.quantum, sampleRate: info.sampleRate };
  console.error(kind, JSON.stringify(row));
  return row;
}

async function search(page: Page, kind: LoadTrial['kind']) {
  const trials: Awaited<ReturnType<typeof trial>>[] = [];
  let pass = 0;
  let fail = 0;
  for (let n = 1; n <= MAX; n *= 2) {
    const t = await trial(page, kind, n);
    trials.push(t);
    if (!t.ok) {
      fail = n;
      break;
    }
    pass = n;
  }
  // Bisect to within about 10 %.
  while (fail > 0 && fail - pass > Math.max(1, pass / 10)) {
    const n = Math.round((pass + fail) / 2);
    const t = await trial(page, kind, n);
    trials.push(t);
    if (t.ok) pass = n;
    else fail = n;
  }
  const one = trials.find((t) => t.tracks === 1);
  const best = trials.filter((t) => t.ok && t.tracks === pass)[0];
  // Per track: the slope between one track and the largest passing count (the fixed cost, master and limiter, cancels out).
  const perTrackMs = one && best && best.tracks > 1 ? (best.cpuMsPerQuantum - one.cpuMsPerQuantum) / (best.tracks - 1) : null;
  const sorted = [...trials].sort((a, b) => a.tracks - b.tracks);
  const firstUnderrun = sorted.find((t) => !t.underrunFree);
  return {
    kind,
    maxTracks: pass,
    maxTracksWithoutObservedUnderruns: sorted.filter((t) => t.underrunFree && (!firstUnderrun || t.tracks < firstUnderrun.tracks)).at(-1)?.tracks ?? 0,
    firstFailingCount: fail || null,
    audioThreadMsPerQuantumOneTrack: one?.cpuMsPerQuantum ?? null,
    audioThreadUsPerTrackPerQuantum: perTrackMs === null ? null : +(1000 * perTrackMs).toFixed(1),
    /** Where the one-track cost plus the per-track slope would fill the whole quantum. */
    tracksAtFullBudget: perTrackMs && one ? Math.floor((one.budgetMs - one.cpuMsPerQuantum) / perTrackMs) + 1 : null,
    trials,
  };
}

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
  const loadBefore = os.loadavg().map((l) => +l.toFixed(2));
  const results = [];
  for (const kind of values.kinds.split(',')) {
    if (kind !== 'synth' && kind !== 'audio' && kind !== 'synth+3fx') throw new Error(`unknown kind ${kind}; one of synth, audio, synth+3fx`);
    results.push(await search(page, kind));
  }
  console.log(JSON.stringify({ browser: browser.version(), cpus: os.cpus().length, loadAverage: { before: loadBefore, after: os.loadavg().map((l) => +l.toFixed(2)) }, playSeconds: PLAY, results }, null, 2));
} finally {
  await browser.close();
  await server.close();
}
