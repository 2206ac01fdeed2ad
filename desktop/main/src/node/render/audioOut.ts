import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import { encodeWav, wavWriter, type WavOptions, type WavWriter } from '@encore/audio-engine/io/wav';
import type { RenderSink } from '@encore/audio-engine/headless/renderProject';
import { withTempOutput } from './atomicWrite';

export type AudioFormat = 'wav' | 'flac' | 'mp3';

const FORMATS: Readonly<Record<string, AudioFormat>> = { '.wav': 'wav', '.flac': 'flac', '.mp3': 'mp3' };
const FFMPEG_CODECS: Readonly<Record<Exclude<AudioFormat, 'wav'>, readonly string[]>> = {
  flac: ['-c:a', 'flac', '-f', 'flac'],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '320k', '-f', 'mp3'],
};

/** The audio format an output path names; BAD_REQUEST otherwise. */
export function audioFormatOf(path: string): AudioFormat {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) throw new EncoreError('BAD_REQUEST', `${path}: unknown audio format "${extname(path) || '(no extension)'}"; use .wav, .flac or .mp3`, { reason: 'unknown-format' });
  return format;
}

/** The ffmpeg binary (ENCORE_FFMPEG or `ffmpeg` on PATH) if it runs; FLAC and MP3 need it. */
export function requireFfmpeg(format: AudioFormat, env: NodeJS.ProcessEnv = process.env): string | null {
  if (format === 'wav') return null;
  const bin = env.ENCORE_FFMPEG || 'ffmpeg';
  const probe = spawnSync(bin, ['-hide_banner', '-version'], { stdio: 'ignore', env });
  if (probe.error || probe.status !== 0) {
    throw new EncoreError('NOT_FOUND', `${format.toUpperCase()} output needs ffmpeg, which was not found (${bin}); install it (Debian: apt-get install ffmpeg) or render to .wav`, { reason: 'missing-tool' });
  }
  return bin;
}

export interface PcmAudio {
  readonly sampleRate: number;
  readonly channels: readonly Float32Array[];
}

/**
 * Writes audio as WAV (24-bit, dithered), FLAC or MP3 (through ffmpeg), atomically.
 *
 * @example
 * await writeAudio('mix.flac', { sampleRate: 44_100, channels: [left, right] });
 */
export async function writeAudio(path: string, audio: PcmAudio, env: NodeJS.ProcessEnv = process.env): Promise<{ format: AudioFormat; bytes: number }> {
  const length = audio.channels[0]?.length ?? 0;
  const pcm = { sampleRate: audio.sampleRate, numberOfChannels: audio.channels.length, length, getChannelData: (c: number) => audio.channels[c]! };
  return writeWavAs(path, encodeWav(pcm, wavOptionsFor(audioFormatOf(path))), env);
}

const DITHER_SEED = 0x9e3779b9;

/** A WAV file's sample format: 24-bit (the default) or 16-bit (CD, and FluidSynth's default), both with TPDF dither. */
export type WavBitDepth = 16 | 24;

/** ffmpeg gets float samples (it converts once); a WAV file gets 24- or 16-bit with TPDF dither. */
const wavOptionsFor = (format: AudioFormat, bitDepth: WavBitDepth = 24): Partial<WavOptions> => (format === 'wav' ? { bitDepth, random: xorshift(DITHER_SEED) } : { bitDepth: '32f' });

/**
 * io/wav's 24-bit stereo encoding with TPDF dither from {@link xorshift}, the same bytes for the
 * same seed, at a fifth of the cost: the generator inlined, frames in order (ranges must come in
 * order, as for wavWriter). Writes into `out` from byte `dataAt` (the start of the data chunk).
 */
function stereo24(out: Uint8Array, dataAt: number, seed: number): (channels: readonly Float32Array[], from: number, to: number) => void {
  let state = seed >>> 0 || 1;
  return (channels, from, to) => {
    const left = channels[0]!;
    const right = channels[1] ?? left;
    // The generator's state in a local for the loop (a captured variable would be read and written through its context).
    let x = state;
    let at = dataAt + from * 6;
    for (let i = from; i < to; i++, at += 6) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      let d = (x >>> 0) * SCALE;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      d -= (x >>> 0) * SCALE;
      let q = Math.round(left[i]! * MAX24 + d);
      q = q > MAX24 ? MAX24 : q < MIN24 ? MIN24 : q;
      out[at] = q & 0xff;
      out[at + 1] = (q >> 8) & 0xff;
      out[at + 2] = (q >> 16) & 0xff;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      d = (x >>> 0) * SCALE;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      d -= (x >>> 0) * SCALE;
      q = Math.round(right[i]! * MAX24 + d);
      q = q > MAX24 ? MAX24 : q < MIN24 ? MIN24 : q;
      out[at + 3] = q & 0xff;
      out[at + 4] = (q >> 8) & 0xff;
      out[at + 5] = (q >> 16) & 0xff;
    }
    state = x;
  };
}
/**
 * The 16-bit twin of {@link stereo24}: io/wav's bytes for the same seed, each sample stored as
 * one little-endian Int16 through a view on the data chunk (`dataAt` must be even).
 */
