/**
 * Streaming benchmark: 200 concurrent listeners each reading a published track with Range
 * requests (256 KiB at a time, as a player's buffer fills), on loopback, for a fixed time.
 * The server runs as `npm start` runs it (embedded PGlite, blobs in the data folder), or on a
 * scratch database of the DATABASE_URL server when that is set; the track goes through the
 * real upload + processing first.
 *
 *   [DATABASE_URL=postgres://…] npx tsx bench/catalog-stream.ts [--listeners 200] [--seconds 15] [--range 262144]
 *
 * Prints JSON: throughput (MB/s of body bytes), requests/s, time-to-first-byte p50/p95/max.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import postgres from 'postgres';
import { loadConfig } from '../sync-server/src/config';
import { startServer } from '../sync-server/src/server';
import { DemoClient } from '../scripts/demo/client';
import { encodeWavMono, synthesiseSong } from '../scripts/demo/synth';

const { values } = parseArgs({ options: { listeners: { type: 'string', default: '200' }, seconds: { type: 'string', default: '15' }, range: { type: 'string', default: '262144' } } });
const LISTENERS = Number(values.listeners);
const SECONDS = Number(values.seconds);
const RANGE = Number(values.range);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 100) / 100;
};

/** One range request; resolves with time to the response head and the body size. */
function rangeRequest(agent: http.Agent, url: string, token: string, start: number, end: number): Promise<{ ttfbMs: number; bytes: number; size: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}`, range: `bytes=${start}-${end}` } }, (res) => {
      const ttfbMs = performance.now() - t0;
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => {
        if (res.statusCode !== 206) return reject(new Error(`stream answered ${res.statusCode}`));
        resolve({ ttfbMs, bytes, size: Number(/\/(\d+)$/.exec(res.headers['content-range'] ?? '')?.[1] ?? 0) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'encore-bench-stream-'));
  const pgUrl = process.env.DATABASE_URL;
  const scratch = `encore_bench_stream_${randomBytes(4).toString('hex')}`;
  const admin = pgUrl ? postgres(pgUrl, { max: 1, onnotice: () => undefined }) : undefined;
  await admin?.unsafe(`CREATE DATABASE ${scratch}`);
  const env: Record<string, string> = { ENCORE_DATA_DIR: dir, BCRYPT_COST: '4', LOG_LEVEL: 'error' };
  if (pgUrl) env.DATABASE_URL = pgUrl.replace(/\/[^/]*$/, `/${scratch}`);
  const config = { ...loadConfig({ env, platform: 'linux', home: dir }), port: 0 };
  const server = await startServer({ config, logger: pino({ level: 'error' }) });
  try {
    const api = new DemoClient(server.url);
    const artist = await api.register('bench_artist', 'artist@bench.example', 'bench-password-123', 'artist');
    const up = await api.uploadMaster(artist.accessToken, encodeWavMono(synthesiseSong({ tonic: 60, mode: 'major', bpm: 110, seconds: 180, seed: 3 }, 22_050), 22_050), 'stream.wav');
    const track = await api.publish(artist.accessToken, { uploadId: up.id, title: 'Stream Bench' });
    while ((await api.processing(artist.accessToken, track.id)).status === 'processing') await new Promise((r) => setTimeout(r, 200));
    // Listeners share one account: the server does the same work per request whoever asks (tier lookup, rendition, file).
    const listener = await api.register('bench_listener', 'listener@bench.example', 'bench-password-123', 'listener');
    const url = `${server.url}/api/tracks/${track.id}/stream`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: LISTENERS });
    const { size } = await rangeRequest(agent, url, listener.accessToken, 0, 0);
    const ttfb: number[] = [];
    let bytes = 0;
    let requests = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: LISTENERS }, async (_, i) => {
        // Each listener starts somewhere else in the file, as listeners who pressed play at different times.
        let pos = Math.floor((i / LISTENERS) * size);
        while (performance.now() < deadline) {
          const end = Math.min(size - 1, pos + RANGE - 1);
          const r = await rangeRequest(agent, url, listener.accessToken, pos, end);
          ttfb.push(r.ttfbMs);
          bytes += r.bytes;
          requests++;
          pos = end + 1 >= size ? 0 : end + 1;
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    agent.destroy();
    const result = {
      bench: 'catalog-stream',
      database: pgUrl ? 'postgresql' : 'pglite',
      listeners: LISTENERS,
      seconds: Math.round(elapsed * 10) / 10,
      renditionBytes: size,
      rangeBytes: RANGE,
      requests,
      requestsPerSecond: Math.round(requests / elapsed),
      throughputMBps: Math.round((bytes / 1e6 / elapsed) * 10) / 10,
      ttfb: { p50Ms: pct(ttfb, 50), p95Ms: pct(ttfb, 95), maxMs: pct(ttfb, 100) },
      cpus: os.cpus().length,
      loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
    await admin?.unsafe(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin?.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
