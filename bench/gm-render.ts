/**
 * GM render benchmark: `encore render song.mid` (headless, spessasynth_core + the engine's
 * kernels) side by side with FluidSynth (`fluidsynth -ni -F out.wav sf3 song.mid`) on the same
 * MIDI file and soundfont, whole processes timed alternately (hyperfine-style), printed as JSON.
 *
 *   npx tsx bench/gm-render.ts [--song /usr/share/planetblupi/music/music004.mid] [--runs 3]
 *     [--soundfont /usr/share/sounds/sf3/MuseScore_General_Lite.sf3] [--bit-depth 16|24]
 *
 * Like with like: both write 44.1 kHz stereo WAV at the same bit depth, by default 16-bit
 * (FluidSynth's defaults: synth.sample-rate 44100, audio.file.format s16; Encore's is 24-bit).
 *
 * Needs Debian's planetblupi-music-midi, musescore-general-soundfont-small and fluidsynth.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    song: { type: 'string', default: '/usr/share/planetblupi/music/music004.mid' },
    soundfont: { type: 'string', default: '/usr/share/sounds/sf3/MuseScore_General_Lite.sf3' },
    runs: { type: 'string', default: '3' },
    /** Both renders write this WAV format: 16 is FluidSynth's default (audio.file.format s16), 24 Encore's. */
    'bit-depth': { type: 'string', default: '16' },
  },
});
const runs = Math.max(1, Number(values.runs));
const bitDepth = values['bit-depth'] === '24' ? 24 : 16;
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'encore-gm-bench-'));

/** GNU time, when installed, gives each run's CPU seconds (user + system, all threads) besides its wall time. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function timed(cmd: string, args: string[]): { seconds: number; cpu: number | null; stdout: string } {
  const t = performance.now();
  const r = gnuTime ? spawnSync(gnuTime, ['-f', '@cpu %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t) / 1000;
  if (r.error || r.status !== 0) throw new Error(`${cmd} failed: ${r.error?.message ?? r.stderr}`);
  const m = /@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { seconds, cpu: m ? Number(m[1]) + Number(m[2]) : null, stdout: r.stdout };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { min: round(s[0]!), median: round(s[Math.floor(s.length / 2)]!), mean: round(s.reduce((a, b) => a + b, 0) / s.length), runs: s.map(round) };
};

try {
  const encoreOut = join(dir, 'encore.wav');
  const fluidOut = join(dir, 'fluidsynth.wav');
  const encore: number[] = [];
  const fluid: number[] = [];
  const encoreCpu: number[] = [];
  const fluidCpu: number[] = [];
  // Builds the CLI's bundle if the sources changed since the last run (bin/cliBundle.js): a one-off, not part of a render.
  timed(process.execPath, [join(root, 'bin/encore.js'), '--version']);
  const loadBefore = loadavg();
  let render: { seconds: number; tracks: number; notes: number; limited: boolean } | undefined;
  for (let i = 0; i < runs; i++) {
    const e = timed(process.execPath, [join(root, 'bin/encore.js'), 'render', values.song, '-o', encoreOut, '--soundfont', values.soundfont, '--sample-rate', '44100', '--bit-depth', String(bitDepth), '--json']);
    encore.push(e.seconds);
    if (e.cpu !== null) encoreCpu.push(e.cpu);
    render = JSON.parse(e.stdout) as typeof render;
    const f = timed('fluidsynth', ['-ni', '-q', '-r', '44100', '-O', bitDepth === 16 ? 's16' : 's24', '-F', fluidOut, values.soundfont, values.song]);
    fluid.push(f.seconds);
    if (f.cpu !== null) fluidCpu.push(f.cpu);
  }
  const audioSeconds = render!.seconds;
  const e = stats(encore);
  const f = stats(fluid);
  console.log(
    JSON.stringify(
      {
        song: values.song,
        soundfont: values.soundfont,
        audioSeconds: Math.round(audioSeconds * 100) / 100,
        /** Like with like: both write a stereo WAV at this rate and bit depth (FluidSynth's defaults are 44.1 kHz, 16-bit). */
        wav: { sampleRate: 44_100, bitDepth },
        tracks: render!.tracks,
        notes: render!.notes,
        encore: { ...e, realtimeFactor: Math.round((audioSeconds / e.median) * 10) / 10, cpuSeconds: encoreCpu.length ? stats(encoreCpu).median : null, wavBytes: statSync(encoreOut).size, limiterEngaged: render!.limited },
        fluidsynth: { ...f, realtimeFactor: Math.round((audioSeconds / f.median) * 10) / 10, cpuSeconds: fluidCpu.length ? stats(fluidCpu).median : null, wavBytes: statSync(fluidOut).size },
        /** > 1: Encore is faster than FluidSynth (median whole-process wall time). */
        speedRatio: Math.round((f.median / e.median) * 100) / 100,
        /** Load averages (1, 5, 15 min) before the first run and after the last: figures measured under load are upper bounds. */
        machine: { cpus: cpus().length, loadavgBefore: loadBefore.map((x) => Math.round(x * 100) / 100), loadavg: loadavg().map((x) => Math.round(x * 100) / 100) },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
