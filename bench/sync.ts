/**
 * Collaboration benchmark: Encore's sync-server against the reference y-websocket server
 * (@y/websocket-server 0.1.1, the last release on yjs 13), both with persistence on (Encore:
 * PostgreSQL with DATABASE_URL, else in-memory PGlite; reference: its LevelDB persistence,
 * YPERSISTENCE) and each in its own process on loopback, driven by the stock y-websocket
 * client in separate worker processes. Prints one JSON object.
 *
 *   npx tsx bench/sync.ts [--docs 2000] [--seconds 20] [--room 100] [--workers 2]
 *                         [--load-mb 1,10,50] [--only ours|ref]
 *
 * Scenario "docs": N documents x 3 clients, each client 2 updates/s. Scenario "room": one
 * document with `--room` clients at 2 updates/s each. Reported: connect-to-synced and
 * fan-out latency percentiles, updates lost and documents diverged (must be 0), server heap
 * per document (with its 3 sockets) and per connection, server event-loop delay, and the
 * connect-to-synced time of stored documents of the `--load-mb` sizes after an unload.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureLoad, type LoadTarget } from './sync/loadTime';
import type { ClientsReply, ClientsRequest, RoomSpec, ServerReply, ServerStats } from './sync/protocol';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const text = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DOCS = Math.min(flag('docs', 2000), 5_000);
const SECONDS = Math.min(flag('seconds', 20), 120);
const ROOM = Math.min(flag('room', 100), 1_000);
const WORKERS = Math.min(flag('workers', 2), 8);
const LOAD_MB = (text('load-mb') ?? '1,10,50').split(',').filter(Boolean).map(Number);
const LOAD_RUNS = 3;
const UPDATE_EVERY_MS = 500;
const CONNECT_CONCURRENCY = 50;
const HARD_LIMIT_MS = 30 * 60_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const execArgv = ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096'];

/** A child process spoken to over IPC; `next(type)` waits for its next message of that type. */
class Proc<Reply extends { type: string }> {
  private readonly waiting: { type: string; resolve: (m: Reply) => void }[] = [];
  constructor(readonly proc: ChildProcess, what: string) {
    proc.on('message', (m: Reply) => {
      const i = this.waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m);
    });
    proc.once('exit', (code) => {
      if (code !== null && code !== 0) {
        process.stderr.write(`bench/sync: ${what} exited (${code})\n`);
        process.exit(1);
      }
    });
  }
  next<T extends Reply['type']>(type: T): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve) => this.waiting.push({ type, resolve: resolve as (m: Reply) => void }));
  }
  send(m: unknown): void {
    this.proc.send(m as never);
  }
  stop(): void {
    this.proc.removeAllListeners('exit');
    this.proc.kill('SIGKILL');
  }
}

