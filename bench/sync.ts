/**
 * Collaboration benchmark: Encore's sync-server against the reference y-websocket server
 * (@y/websocket-server 0.1.1, the last release on yjs 13, without persistence since its
 * LevelDB binding is not built here), both in child processes on loopback, driven by the
 * stock y-websocket client. Prints one JSON object.
 *
 *   npx tsx bench/sync.ts [--docs 200] [--seconds 10] [--room 100] [--only ours|ref]
 *   (DATABASE_URL=postgres://...@127.0.0.1/... to run Encore on PostgreSQL instead of PGlite)
 *
 * Scenario "docs": N documents x 3 clients, each client 2 updates/s. Scenario "room": one
 * document with `--room` clients at 2 updates/s each. Reported: connect-to-synced and
 * fan-out latency percentiles, updates lost and documents diverged (must be 0), server heap
 * per document (with its 3 sockets) and per connection, server event-loop delay.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const DOCS = Math.min(flag('docs', 200), 5_000);
const SECONDS = Math.min(flag('seconds', 10), 120);
const ROOM = Math.min(flag('room', 100), 1_000);
const UPDATE_EVERY_MS = 500;
const CONNECT_CONCURRENCY = 50;
const HARD_LIMIT_MS = 15 * 60_000;
/** The histogram samples every this many ms; a sample of exactly this means no delay. */
const LOOP_RESOLUTION_MS = 1;

interface ServerStats {
  heapUsed: number;
  rss: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
}
type ChildRequest = { type: 'stats' };
type ChildReply = { type: 'ready'; port: number } | ({ type: 'stats' } & ServerStats);

// ---------------------------------------------------------------- child: a server
const delay = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

async function serve(kind: 'ours' | 'ref'): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let port: number;
  if (kind === 'ours') {
    const { loadConfig } = await import('../sync-server/src/config');
    const { openDatabase } = await import('../sync-server/src/db/database');
    const { startServer } = await import('../sync-server/src/server');
    const { MemoryMailer } = await import('../sync-server/src/services/mailer/memoryMailer');
    const base = loadConfig({ env: { ENCORE_JWT_SECRET: randomBytes(32).toString('hex'), BCRYPT_COST: '4', LOG_LEVEL: 'silent', PORT: '0', ENCORE_DATA_DIR: '/nonexistent/encore-bench' }, platform: 'linux', home: '/nonexistent' });
    const config = { ...base, rateLimits: { ...base.rateLimits, registerPerIp: { limit: 1_000_000, windowMs: 60_000 } } };
    const url = process.env.BENCH_DATABASE_URL;
    const database = await openDatabase(url ? { driver: 'postgres', url } : { driver: 'pglite', dir: undefined });
    await database.migrate();
    const server = await startServer({ config, logger: pino({ level: 'silent' }), mailer: new MemoryMailer(), database });
    port = server.port;
  } else {
    const { setupWSConnection } = await import('@y/websocket-server/utils');
    const httpServer = http.createServer((_req, res) => res.end('ok'));
    const wss = new WebSocketServer({ noServer: true });
    wss.on('connection', (ws, req) => setupWSConnection(ws, req));
    httpServer.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
    port = (httpServer.address() as AddressInfo).port;
  }
  process.on('message', (m: ChildRequest) => {
    if (m.type !== 'stats') return;
    (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    const reply: ChildReply = { type: 'stats', heapUsed: mem.heapUsed, rss: mem.rss, loopP50Ms: delay(loop.percentile(50)), loopP99Ms: delay(loop.percentile(99)), loopMaxMs: delay(loop.max) };
    loop.reset();
    process.send?.(reply);
  });
  process.send?.({ type: 'ready', port } satisfies ChildReply);
}

// ---------------------------------------------------------------- parent: the clients
class Child {
  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {}

  static start(kind: 'ours' | 'ref', env: Record<string, string> = {}): Promise<Child> {
    const proc = fork(fileURLToPath(import.meta.url), ['--serve', kind], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      proc.once('error', reject);
      proc.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
      proc.on('message', (m: ChildReply) => {
        if (m.type === 'ready') resolve(new Child(proc, m.port));
      });
    });
  }

  stats(): Promise<ServerStats> {
    return new Promise((resolve) => {
      const on = (m: ChildReply) => {
        if (m.type !== 'stats') return;
        this.proc.off('message', on);
        resolve(m);
      };
      this.proc.on('message', on);
      this.proc.send({ type: 'stats' } satisfies ChildRequest);
    });
  }

  stop(): void {
    this.proc.removeAllListeners('exit');
    this.proc.kill('SIGKILL');
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
}

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
  /** Document ids and, per document, the tokens of its clients. */
  rooms(count: number, clientsPerRoom: number): Promise<{ docId: string; tokens: (string | undefined)[] }[]>;
}

