/**
 * A sync server under benchmark, in its own process: Encore's (PostgreSQL from
 * BENCH_DATABASE_URL, else in-memory PGlite) or the reference `@y/websocket-server` with its
 * LevelDB persistence (YPERSISTENCE). Answers `stats` over IPC.
 *
 *   (forked by bench/sync.ts) node --import tsx bench/sync/server.ts ours|ref
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { WebSocketServer } from 'ws';
import type { ServerReply, ServerRequest } from './protocol';

/** The histogram samples every this many ms; a sample of exactly this means no delay. */
const LOOP_RESOLUTION_MS = 1;
const delay = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

async function startOurs(): Promise<{ port: number; documents: () => number }> {
  const { loadConfig } = await import('../../sync-server/src/config');
  const { openDatabase } = await import('../../sync-server/src/db/database');
  const { startServer } = await import('../../sync-server/src/server');
  const { MemoryMailer } = await import('../../sync-server/src/services/mailer/memoryMailer');
  const base = loadConfig({
    // Idle documents unload after 1 s, so the load-time runs read them back from the database.
    env: { ENCORE_JWT_SECRET: randomBytes(32).toString('hex'), BCRYPT_COST: '4', LOG_LEVEL: 'silent', PORT: '0', ENCORE_DATA_DIR: '/nonexistent/encore-bench', SYNC_IDLE_UNLOAD_MS: '1000' },
    platform: 'linux',
    home: '/nonexistent',
  });
  // Access tokens live 2 h here (15 min by default): a 2,000-document run on a loaded machine
  // outlasts 15 min, and an expired token closes its socket (4401) by design.
  const config = { ...base, accessTokenTtlMs: 2 * 3_600_000, rateLimits: { ...base.rateLimits, registerPerIp: { limit: 1_000_000, windowMs: 60_000 } } };
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase(url ? { driver: 'postgres', url } : { driver: 'pglite', dir: undefined });
  await database.migrate();
  const server = await startServer({ config, logger: pino({ level: 'silent' }), mailer: new MemoryMailer(), database });
  return { port: server.port, documents: () => server.sync.stats().documents };
}

async function startReference(): Promise<{ port: number; documents: () => number }> {
  // utils.js reads YPERSISTENCE when it is first imported: bench/sync.ts sets it per run.
  const { setupWSConnection, docs } = await import('@y/websocket-server/utils');
  const httpServer = http.createServer((_req, res) => res.end('ok'));
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  httpServer.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  return { port: (httpServer.address() as AddressInfo).port, documents: () => docs.size };
}

async function main(): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const server = process.argv[2] === 'ref' ? await startReference() : await startOurs();
  process.on('message', (m: ServerRequest) => {
    if (m.type !== 'stats') return;
    (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    const reply: ServerReply = { type: 'stats', heapUsed: mem.heapUsed, rss: mem.rss, loopP50Ms: delay(loop.percentile(50)), loopP99Ms: delay(loop.percentile(99)), loopMaxMs: delay(loop.max), documents: server.documents() };
    loop.reset();
    if (process.connected) process.send?.(reply);
  });
  process.send?.({ type: 'ready', port: server.port } satisfies ServerReply);
  // The orchestrator stopped (finished, failed or hit its time limit): stop with it.
  process.on('disconnect', () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/sync server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
