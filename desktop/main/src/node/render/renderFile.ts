import { EncoreError } from '@encore/shared/errors';
import { readProject } from '@encore/shared/project/read/readProject';
import { renderSong } from '@encore/audio-engine/instruments/renderSong';
import { audioFormatOf, requireFfmpeg, writeAudio, type AudioFormat } from './audioOut';
import { loadSoundfont, resolveSoundfont } from './soundfonts';
import { loadSong, songFormatOf, type SongFormat } from './songFiles';

export interface RenderFileOptions {
  readonly input: string;
  readonly output: string;
  /** An SF2/SF3 path; by default ENCORE_SOUNDFONT or Debian's GM soundfonts. */
  readonly soundfont?: string;
  readonly sampleRate?: number;
  readonly tail?: number;
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
 * headless with a General MIDI soundfont (audio-engine renderSong) to WAV, FLAC or MP3. Every
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

  o.onProgress?.('load', 0);
  const [song, bank] = await Promise.all([loadSong(o.input), loadSoundfont(soundfont)]);
  const snapshot = readProject(song.doc);
  song.doc.destroy();
  o.onProgress?.('render', 0);
  const mix = await renderSong(snapshot, bank, { sampleRate, tail: o.tail ?? 2, onProgress: (f) => o.onProgress?.('render', f), signal: o.signal ?? null });
  o.onProgress?.('encode', 0);
  const written = await writeAudio(o.output, { sampleRate, channels: mix.channels }, env);
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