async function oursTarget(port: number): Promise<Target> {
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
    rooms: async (count, clientsPerRoom) => {
      const out: { docId: string; tokens: (string | undefined)[] }[] = [];
      await inBatches(
        Array.from({ length: count }, (_, i) => i),
        20,
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

interface Peer {
  key: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  sent: number;
}

async function runScenario(child: Child, target: Target, docs: number, perDoc: number) {
  const rooms = await target.rooms(docs, perDoc);
  const before = await child.stats();
  const connectMs: number[] = [];
  const fanoutMs: number[] = [];
  const peers: Peer[][] = [];
  const flat: { room: number; token: string | undefined; docId: string }[] = rooms.flatMap((r, room) => r.tokens.map((token) => ({ room, token, docId: r.docId })));
  rooms.forEach(() => peers.push([]));
  await inBatches(flat, CONNECT_CONCURRENCY, async ({ room, token, docId }) => {
    const doc = new Y.Doc();
    const start = performance.now();
    const provider = new WebsocketProvider(target.wsBase, docId, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: token ? { token } : {} });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('connect timeout')), 30_000);
      provider.once('sync', () => {
        clearTimeout(t);
        resolve();
      });
    });
    connectMs.push(performance.now() - start);
    const key = `${room}:${peers[room]!.length}`;
    doc.getArray<[string, number, number]>('a').observe((e) => {
      if (e.transaction.local) return;
      const now = performance.now();
      for (const d of e.changes.delta) if (d.insert) for (const item of d.insert as [string, number, number][]) fanoutMs.push(now - item[2]);
    });
    peers[room]!.push({ key, doc, provider, sent: 0 });
  });
  const connected = await child.stats();

  const all = peers.flat();
  const timers = all.map((p, i) =>
    setTimeout(() => {
      const iv = setInterval(() => {
        p.doc.getArray<[string, number, number]>('a').push([[p.key, p.sent++, performance.now()]]);
      }, UPDATE_EVERY_MS);
      timers.push(iv as unknown as NodeJS.Timeout);
    }, (i * 37) % UPDATE_EVERY_MS),
  );
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  for (const t of timers) clearInterval(t);
  const during = await child.stats();

  // Quiescence: wait until every room converged or 10 s passed.
  const deadline = Date.now() + 10_000;
  const expected = (room: Peer[]) => room.reduce((n, p) => n + p.sent, 0);
  const done = () => peers.every((room) => room.every((p) => p.doc.getArray('a').length === expected(room)));
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  let lost = 0;
  let diverged = 0;
  for (const room of peers) {
    for (const p of room) lost += Math.max(0, expected(room) - p.doc.getArray('a').length);
    const sv = Buffer.from(Y.encodeStateVector(room[0]!.doc));
    if (room.some((p) => !Buffer.from(Y.encodeStateVector(p.doc)).equals(sv))) diverged++;
  }
  const sent = all.reduce((n, p) => n + p.sent, 0);
  for (const p of all) {
    p.provider.destroy();
    p.doc.destroy();
  }
  const connections = all.length;
  return {
    documents: docs,
    clients: connections,
    updatesSent: sent,
    connectToSyncedMs: { p50: percentile(connectMs, 50), p95: percentile(connectMs, 95), p99: percentile(connectMs, 99) },
    fanoutMs: { p50: percentile(fanoutMs, 50), p99: percentile(fanoutMs, 99), samples: fanoutMs.length },
    updatesLost: lost,
    documentsDiverged: diverged,
    serverHeapBytes: { before: before.heapUsed, connected: connected.heapUsed, perDocumentWithItsClients: Math.round((connected.heapUsed - before.heapUsed) / docs), perConnection: Math.round((connected.heapUsed - before.heapUsed) / connections) },
    serverRssBytes: during.rss,
    serverEventLoopDelayMs: { p50: round(during.loopP50Ms), p99: round(during.loopP99Ms), max: round(during.loopMaxMs) },
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

async function bench(kind: 'ours' | 'ref', env: Record<string, string> = {}) {
  const child = await Child.start(kind, env);
  try {
    const target = kind === 'ours' ? await oursTarget(child.port) : refTarget(child.port);
    const docs = await runScenario(child, target, DOCS, 3);
    const room = await runScenario(child, target, 1, ROOM);
    return { docs, room };
  } finally {
    child.stop();
  }
}

async function main(): Promise<void> {
  const serveAt = args.indexOf('--serve');
  if (serveAt >= 0) return serve(args[serveAt + 1] === 'ref' ? 'ref' : 'ours');
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  const hard = setTimeout(() => {
    process.stderr.write('bench/sync: hard time limit reached\n');
    process.exit(2);
  }, HARD_LIMIT_MS);
  hard.unref();
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const result: Record<string, unknown> = { config: { docs: DOCS, clientsPerDoc: 3, roomClients: ROOM, seconds: SECONDS, updatesPerClientPerSecond: 1000 / UPDATE_EVERY_MS, node: process.version } };
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
  if (only !== 'ours') result.reference = { server: '@y/websocket-server@0.1.1 (no persistence)', ...(await bench('ref')) };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/sync failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
