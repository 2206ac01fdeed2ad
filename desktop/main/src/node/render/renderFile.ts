import { EncoreError } from '@encore/shared/errors';
import { readProject } from '@encore/shared/project/read/readProject';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { songEnd } from '@encore/audio-engine/graph/timeline';
import type { RenderSink } from '@encore/audio-engine/headless/renderProject';
import type { DecodedAudio } from '@encore/audio-engine/headless/sources';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { audioFormatOf, audioSink, requireFfmpeg, writeWavAs, type AudioFormat, type WavBitDepth } from './audioOut';
import { clipAssets, decodeAssets } from './decodeAssets';
import { renderHeadless } from './parallelRender';
import { resolveSoundfont } from './soundfonts';
import { loadSong, songFormatOf, type SongFormat } from './songFiles';
import { songSeconds, type SongTime } from './songTime';

export interface RenderFileOptions {
  readonly input: string;
  /** The mix's file; optional when `stems` is given. */
  readonly output?: string;
  /** A folder for one file per track (each soloed through its buses and the master, as the app's stems), in the output's format (WAV without one). */
  readonly stems?: string;
  /** Render only from here (the sound at that point, tails of earlier notes included)… */
  readonly from?: SongTime;
  /** …to here (by default the song's end plus the tail). */
  readonly to?: SongTime;
  /** An SF2/SF3 path; by default ENCORE_SOUNDFONT or Debian's GM soundfonts. */
  readonly soundfont?: string;
  readonly sampleRate?: number;
  /** A .wav's sample format (default 24-bit); FLAC and MP3 ignore it. */
  readonly bitDepth?: WavBitDepth;
  readonly tail?: number;
  /** Threads to render on (default: one per core); long songs with several tracks split over worker threads. */
  readonly threads?: number;
  readonly onProgress?: (stage: 'load' | 'render' | 'encode', fraction: number) => void;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RenderFileResult {
  readonly input: string;
  readonly inputFormat: SongFormat;
  /** The mix's file, or null when only stems were asked for. */
  readonly output: string | null;
  readonly stems: readonly { readonly trackId: string; readonly track: string; readonly output: string }[];
  /** The rendered selection, song seconds. */
  readonly from: number;
  readonly to: number;
  readonly format: AudioFormat;
  readonly soundfont: string;
  readonly sampleRate: number;
  /** Seconds of audio in each file. */
  readonly seconds: number;
  readonly tracks: number;
  readonly notes: number;
  readonly bytes: number;
  /** Sample peak before the master limiter (dBFS), and whether the limiter engaged. */
  readonly peakDb: number;
  readonly limited: boolean;
  /** Wall-clock seconds of the whole job, and how many times faster than real time. */
  readonly elapsed: number;
  readonly realtimeFactor: number;
  readonly warnings: readonly string[];
}

/**
 * `encore render` without the command line: a song file (project, MIDI, DAWproject) rendered
 * headless (audio-engine headless/renderProject: soundfont instruments, audio clips decoded with
 * ffmpeg, devices, sends, buses, automation, the master limiter) to WAV, FLAC or MP3. Every
 * argument is checked before the (long) render starts; the output appears only when complete.
 *
 * @example
 * const r = await renderFile({ input: 'song.mid', output: 'song.flac' });
 */
export async function renderFile(o: RenderFileOptions): Promise<RenderFileResult> {
  const started = performance.now();
  const env = o.env ?? process.env;
  songFormatOf(o.input);
  if (o.output === undefined && o.stems === undefined) throw new EncoreError('BAD_REQUEST', 'nothing to write: give an output file, a stems folder, or both');
  const format = o.output === undefined ? 'wav' : audioFormatOf(o.output);
  requireFfmpeg(format, env);
  const sampleRate = o.sampleRate ?? 44_100;
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192_000) throw new EncoreError('BAD_REQUEST', `--sample-rate must be a whole number of Hz between 8000 and 192000 (got ${sampleRate})`);
  const bitDepth = o.bitDepth ?? 24;
  if (bitDepth !== 16 && bitDepth !== 24) throw new EncoreError('BAD_REQUEST', `--bit-depth must be 16 or 24 (got ${String(bitDepth)})`);
  const soundfont = resolveSoundfont(o.soundfont, env);

  const threads = o.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new EncoreError('BAD_REQUEST', `--threads must be a whole number between 1 and 64 (got ${threads})`);

