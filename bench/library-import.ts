/**
 * Library import benchmark: Encore vs MPD on the same folder of generated, tagged files.
 *
 *   npx tsx bench/library-import.ts [--count 2000]
 *
 * Files (mixed MP3/FLAC/OGG/Opus/M4A/WAV/AIFF, 0.2 s of silence, distinct tags) are made with
 * ffmpeg, many outputs per ffmpeg run, and cached under bench/results/. Encore's import runs
 * in a child process (fresh data folder) and is timed until the last track is searchable;
 * its peak RSS is the child's maxRSS. MPD (if installed) runs with a temporary mpd.conf on
 * its own port and is timed over `mpc update --wait`; its peak is VmHWM. Prints JSON.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const FORMATS = [
  { ext: 'mp3', codec: ['-c:a', 'libmp3lame', '-b:a', '32k', '-id3v2_version', '3'], mux: 'mp3' },
  { ext: 'flac', codec: ['-c:a', 'flac'], mux: 'flac' },
  { ext: 'ogg', codec: ['-c:a', 'libvorbis'], mux: 'ogg' },
  { ext: 'opus', codec: ['-c:a', 'libopus', '-b:a', '16k'], mux: 'ogg' },
  { ext: 'm4a', codec: ['-c:a', 'aac', '-b:a', '32k'], mux: 'ipod' },
  { ext: 'wav', codec: ['-c:a', 'pcm_s16le'], mux: 'wav' },
  { ext: 'aiff', codec: ['-c:a', 'pcm_s16be', '-write_id3v2', '1'], mux: 'aiff' },
] as const;
const PER_RUN = 50;
const GENRES = ['Rock', 'Jazz', 'Pop', 'Electronic', 'Classical', 'Hip-Hop', 'Folk', 'Ambient'];

async function generate(dir: string, count: number): Promise<void> {
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  const jobs: number[][] = [];
  for (let i = 0; i < count; i += PER_RUN) jobs.push(Array.from({ length: Math.min(PER_RUN, count - i) }, (_, k) => i + k));
  const work = async (ids: number[]) => {
    const fmt = FORMATS[Math.floor(ids[0]! / PER_RUN) % FORMATS.length]!;
    const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-t', '0.2'];
    for (const i of ids) {
      const artist = `Artist ${i % 400}`;
      const album = `Album ${Math.floor(i / 10)}`;
      const out = path.join(dir, artist, album, `${String(i % 10).padStart(2, '0')} Track ${i}.${fmt.ext}`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      args.push('-map', '0:a', '-t', '0.2', ...fmt.codec);
      for (const [k, v] of Object.entries({ title: `Song number ${i} ${['love', 'night', 'blue', 'fire', 'dream'][i % 5]}`, artist, album_artist: artist, album, genre: GENRES[i % GENRES.length]!, date: String(1960 + (i % 60)), track: String((i % 10) + 1) })) args.push('-metadata', `${k}=${v}`);
      args.push('-f', fmt.mux, out);
    }
    await run('ffmpeg', args, { maxBuffer: 1 << 22 });
  };
  const queue = [...jobs];
  await Promise.all(Array.from({ length: Math.max(1, os.cpus().length) }, async () => {
    for (let j = queue.shift(); j; j = queue.shift()) await work(j);
  }));
  fs.writeFileSync(marker, String(count));
}

/** Child mode: import `music` into a fresh data folder and report time and peak memory. */
async function importChild(music: string, data: string, readers: number | null): Promise<void> {
  const { openDatabase } = await import('../desktop/main/src/node/db/database');
  const { LibraryService } = await import('../desktop/main/src/node/services/library/LibraryService');
  const { silentLogger } = await import('../desktop/main/src/node/logger');
  const t0 = performance.now();
  const db = openDatabase({ path: path.join(data, 'desktop', 'encore.db') });
  const library = new LibraryService({ db, artworkDir: path.join(data, 'desktop', 'artwork'), log: silentLogger(), ...readerOption(readers) });
  library.addFolder(music);
  // How long the host's event loop is held up while the import runs (what the UI would feel).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const summary = await library.scan();
  loop.disable();
  const searchable = library.stats().tracks;
  const probe = library.search('song number', 1).songs.length;
  const seconds = (performance.now() - t0) / 1000;
  await library.dispose();
  db.dispose();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const eventLoopDelayMs = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) };
  process.stdout.write(JSON.stringify({ seconds, tracks: searchable, bad: summary.bad, probe, peakRssMB: process.resourceUsage().maxRSS / 1024, eventLoopDelayMs }));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function runMpd(music: string, count: number): Promise<{ seconds: number; tracksPerSecond: number; peakRssMB: number } | null> {
  if (spawnSync('which', ['mpd']).status !== 0 || spawnSync('which', ['mpc']).status !== 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-bench-mpd-'));
  const port = await freePort();
  const conf = path.join(dir, 'mpd.conf');
  fs.writeFileSync(conf, [`music_directory "${music}"`, `db_file "${dir}/db"`, `log_file "${dir}/log"`, `pid_file "${dir}/pid"`, `state_file "${dir}/state"`, `bind_to_address "127.0.0.1"`, `port "${port}"`, 'audio_output {\n  type "null"\n  name "null"\n}', ''].join('\n'));
  const mpd = spawn('mpd', ['--no-daemon', conf], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100 && spawnSync('mpc', ['-p', String(port), 'status']).status !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await run('mpc', ['-p', String(port), '-q', 'update', '--wait']);
    const seconds = (performance.now() - t0) / 1000;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${mpd.pid}/status`, 'utf8'));
    const stats = (await run('mpc', ['-p', String(port), 'stats'])).stdout;
    const songs = Number(/Songs:\s+(\d+)/.exec(stats)?.[1] ?? 0);
    if (songs !== count) process.stderr.write(`mpd indexed ${songs} of ${count} files\n`);
    return { seconds, tracksPerSecond: songs / seconds, peakRssMB: Number(hwm?.[1] ?? 0) / 1024 };
  } finally {
    mpd.kill('SIGTERM');
    await new Promise((r) => mpd.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { count: { type: 'string', default: '2000' }, child: { type: 'boolean', default: false }, readers: { type: 'string' }, 'no-inline': { type: 'boolean', default: false } }, allowPositionals: true });
  if (values.child) return importChild(positionals[0]!, positionals[1]!, values.readers === undefined ? null : Number(values.readers));
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
  const music = path.resolve(import.meta.dirname, 'results', `library-import-${count}`);
  const g0 = performance.now();
  await generate(music, count);
  const generateSeconds = (performance.now() - g0) / 1000;

  const importOnce = async (readers: number | null) => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'encore-bench-data-'));
    try {
      const args = ['--import', 'tsx', import.meta.filename, '--child', music, data, ...(readers === null ? [] : ['--readers', String(readers)])];
      const child = await run(process.execPath, args, { maxBuffer: 1 << 20 });
      const e = JSON.parse(child.stdout) as { seconds: number; tracks: number; bad: number; peakRssMB: number; eventLoopDelayMs: { p50: number; p99: number; max: number } };
      return { seconds: e.seconds, tracks: e.tracks, bad: e.bad, tracksPerSecond: e.tracks / e.seconds, peakRssMB: e.peakRssMB, eventLoopDelayMs: e.eventLoopDelayMs };
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  };
  // The default: files read in worker threads. Then, for comparison, read on the host's own
  // event loop (readers: 0, how imports ran before), to show what the workers spare the UI.
  const encore = await importOnce(null);
  const inline = values['no-inline'] ? null : await importOnce(0);
  const mpd = await runMpd(music, count);
  process.stdout.write(`${JSON.stringify({ count, generateSeconds, encore, encoreReadingOnHostThread: inline, mpd, ratio: mpd ? encore.seconds / mpd.seconds : null }, null, 2)}\n`);
}

/** `--readers 0` reads files on the host's thread; absent: the service's default pool. */
function readerOption(readers: number | null): { readers?: number } {
  return readers === null ? {} : { readers };
}

await main();
