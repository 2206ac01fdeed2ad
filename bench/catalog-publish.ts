/**
 * Publishing benchmark: a generated 4-minute song (44.1 kHz, the demo's synthesiser) from the
 * first upload chunk to every rendition ready (Opus 96/160/320 + FLAC, peaks, tempo and key,
 * loudness), through a real server over HTTP on loopback, on embedded PGlite as `npm start` runs.
 *
 *   npx tsx bench/catalog-publish.ts [--seconds 240]
 *
 * Prints JSON: upload seconds (chunks + SHA-256 + probe/full decode), processing seconds, total,
 * and the worker's per-stage timings (each ffmpeg lane, JS analysis, blob store, DB writes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../sync-server/src/config';
import { startServer } from '../sync-server/src/server';
import { DemoClient } from '../scripts/demo/client';
import { encodeWavMono, synthesiseSong } from '../scripts/demo/synth';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '240' } } });
const SECONDS = Number(values.seconds);
const RATE = 44_100;

async function main(): Promise<void> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'encore-bench-publish-'));
  const config = { ...loadConfig({ env: { ENCORE_DATA_DIR: dir, BCRYPT_COST: '4', LOG_LEVEL: 'error' }, platform: 'linux', home: dir }), port: 0 };
  // The worker logs its per-stage timings with 'track processed': keep that line, drop the rest.
  let timings: unknown;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.includes('"track processed"')) timings = (JSON.parse(line) as { timings?: unknown }).timings;
      done();
    },
  });
  const server = await startServer({ config, logger: pino({ level: 'info' }, sink) });
  try {
    const api = new DemoClient(server.url);
    const { accessToken: token } = await api.register('bench_artist', 'bench@bench.example', 'bench-password-123', 'artist');
    const wav = encodeWavMono(synthesiseSong({ tonic: 57, mode: 'minor', bpm: 120, seconds: SECONDS, seed: 7 }, RATE), RATE);
    const t0 = performance.now();
    const up = await api.uploadMaster(token, wav, 'bench.wav');
    const t1 = performance.now();
    const track = await api.publish(token, { uploadId: up.id, title: 'Bench Song' });
    let status = await api.processing(token, track.id);
    while (status.status === 'processing') {
      await new Promise((r) => setTimeout(r, 100));
      status = await api.processing(token, track.id);
    }
    const t2 = performance.now();
    if (status.status !== 'ready') throw new Error(`processing ended ${status.status}: ${status.error}`);
    const result = {
      bench: 'catalog-publish',
      database: 'pglite',
      audioSeconds: SECONDS,
      masterMB: Math.round((wav.byteLength / 1e6) * 10) / 10,
      uploadSeconds: Math.round((t1 - t0) / 100) / 10,
      processingSeconds: Math.round((t2 - t1) / 100) / 10,
      totalSeconds: Math.round((t2 - t0) / 100) / 10,
      // Inside processing: wall time of each ffmpeg lane (its outputs joined by '+'; lanes run in parallel), JS analysis, blob store, DB.
      processingStagesMs: timings,
      cpus: os.cpus().length,
      loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