  o.onProgress?.('load', 0);
  const song = await loadSong(o.input);
  const snapshot = readProject(song.doc);
  song.doc.destroy();
  // Audio clips decode through ffmpeg (ENCORE_FFMPEG or on PATH); a song without any needs none.
  const audio = clipAssets(snapshot).size > 0 ? await decodeAssets(snapshot, song.blobs, sampleRate, env.ENCORE_FFMPEG || 'ffmpeg') : new Map<string, never>();
  const range = selection(snapshot, o);
  const stemTracks = o.stems === undefined ? [] : snapshot.tracks.filter((t) => t.kind !== 'bus' && t.kind !== 'master');
  const title = basename(o.input, extname(o.input));
  const jobs = [
    ...(o.output === undefined ? [] : [{ path: o.output, solo: null as string[] | null, track: null as (typeof stemTracks)[number] | null }]),
    ...stemTracks.map((t, i) => ({ path: join(o.stems!, stemFileName(title, i, t.name, format)), solo: [t.id], track: t })),
  ];
  if (o.stems !== undefined) await mkdir(o.stems, { recursive: true });
  o.onProgress?.('render', 0);
  let mix: Awaited<ReturnType<typeof renderHeadless>> | null = null;
  let bytes = 0;
  const warnings = new Set<string>();
  for (const [k, job] of jobs.entries()) {
    const result = await renderSelection(snapshot, audio, soundfont, job.path, job.solo, range, { sampleRate, bitDepth, tail: o.tail ?? 2, threads, signal: o.signal, env, onProgress: (f) => o.onProgress?.('render', (k + f) / jobs.length) });
    mix ??= result.render;
    bytes += result.bytes;
    for (const issue of result.render.issues) warnings.add(issue);
  }
  o.onProgress?.('encode', 1);
  const elapsed = (performance.now() - started) / 1000;
  const seconds = range.to - range.from;
  return {
    input: o.input,
    inputFormat: song.format,
    output: o.output ?? null,
    stems: jobs.flatMap((j) => (j.track ? [{ trackId: j.track.id, track: j.track.name, output: j.path }] : [])),
    from: range.from,
    to: range.to,
    format,
    soundfont,
    sampleRate,
    seconds,
    tracks: mix?.tracks ?? 0,
    notes: mix?.notes ?? 0,
    bytes,
    peakDb: Math.round(20 * Math.log10(Math.max(mix?.peak ?? 0, 1e-9)) * 100) / 100,
    limited: mix?.limited ?? false,
    elapsed,
    realtimeFactor: (seconds * jobs.length) / elapsed,
    warnings: [...song.warnings, ...snapshot.issues.map((i) => `${i.path}: ${i.message}`), ...warnings],
  };
}

/** The song seconds to write: `from`/`to` resolved on the song's tempo and meters, by default 0 to the end plus the tail. */
function selection(snapshot: ProjectSnapshot, o: RenderFileOptions): { from: number; to: number } {
  const from = o.from ? songSeconds(o.from, snapshot) : 0;
  const to = o.to ? songSeconds(o.to, snapshot) : songEnd(snapshot, new TempoMap(snapshot.tempo)) + (o.tail ?? 2);
  if (!(to > from)) throw new EncoreError('BAD_REQUEST', `the selection is empty: --from ${from.toFixed(3)} s is not before --to ${to.toFixed(3)} s`, { reason: 'empty-selection' });
  return { from, to };
}

/** Like the app's stems: "<title> - 01 <track>.<ext>", with characters no file system takes replaced. */
function stemFileName(title: string, index: number, track: string, format: AudioFormat): string {
  // eslint-disable-next-line no-control-regex
  const safe = `${title} - ${String(index + 1).padStart(2, '0')} ${track}`.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim();
  return `${safe}.${format}`;
}

/**
 * One file: the song rendered (soloing `solo` when given) from 0 to `range.to` (no further) and the frames of
 * `range` encoded to `path` as they become final. Rendering from 0 keeps what sounds at
 * `range.from` (tails, held notes, compressors already working) as in the whole song.
 */
async function renderSelection(
  snapshot: ProjectSnapshot,
  audio: ReadonlyMap<string, DecodedAudio>,
  soundfont: string,
  path: string,
  solo: readonly string[] | null,
  range: { from: number; to: number },
  o: { sampleRate: number; bitDepth: WavBitDepth; tail: number; threads: number; signal: AbortSignal | undefined; env: NodeJS.ProcessEnv; onProgress: (f: number) => void },
): Promise<{ render: Awaited<ReturnType<typeof renderHeadless>>; bytes: number }> {
  const from = Math.round(range.from * o.sampleRate);
  const to = Math.round(range.to * o.sampleRate);
  // The file is encoded while the render runs: frames go to it as soon as they are final.
  const out = audioSink(path, o.sampleRate, o.bitDepth);
  const render = await renderHeadless(snapshot, audio, soundfont, { sampleRate: o.sampleRate, tail: o.tail, until: range.to, solo, sink: selectSink(out.sink, from, to), onProgress: o.onProgress, signal: o.signal ?? null }, o.threads);
  const written = await writeWavAs(path, out.file(), o.env);
  return { render: { ...render, seconds: (to - from) / o.sampleRate }, bytes: written.bytes };
}

/** A sink passing on frames [from, to) of a render, renumbered from 0. */
function selectSink(sink: RenderSink, from: number, to: number): RenderSink {
  let end = to;
  return {
    start: (frames) => {
      end = Math.min(to, frames);
      sink.start(Math.max(0, end - from));
    },
    write: (channels, a, b) => {
      const s = Math.max(a, from);
      const e = Math.min(b, end);
      if (e > s) sink.write([channels[0].subarray(from), channels[1].subarray(from)], s - from, e - from);
    },
  };
}
