/**
 * The event loop during a big compaction: a document of N MB is written to the update log
 * (4 MB updates of 1 KB items, like bench/sync/loadTime.ts), then folded into its snapshot
 * once on the server's thread (as before the worker pool) and once through the pool, while
 * `monitorEventLoopDelay` and a 5 ms ticker watch the event loop. What stays on the event loop
 * with the pool is the database part: reading the rows (the driver decodes them) and writing.
 *
 *   [DATABASE_URL=…] npx tsx bench/sync/compaction.ts [--mb 50] [--runs 3]
 *
 * Prints one JSON object (figures are upper bounds on a loaded machine: see loadAverage).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import * as Y from 'yjs';
import type { DatabaseHandle } from '../../sync-server/src/db/database';

const ITEM = 'x'.repeat(1024);
const PER_PUSH = 4096;

interface Watch {
  stop(): { maxDelayMs: number; p99DelayMs: number; longestTickGapMs: number };
}

/** Watches the event loop: the histogram of its delay, and the longest gap between 5 ms ticks. */
function watchLoop(): Watch {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop: () => {
      clearInterval(ticker);
      h.disable();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      return { maxDelayMs: ms(h.max), p99DelayMs: ms(h.percentile(99)), longestTickGapMs: Math.round(longest * 100) / 100 };
    },
  };
}

async function openScratch(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void>; kind: string }> {
  const { openDatabase } = await import('../../sync-server/src/db/database');
  const base = process.env.DATABASE_URL;
  if (!base) {
    const handle = await openDatabase({ driver: 'pglite', dir: undefined });
    await handle.migrate();
    return { handle, drop: () => handle.close(), kind: 'pglite (in memory, same thread)' };
  }
  const postgres = (await import('postgres')).default;
  const admin = postgres(base, { max: 1, onnotice: () => undefined });
  const name = `encore_bench_${randomBytes(5).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: 'postgres', url: url.toString() });
  await handle.migrate();
  return {
    handle,
    kind: 'postgresql',
    drop: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const mb = Number(opt('mb') ?? 50);
  const runs = Number(opt('runs') ?? 3);
  if (!(mb > 0 && mb <= 200) || !(runs >= 1 && runs <= 10)) throw new Error('--mb takes (0, 200], --runs 1..10');
  const { DocStore } = await import('../../sync-server/src/sync/persistence');
  const { CompactionPool, inProcessCompactor } = await import('../../sync-server/src/sync/compaction/pool');
  const { foldSnapshot } = await import('../../sync-server/src/sync/compaction/fold');
  const { studioProjects } = await import('../../sync-server/src/db/schema/index');
  const log = pino({ level: 'silent' });
  const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
  const db = await openScratch();
  const pool = new CompactionPool({ size: 1 });
  const stores = {
    'in-process': new DocStore({ db: db.handle.db, log, flushDelayMs: 5, flushMaxUpdates: 100, compactor: inProcessCompactor }),
    'worker-pool': new DocStore({ db: db.handle.db, log, flushDelayMs: 5, flushMaxUpdates: 100, compactor: pool }),
  };
  // The document's updates, made once and written anew for every run.
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < mb * 1024; i += PER_PUSH) source.getArray<string>('a').push(Array.from({ length: Math.min(PER_PUSH, mb * 1024 - i) }, () => ITEM));
  const encodedBytes = Y.encodeStateAsUpdate(source).byteLength;
  const foldStart = performance.now();
  const foldOnly = foldSnapshot({ snapshot: undefined, updates });
  const foldMs = Math.round(performance.now() - foldStart);
  const result: Record<string, unknown> = {
    config: { mb, runs, encodedBytes, logRows: updates.length, packedSnapshotBytes: foldOnly.packed.byteLength, cpus: os.cpus().length, node: process.version, database: db.kind, loadAverageAtStart: loadAverage() },
    foldAloneMs: foldMs,
  };
  const rows: Record<string, unknown>[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      for (const [mode, store] of Object.entries(stores)) {
        const now = new Date();
        const [project] = await db.handle.db.insert(studioProjects).values({ name: `bench ${r}`, createdAt: now, updatedAt: now }).returning();
        const docId = project!.id;
        for (const u of updates) store.append(docId, u);
        await store.flush();
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((res) => setTimeout(res, 200));
        const watch = watchLoop();
        const start = performance.now();
        const folded = await store.compact(docId);
        const compactMs = Math.round(performance.now() - start);
        const loop = watch.stop();
        if (folded !== updates.length) throw new Error(`${mode}: folded ${folded} of ${updates.length} rows`);
        const row = { run: r + 1, mode, compactMs, ...loop, loadAverage: loadAverage() };
        rows.push(row);
        process.stderr.write(`bench/sync/compaction ${JSON.stringify(row)}\n`);
      }
    }
  } finally {
    for (const s of Object.values(stores)) await s.close();
    await pool.close();
    await db.drop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  result.runs = rows;
  result.median = Object.fromEntries(
    Object.keys(stores).map((mode) => {
      const mine = rows.filter((x) => x.mode === mode) as unknown as { compactMs: number; maxDelayMs: number; longestTickGapMs: number }[];
      return [mode, { compactMs: median(mine.map((x) => x.compactMs)), maxDelayMs: median(mine.map((x) => x.maxDelayMs)), longestTickGapMs: median(mine.map((x) => x.longestTickGapMs)) }];
    }),
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench/sync/compaction failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
