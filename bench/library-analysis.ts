/**
 * Track analysis benchmark: loudness (EBU R128), true peak, waveform, tempo and key of N
 * generated 3-minute files, measured apart from the import.
 *
 *   npx tsx bench/library-analysis.ts [--count 20] [--workers N]
 *
 * Files (MP3/FLAC/Ogg/Opus/M4A in turn, pink noise plus a decaying tone on each beat, levels
 * and tempi varying) are made with ffmpeg and cached under bench/results/. The library import
 * runs first and is timed on its own; then AnalysisService analyses every track in its worker
 * pool. Loudness is compared with ffmpeg's ebur128 filter on the same files. Prints JSON.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { openDatabase } from '../desktop/main/src/node/db/database';
import { silentLogger } from '../desktop/main/src/node/logger';
import { AnalysisService } from '../desktop/main/src/node/services/library/analysis/AnalysisService';
import { ffmpegEbur128, renderLavfi } from '../desktop/main/src/node/services/library/analysis/testing/fixtures';
import { LibraryService } from '../desktop/main/src/node/services/library/LibraryService';

const run = promisify(execFile);
const { values } = parseArgs({ options: { count: { type: 'string', default: '20' }, workers: { type: 'string' } } });
const count = Number(values.count);
const SECONDS = 180;
const EXTS = ['mp3', 'flac', 'ogg', 'opus', 'm4a'];

async function generate(dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) => path.join(dir, `track-${String(i).padStart(3, '0')}.${EXTS[i % EXTS.length]}`));
  const todo = files.filter((f) => !fs.existsSync(f));
  const one = async (f: string) => {
    const i = files.indexOf(f);
    const bpm = 80 + ((i * 7) % 90);
    const gain = 0.2 + 0.6 * ((i * 37) % 10) / 10;
    const src = `aevalsrc='${gain}*(0.5*sin(2*PI*${110 * (1 + (i % 5))}*t)*exp(-6*mod(t,60/${bpm}))+0.15*(random(0)*2-1))|${gain}*(0.5*sin(2*PI*${165 * (1 + (i % 3))}*t)*exp(-6*mod(t,60/${bpm}))+0.15*(random(1)*2-1))':s=44100:d=${SECONDS}`;
    await renderLavfi(f, src);
  };
  const queue = [...todo];
  await Promise.all(Array.from({ length: os.availableParallelism() }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await one(f);
  }));
  return files;
}

const music = path.join(import.meta.dirname, 'results', `analysis-${count}x${SECONDS}s`);
const files = await generate(music);
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-bench-analysis-'));
const db = openDatabase({ path: path.join(data, 'encore.db') });
const library = new LibraryService({ db, artworkDir: path.join(data, 'artwork'), log: silentLogger() });
library.addFolder(music);
const importStart = performance.now();
await library.scan();
const importSeconds = (performance.now() - importStart) / 1000;

const analysis = new AnalysisService({ library, log: silentLogger(), workers: values.workers ? Number(values.workers) : undefined });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const start = performance.now();
await analysis.start();
await analysis.idle();
const seconds = (performance.now() - start) / 1000;
delay.disable();
const status = analysis.status();

let maxLufsDiff = 0;
let maxTruePeakDiff = 0;
let maxLraDiff = 0;
for (const f of files) {
  const track = library.songs({ filter: { text: path.parse(f).name.replace('-', ' ') } }).items.find((t) => t.relPath === path.basename(f))!;
  const a = analysis.track(track.id)!;
  const ref = await ffmpegEbur128(f);
  maxLufsDiff = Math.max(maxLufsDiff, Math.abs(a.integratedLufs! - ref.integratedLufs));
  maxTruePeakDiff = Math.max(maxTruePeakDiff, Math.abs(a.truePeakDbtp! - ref.truePeakDbtp));
  maxLraDiff = Math.max(maxLraDiff, Math.abs(a.loudnessRangeLu! - ref.loudnessRangeLu));
}
const ffmpegVersion = (await run('ffmpeg', ['-version'])).stdout.split('\n')[0];
await analysis.dispose();
await library.dispose();
db.dispose();
fs.rmSync(data, { recursive: true, force: true });

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
console.log(
  JSON.stringify(
    {
      bench: 'library-analysis',
      tracks: count,
      trackSeconds: SECONDS,
      cores: os.availableParallelism(),
      workers: status.workers,
      decoder: status.decoder,
      importSeconds: round(importSeconds),
      analysisSeconds: round(seconds),
      tracksPerSecond: round(count / seconds),
      xRealTime: round((count * SECONDS) / seconds, 1),
      xRealTimePerWorker: round((count * SECONDS) / seconds / status.workers, 1),
      analysed: status.analysed,
      failed: status.failed,
      eventLoopDelayP99Ms: round(delay.percentile(99) / 1e6, 1),
      vsFfmpegEbur128: { maxAbsDiffLufs: round(maxLufsDiff), maxAbsDiffTruePeakDb: round(maxTruePeakDiff), maxAbsDiffLraLu: round(maxLraDiff) },
      ffmpeg: ffmpegVersion,
    },
    null,
    2,
  ),
);
