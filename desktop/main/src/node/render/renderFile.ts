import { EncoreError } from '@encore/shared/errors';
import { readProject } from '@encore/shared/project/read/readProject';
import { availableParallelism } from 'node:os';
import { audioFormatOf, audioSink, requireFfmpeg, writeWavAs, type AudioFormat } from './audioOut';
import { clipAssets, decodeAssets } from './decodeAssets';
import { renderHeadless } from './parallelRender';
import { resolveSoundfont } from './soundfonts';
import { loadSong, songFormatOf, type SongFormat } from './songFiles';

export interface RenderFileOptions {
  readonly input: string;
  readonly output: string;
  /** An SF2/SF3 path; by default ENCORE_SOUNDFONT or Debian's GM soundfonts. */
  readonly soundfont?: string;
  readonly sampleRate?: number;
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
  readonly output: string;
  readonly format: AudioFormat;
  readonly soundfont: string;
  readonly sampleRate: number;
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
  const format = audioFormatOf(o.output);
  requireFfmpeg(format, env);
  const sampleRate = o.sampleRate ?? 44_100;
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192_000) throw new EncoreError('BAD_REQUEST', `--sample-rate must be a whole number of Hz between 8000 and 192000 (got ${sampleRate})`);
  const soundfont = resolveSoundfont(o.soundfont, env);

  const threads = o.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new EncoreError('BAD_REQUEST', `--threads must be a whole number between 1 and 64 (got ${threads})`);

  o.onProgress?.('load', 0);
  const song = await loadSong(o.input);
  const snapshot = readProject(song.doc);
  song.doc.destroy();
  // Audio clips decode through ffmpeg (ENCORE_FFMPEG or on PATH); a song without any needs none.
  const audio = clipAssets(snapshot).size > 0 ? await decodeAssets(snapshot, song.blobs, sampleRate, env.ENCORE_FFMPEG || 'ffmpeg') : new Map<string, never>();
  o.onProgress?.('render', 0);
  // The file is encoded while the render runs: frames go to it as soon as they are final.
  const out = audioSink(o.output, sampleRate);
  const mix = await renderHeadless(snapshot, audio, soundfont, { sampleRate, tail: o.tail ?? 2, sink: out.sink, onProgress: (f) => o.onProgress?.('render', f), signal: o.signal ?? null }, threads);
  o.onProgress?.('encode', 0);
  const written = await writeWavAs(o.output, out.file(), env);
  const elapsed = (performance.now() - started) / 1000;
  return {
    input: o.input,
    inputFormat: song.format,
    output: o.output,
    format,
    soundfont,
    sampleRate,
    seconds: mix.seconds,
    tracks: mix.tracks,
    notes: mix.notes,
    bytes: written.bytes,
    peakDb: Math.round(20 * Math.log10(Math.max(mix.peak, 1e-9)) * 100) / 100,
    limited: mix.limited,
    elapsed,
    realtimeFactor: mix.seconds / elapsed,
    warnings: [...song.warnings, ...snapshot.issues.map((i) => `${i.path}: ${i.message}`), ...mix.issues],
  };
}