function stereo16(out: Uint8Array, dataAt: number, frames: number, seed: number): (channels: readonly Float32Array[], from: number, to: number) => void {
  const samples = new Int16Array(out.buffer, out.byteOffset + dataAt, frames * 2);
  let state = seed >>> 0 || 1;
  return (channels, from, to) => {
    const left = channels[0]!;
    const right = channels[1] ?? left;
    let x = state;
    for (let i = from, at = from * 2; i < to; i++, at += 2) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      let d = (x >>> 0) * SCALE;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      d -= (x >>> 0) * SCALE;
      let q = Math.round(left[i]! * MAX16 + d);
      samples[at] = q > MAX16 ? MAX16 : q < MIN16 ? MIN16 : q;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      d = (x >>> 0) * SCALE;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      d -= (x >>> 0) * SCALE;
      q = Math.round(right[i]! * MAX16 + d);
      samples[at + 1] = q > MAX16 ? MAX16 : q < MIN16 ? MIN16 : q;
    }
    state = x;
  };
}
const MAX16 = 32767;
const MIN16 = -32768;
const MAX24 = 8388607;
const MIN24 = -8388608;
const SCALE = 1 / 4294967296;

/**
 * A render sink (audio-engine RenderSink) encoding the result for `path` as it becomes final;
 * `file()` is the WAV to hand to {@link writeWavAs} once the render is done.
 *
 * @example
 * const out = audioSink('mix.flac', 48_000);
 * await renderProject(snapshot, assets, { sink: out.sink });
 * await writeWavAs('mix.flac', out.file());
 */
export function audioSink(path: string, sampleRate: number, bitDepth: WavBitDepth = 24): { sink: RenderSink; file(): Uint8Array } {
  let writer: WavWriter | null = null;
  const wav = audioFormatOf(path) === 'wav';
  return {
    sink: {
      start: (frames) => {
        // The header (and the 32-bit float data for ffmpeg) from io/wav; a .wav's integer data from the fast loops above.
        writer = wavWriter({ sampleRate, numberOfChannels: 2, length: frames }, wavOptionsFor(audioFormatOf(path), bitDepth));
        if (wav) {
          const bytes = writer.bytes;
          const data = frames * (bitDepth / 4);
          const dataAt = bytes.length - data - (data % 2);
          const encode = bitDepth === 16 ? stereo16(bytes, dataAt, frames, DITHER_SEED) : stereo24(bytes, dataAt, DITHER_SEED);
          writer = { bytes, write: encode };
        }
      },
      write: (channels, from, to) => writer!.write(channels, from, to),
    },
    file: () => {
      if (!writer) throw new EncoreError('INTERNAL', 'the render produced no audio');
      return writer.bytes;
    },
  };
}

/** Writes a WAV file's bytes to `path` as its format (.wav as is; .flac and .mp3 through ffmpeg), atomically. */
export async function writeWavAs(path: string, wav: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<{ format: AudioFormat; bytes: number }> {
  const format = audioFormatOf(path);
  const ffmpeg = requireFfmpeg(format, env);
  if (format === 'wav' || ffmpeg === null) {
    await withTempOutput(path, (tmp) => writeFile(tmp, wav));
    return { format, bytes: wav.byteLength };
  }
  const dir = await mkdtemp(join(tmpdir(), 'encore-render-'));
  try {
    const source = join(dir, 'mix.wav');
    await writeFile(source, wav);
    const bytes = await withTempOutput(path, async (tmp) => {
      await run(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', source, ...FFMPEG_CODECS[format], tmp], env);
      return (await stat(tmp)).size;
    });
    return { format, bytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A fast uniform [0, 1) generator for dither noise (Math.random costs a third of encoding). */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function run(bin: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()).length > 4000 && (err = err.slice(-4000)));
    child.on('error', (e) => reject(new EncoreError('INTERNAL', `ffmpeg could not start: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new EncoreError('INTERNAL', `ffmpeg failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`))));
  });
}
