/**
 * Load time of stored documents: a document of N MB is written through the socket, every
 * client leaves, the server unloads it (Encore after its idle delay, the reference at once),
 * then a fresh stock client is timed from connect to synced — the server reads the document
 * back from its database (PostgreSQL / LevelDB) and sends it.
 *
 * Used by bench/sync.ts, and runs alone (load times only, each server in its own process):
 *
 *   [DATABASE_URL=…] npx tsx bench/sync/loadTime.ts [--mb 1,10,50] [--runs 3] [--only ours|ref]
 *
 * Prints one JSON object: per size and server the encoded size and every run's time.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerReply } from './protocol';

/** 1 KB strings: a document of many small items, like a real project's. */
const ITEM = 'x'.repeat(1024);
/** Items per transaction: ~4 MB messages, under Encore's 16 MiB message limit. */
const PER_PUSH = 4096;

export interface LoadTarget {
  wsBase: string;
  /** A new document id and a token for it. */
  newDocument(): Promise<{ docId: string; token: string | undefined }>;
  /** Documents the server holds in memory. */
  documentsInMemory(): Promise<number>;
}

/**
 * Connects and resolves once synced and `complete(doc)` holds: the reference server answers
 * the handshake before its LevelDB read finishes and sends the stored state afterwards, so
 * "synced" alone would time an empty document there.
 */
function open(wsBase: string, docId: string, token: string | undefined, doc: Y.Doc, complete: (d: Y.Doc) => boolean = () => true): Promise<{ provider: WebsocketProvider; ms: number }> {
  const start = performance.now();
  const provider = new WebsocketProvider(wsBase, docId, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: token ? { token } : {} });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('load timeout')), 120_000);
    const check = () => {
      if (!provider.synced || !complete(doc)) return;
      clearTimeout(t);
      doc.off('update', check);
      resolve({ provider, ms: performance.now() - start });
    };
    provider.on('sync', check);
    doc.on('update', check);
  });
}

async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Writes a document of `mb` MB and returns connect-to-synced times of `runs` cold loads (ms). */
export async function measureLoad(target: LoadTarget, mb: number, runs: number): Promise<{ mb: number; encodedBytes: number; loadMs: number[] }> {
  const { docId, token } = await target.newDocument();
  const items = mb * 1024;
  const writerDoc = new Y.Doc();
  const writer = await open(target.wsBase, docId, token, writerDoc);
  const arr = writerDoc.getArray<string>('a');
  for (let i = 0; i < items; i += PER_PUSH) {
    arr.push(Array.from({ length: Math.min(PER_PUSH, items - i) }, () => ITEM));
    // Let each message leave before the next is built.
    await until(async () => (writer.provider.ws?.bufferedAmount ?? 0) === 0, 60_000, 'send buffer drained');
  }
  const encodedBytes = Y.encodeStateAsUpdate(writerDoc).byteLength;
  // A second client proves the server holds it all before the writer leaves.
  const checkDoc = new Y.Doc();
  const check = await open(target.wsBase, docId, token, checkDoc, (d) => d.getArray('a').length === items);
  for (const p of [writer.provider, check.provider]) p.destroy();
  writerDoc.destroy();
  checkDoc.destroy();
  const loadMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    await until(async () => (await target.documentsInMemory()) === 0, 60_000, 'document unloaded');
    // Let the reference server's LevelDB writes settle as well.
    await new Promise((res) => setTimeout(res, 500));
    const doc = new Y.Doc();
    const cold = await open(target.wsBase, docId, token, doc, (d) => d.getArray('a').length === items);
    loadMs.push(Math.round(cold.ms * 10) / 10);
    cold.provider.destroy();
    doc.destroy();
  }
  return { mb, encodedBytes, loadMs };
}