async function startServer(kind: 'ours' | 'ref', env: Record<string, string>): Promise<{ proc: Proc<ServerReply>; port: number; stats: () => Promise<ServerStats> }> {
  const child = fork(path.join(here, 'sync/server.ts'), [kind], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const proc = new Proc<ServerReply>(child, `${kind} server`);
  const { port } = await proc.next('ready');
  return {
    proc,
    port,
    stats: async () => {
      const reply = proc.next('stats');
      proc.send({ type: 'stats' });
      return reply;
    },
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}
const round = (x: number) => Math.round(x * 100) / 100;

async function json(url: string, method: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function inBatches<T>(items: T[], size: number, fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

interface Target {
  wsBase: string;
  rooms(count: number, clientsPerRoom: number): Promise<RoomSpec[]>;
}

/** Three accounts; every project is owned by the first, the others are editors. */
async function oursTarget(port: number): Promise<Target & { owner: string }> {
  const base = `http://127.0.0.1:${port}`;
  const users = await Promise.all(
    Array.from({ length: 3 }, async (_, i) => {
      const username = `bench${i}${randomBytes(3).toString('hex')}`;
      const r = await json(`${base}/api/auth/register`, 'POST', { email: `${username}@example.com`, username, password: 'correct horse battery staple' });
      return { username, token: String(r.accessToken) };
    }),
  );
  return {
    wsBase: `ws://127.0.0.1:${port}/sync`,
    owner: users[0]!.token,
    rooms: async (count, clientsPerRoom) => {
      const out: RoomSpec[] = [];
      await inBatches(
        Array.from({ length: count }, (_, i) => i),
        50,
        async () => {
          const p = await json(`${base}/api/studio/projects`, 'POST', { name: 'bench' }, users[0]!.token);
          const docId = String((p.project as { id: string }).id);
          for (const u of users.slice(1)) await json(`${base}/api/studio/projects/${docId}/collaborators`, 'POST', { username: u.username, role: 'editor' }, users[0]!.token);
          out.push({ docId, tokens: Array.from({ length: clientsPerRoom }, (_, k) => users[k % users.length]!.token) });
        },
      );
      return out;
    },
  };
}

function refTarget(port: number): Target {
  return {
    wsBase: `ws://127.0.0.1:${port}`,
    rooms: async (count, clientsPerRoom) => Array.from({ length: count }, () => ({ docId: randomBytes(8).toString('hex'), tokens: Array.from({ length: clientsPerRoom }, () => undefined) })),
  };
}

async function runScenario(server: Awaited<ReturnType<typeof startServer>>, target: Target, docs: number, perDoc: number) {
  const specs = await target.rooms(docs, perDoc);
  const workerCount = Math.min(WORKERS, specs.length);
  const workers = Array.from({ length: workerCount }, (_, i) => new Proc<ClientsReply>(fork(path.join(here, 'sync/clients.ts'), [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }), `client worker ${i}`));
  try {
    const before = await server.stats();
    const connected = await Promise.all(
      workers.map((w, i) => {
        const reply = w.next('connected');
        w.send({ type: 'connect', wsBase: target.wsBase, rooms: specs.filter((_, r) => r % workerCount === i), concurrency: Math.ceil(CONNECT_CONCURRENCY / workerCount) } satisfies ClientsRequest);
        return reply;
      }),
    );
    const afterConnect = await server.stats();
    await Promise.all(
      workers.map((w) => {
        const reply = w.next('ran');
        w.send({ type: 'go', seconds: SECONDS, updateEveryMs: UPDATE_EVERY_MS } satisfies ClientsRequest);
        return reply;
      }),
    );
    const during = await server.stats();
    const finished = await Promise.all(
      workers.map((w) => {
        const reply = w.next('finished');
        w.send({ type: 'finish', quiesceMs: 15_000 } satisfies ClientsRequest);
        return reply;
      }),
    );
    const connectMs = connected.flatMap((c) => c.connectMs);
    const fanoutMs = finished.flatMap((f) => f.fanoutMs);
    const connections = docs * perDoc;
    const grown = afterConnect.heapUsed - before.heapUsed;
    return {
      documents: docs,
      clients: connections,
      clientProcesses: workerCount,
      updatesSent: finished.reduce((n, f) => n + f.sent, 0),
      connectToSyncedMs: { p50: percentile(connectMs, 50), p95: percentile(connectMs, 95), p99: percentile(connectMs, 99) },
      fanoutMs: { p50: percentile(fanoutMs, 50), p99: percentile(fanoutMs, 99), samples: fanoutMs.length },
      updatesLost: finished.reduce((n, f) => n + f.lost, 0),
      documentsDiverged: finished.reduce((n, f) => n + f.diverged, 0),
      serverHeapBytes: { before: before.heapUsed, connected: afterConnect.heapUsed, perDocumentWithItsClients: Math.round(grown / docs), perConnection: Math.round(grown / connections) },
      serverRssBytes: during.rss,
      serverEventLoopDelayMs: { p50: round(during.loopP50Ms), p99: round(during.loopP99Ms), max: round(during.loopMaxMs) },
    };
  } finally {
    for (const w of workers) w.stop();
  }
}

/** Each part as it finishes, on stderr: a long run that is stopped still leaves its figures. */
function progress(kind: string, part: string, value: unknown): void {
  process.stderr.write(`bench/sync ${kind} ${part}: ${JSON.stringify(value)}\n`);
}

async function bench(kind: 'ours' | 'ref', env: Record<string, string> = {}) {
  const server = await startServer(kind, env);
  try {
    const target = kind === 'ours' ? await oursTarget(server.port) : refTarget(server.port);
    const docs = await runScenario(server, target, DOCS, 3);
    progress(kind, 'docs', docs);
    const room = await runScenario(server, target, 1, ROOM);
    progress(kind, 'room', room);
    const loadTarget: LoadTarget = {
      wsBase: target.wsBase,
      newDocument: async () => ({ docId: (await target.rooms(1, 1))[0]!.docId, token: 'owner' in target ? (target.owner as string) : undefined }),
      documentsInMemory: async () => (await server.stats()).documents,
    };
    const load = [];
    for (const mb of LOAD_MB) {
      const r = await measureLoad(loadTarget, mb, LOAD_RUNS);
      load.push({ ...r, medianMs: percentile(r.loadMs, 50) });
      progress(kind, `load ${mb} MB`, load.at(-1));
    }
    return { docs, room, loadStoredDocument: load };
  } finally {
    server.proc.stop();
  }
}

async function main(): Promise<void> {
  const hard = setTimeout(() => {
    process.stderr.write('bench/sync: hard time limit reached\n');
    process.exit(2);
  }, HARD_LIMIT_MS);
  hard.unref();
  const only = text('only');
  const result: Record<string, unknown> = {
    config: { docs: DOCS, clientsPerDoc: 3, roomClients: ROOM, seconds: SECONDS, updatesPerClientPerSecond: 1000 / UPDATE_EVERY_MS, clientProcesses: WORKERS, loadMb: LOAD_MB, cpus: os.cpus().length, loadAverage: os.loadavg().map(round), node: process.version },
  };
  if (only !== 'ref') {
    // With DATABASE_URL (loopback PostgreSQL) a scratch database is made and dropped; else in-memory PGlite.
    const base = process.env.DATABASE_URL;
    if (base) {
      const postgres = (await import('postgres')).default;
      const admin = postgres(base, { max: 1, onnotice: () => undefined });
      const name = `encore_bench_${randomBytes(5).toString('hex')}`;
      await admin.unsafe(`CREATE DATABASE ${name}`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      try {
        result.encore = { database: 'postgresql', ...(await bench('ours', { BENCH_DATABASE_URL: url.toString() })) };
      } finally {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } else result.encore = { database: 'pglite (in memory, same thread)', ...(await bench('ours')) };
  }
  if (only !== 'ours') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-bench-ref-'));
    try {
      result.reference = { server: '@y/websocket-server@0.1.1 with y-leveldb persistence', ...(await bench('ref', { YPERSISTENCE: dir })) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/sync failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
