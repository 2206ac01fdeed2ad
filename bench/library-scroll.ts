/**
 * Library scroll benchmark: the songs view with 100,000 rows in Chromium, scrolled 600 px
 * every frame while requestAnimationFrame records frame times.
 *
 *   npm run build -w @encore/renderer && npx tsx bench/library-scroll.ts [--tracks 100000] [--seconds 5]
 *
 * Serves the built renderer with `vite preview` and plays the host over the page's `/host`
 * WebSocket with the in-memory host (the real browser-mode transport, no disk). Prints JSON:
 * frames, mean fps, p50/p95/p99/max frame time (ms), frames over 20 ms, rows in the DOM.
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { HostRequestFrame, HOST_PROTOCOL_VERSION, hostEvents, type HostEvent } from '@encore/shared/host/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';

/** The renderer's in-memory host, typed by what the bench uses of it. */
interface BenchHost {
  link: { call(method: string, params: unknown): Promise<object>; on(event: string, listener: (payload: unknown) => void): () => void };
}
// Loaded at run time: the renderer's sources belong to the renderer's TypeScript project, not
// to the tools project this file is checked in.
const memoryHostModule = new URL('../desktop/renderer/src/host/testing/memoryHost.ts', import.meta.url).href;
const { createMemoryHost } = (await import(memoryHostModule)) as { createMemoryHost(o: { library: { tracks: object[] } }): BenchHost };

const { values } = parseArgs({ options: { tracks: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '5' } } });
const n = Number(values.tracks);
const seconds = Number(values.seconds);
const SPEED = 600;
const WORDS = 'love night blue fire dream heart rain summer city light dance road home gold shadow river star storm moon sky'.split(' ');
const tracks = Array.from({ length: n }, (_, i) => ({
  id: (i + 1).toString(16).padStart(64, '0'),
  title: `${WORDS[i % 20]} ${WORDS[(i * 7) % 20]} ${i}`,
  artists: [`Artist ${i % 2000}`],
  album: `Album ${i % 9000}`,
  trackNo: (i % 12) + 1,
  year: 1960 + (i % 60),
  durationSec: 120 + (i % 240),
}));

const root = new URL('../desktop/renderer/', import.meta.url).pathname;
const server = await preview({ root, configFile: `${root}vite.config.ts`, preview: { port: 4181, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const memory = createMemoryHost({ library: { tracks } });
  await page.routeWebSocket('**/host', (ws) => {
    for (const event of Object.keys(hostEvents) as HostEvent[]) memory.link.on(event, (payload) => ws.send(JSON.stringify({ v: HOST_PROTOCOL_VERSION, event, payload })));
    ws.onMessage(async (message) => {
      const frame = HostRequestFrame.parse(JSON.parse(String(message)));
      const reply = await memory.link.call(frame.method, frame.params);
      ws.send(JSON.stringify({ v: HOST_PROTOCOL_VERSION, id: frame.id, ...reply }));
    });
  });
  await page.goto('http://127.0.0.1:4181/#/library');
  await page.getByTestId('song-row').first().waitFor({ timeout: 60_000 });
  // A string, not a function: tsx would wrap named functions in a helper the page lacks.
  // Every frame scrolls the list by SPEED px (about 36,000 px/s, 900 rows a second), turning
  // at the ends, while frame times are recorded.
  await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid=songs-list]');
    window.__frames = [];
    window.__run = true;
    let last = performance.now();
    let dir = 1;
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      const max = el.scrollHeight - el.clientHeight;
      if (el.scrollTop + ${SPEED} > max) dir = -1;
      if (el.scrollTop - ${SPEED} < 0) dir = 1;
      el.scrollTop += dir * ${SPEED};
      if (window.__run) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.waitForTimeout(seconds * 1000);
  const result = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __run: boolean };
    w.__run = false;
    return { frames: w.__frames.slice(2), rows: document.querySelectorAll('[data-testid=songs-list] [role=row]').length, scrollTop: document.querySelector('[data-testid=songs-list]')!.scrollTop };
  });
  const sorted = [...result.frames].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  const mean = result.frames.reduce((a, b) => a + b, 0) / result.frames.length;
  console.log(
    JSON.stringify({
      bench: 'library-scroll', tracks: n, seconds, pxPerFrame: SPEED, frames: result.frames.length, meanFps: Math.round(10 * (1000 / mean)) / 10,
      frameMs: { p50: +pct(50).toFixed(2), p95: +pct(95).toFixed(2), p99: +pct(99).toFixed(2), max: +sorted[sorted.length - 1]!.toFixed(2) },
      over20ms: result.frames.filter((f) => f > 20).length, rowsInDom: result.rows, finalScrollTop: result.scrollTop,
    }),
  );
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