/** A server of bench/sync/server.ts in its own process, with the documents it holds in memory. */
async function startServer(kind: 'ours' | 'ref', env: Record<string, string>): Promise<{ port: number; documents: () => Promise<number>; stop: () => void }> {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [kind], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const waiting: ((m: ServerReply) => void)[] = [];
  child.on('message', (m: ServerReply) => waiting.shift()?.(m));
  const next = () => new Promise<ServerReply>((r) => waiting.push(r));
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`${kind} server did not start`);
  return {
    port: ready.port,
    documents: async () => {
      const reply = next();
      child.send({ type: 'stats' });
      const m = await reply;
      return m.type === 'stats' ? m.documents : NaN;
    },
    stop: () => child.kill('SIGKILL'),
  };
}

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

interface Started {
  kind: 'ours' | 'ref';
  target: LoadTarget;
  stop(): Promise<void>;
}

/** One server with its storage (a scratch PostgreSQL database with DATABASE_URL, else PGlite; LevelDB in a temporary folder). */
async function start(kind: 'ours' | 'ref'): Promise<Started> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-bench-load-'));
  let dropDatabase = async () => undefined as unknown;
  const env: Record<string, string> = { YPERSISTENCE: dir };
  if (kind === 'ours' && process.env.DATABASE_URL) {
    const postgres = (await import('postgres')).default;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => undefined });
    const name = `encore_bench_${randomBytes(5).toString('hex')}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.BENCH_DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const server = await startServer(kind, env);
  const base = `http://127.0.0.1:${server.port}`;
  let token: string | undefined;
  if (kind === 'ours') {
    const username = `load${randomBytes(3).toString('hex')}`;
    token = String((await post(`${base}/api/auth/register`, { email: `${username}@example.com`, username, password: 'correct horse battery staple' })).accessToken);
  }
  return {
    kind,
    target: {
      wsBase: kind === 'ours' ? `ws://127.0.0.1:${server.port}/sync` : `ws://127.0.0.1:${server.port}`,
      newDocument: async () =>
        kind === 'ours' ? { docId: String(((await post(`${base}/api/studio/projects`, { name: 'load' }, token)).project as { id: string }).id), token } : { docId: randomBytes(8).toString('hex'), token: undefined },
      documentsInMemory: server.documents,
    },
    stop: async () => {
      server.stop();
      await dropDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const sizes = (opt('mb') ?? '1,10,50').split(',').filter(Boolean).map(Number);
  const runs = Number(opt('runs') ?? 3);
  if (sizes.some((x) => !(x > 0 && x <= 200)) || !(runs >= 1 && runs <= 20)) throw new Error('--mb takes sizes in (0, 200], --runs 1..20');
  const only = opt('only');
  const kinds = (['ours', 'ref'] as const).filter((k) => only === undefined || only === k);
  const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
  const result: Record<string, unknown> = { config: { sizesMb: sizes, runs, cpus: os.cpus().length, loadAverageAtStart: loadAverage(), node: process.version, encoreDatabase: process.env.DATABASE_URL ? 'postgresql' : 'pglite (in memory, same thread)', reference: '@y/websocket-server@0.1.1 with y-leveldb persistence' } };
  // Both servers run side by side and each size is measured on one, then the other, so a
  // machine whose load changes over the run weighs on both alike.
  const servers = [];
  for (const kind of kinds) servers.push(await start(kind));
  const rows = [];
  try {
    for (const mb of sizes) {
      const row: Record<string, unknown> = { mb };
      for (const s of servers) {
        const r = await measureLoad(s.target, mb, runs);
        const sorted = [...r.loadMs].sort((a, b) => a - b);
        row.encodedBytes = r.encodedBytes;
        row[s.kind === 'ours' ? 'encore' : 'reference'] = { loadMs: r.loadMs, medianMs: sorted[Math.floor(sorted.length / 2)], loadAverage: loadAverage() };
        process.stderr.write(`bench/sync/loadTime ${s.kind} ${mb} MB: ${JSON.stringify(row)}\n`);
      }
      rows.push(row);
    }
  } finally {
    for (const s of servers) await s.stop();
  }
  result.load = rows;
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench/sync/loadTime failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
