import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';

/**
 * Decoding audio files to planar float PCM blocks, streamed. Two decoders:
 * - `ffmpeg`: the system's ffmpeg binary, piped as f32le. Every format Encore imports, in
 *   constant memory (blocks as they come), at the file's own rate.
 * - `builtin`: node-web-audio-api's decodeAudioData (prebuilt binaries ship inside the npm
 *   package): MP3, FLAC, Ogg Vorbis and WAV only (no Opus, AIFF, nor MP4 with the index at the
 *   end), and the whole file is decoded in memory first. Used when ffmpeg is missing.
 */

export type DecoderKind = 'ffmpeg' | 'builtin';

export interface DecodeRequest {
  path: string;
  /** Channels to decode to (the file's own count when known; more than 6 are mixed to 2). */
  channels: number;
  sampleRate: number;
  /** Frames per block handed to `onBlock`. */
  blockFrames?: number;
}

/** Formats the built-in decoder reads. */
export const BUILTIN_FORMATS: ReadonlySet<string> = new Set(['mp3', 'flac', 'ogg', 'wav']);

/** A file that cannot be decoded; `message` is safe to store and show. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

let ffmpegCheck: Promise<boolean> | null = null;

/** Whether an ffmpeg binary is on the PATH (checked once per process). */
export function ffmpegAvailable(binary = 'ffmpeg'): Promise<boolean> {
  ffmpegCheck ??= new Promise((resolve) => execFile(binary, ['-version'], { timeout: 10_000 }, (err) => resolve(!err)));
  return ffmpegCheck;
}

/**
 * Streams a file's PCM to `onBlock` (one Float32Array per channel) and resolves with the
 * number of frames decoded. Rejects with {@link DecodeError} for unreadable or corrupt files.
 *
 * @example
 * await decode('ffmpeg', { path, channels: 2, sampleRate: 44_100 }, (block) => analyzer.push(block));
 */
export async function decode(kind: DecoderKind, req: DecodeRequest, onBlock: (block: Float32Array[]) => void): Promise<number> {
  return kind === 'ffmpeg' ? decodeWithFfmpeg(req, onBlock) : decodeBuiltin(req, onBlock);
}

function decodeWithFfmpeg(req: DecodeRequest, onBlock: (block: Float32Array[]) => void): Promise<number> {
  const channels = req.channels;
  const frameBytes = 4 * channels;
  const blockFrames = req.blockFrames ?? 16_384;
  const args = ['-v', 'error', '-nostdin', '-i', req.path, '-map', '0:a:0', '-vn', '-sn', '-dn', '-ac', String(channels), '-ar', String(req.sampleRate), '-f', 'f32le', '-'];
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending: Buffer = Buffer.alloc(0);
    let frames = 0;
    let stderr = '';
    let failed: Error | null = null;
    const emit = (bytes: Buffer) => {
      const n = bytes.length / frameBytes;
      // Copy: the buffer's memory may be reused and need not be 4-byte aligned.
      const interleaved = new Float32Array(n * channels);
      new Uint8Array(interleaved.buffer).set(bytes);
      const planar = Array.from({ length: channels }, () => new Float32Array(n));
      for (let i = 0; i < n; i++) for (let c = 0; c < channels; c++) planar[c]![i] = interleaved[i * channels + c]!;
      frames += n;
      onBlock(planar);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const whole = Math.floor(pending.length / (blockFrames * frameBytes)) * blockFrames * frameBytes;
      if (whole === 0) return;
      try {
        emit(pending.subarray(0, whole));
      } catch (e) {
        failed = e as Error;
        child.kill('SIGKILL');
      }
      pending = pending.subarray(whole);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    child.on('error', (e) => reject(new DecodeError(`ffmpeg could not start: ${e.message}`)));
    child.on('close', (code) => {
      if (failed) return reject(failed);
      const usable = pending.length - (pending.length % frameBytes);
      if (usable > 0) emit(pending.subarray(0, usable));
      if (code !== 0) return reject(new DecodeError(firstLines(stderr) || `ffmpeg exited with code ${code}`));
      if (frames === 0) return reject(new DecodeError('No audio could be decoded from this file'));
      resolve(frames);
    });
  });
}

async function decodeBuiltin(req: DecodeRequest, onBlock: (block: Float32Array[]) => void): Promise<number> {
  // Typed here: the package's own types need the DOM lib, which the host does not load.
  const { OfflineAudioContext } = (await import('node-web-audio-api')) as unknown as WebAudioModule;
  const bytes = await fs.readFile(req.path).catch((e: NodeJS.ErrnoException) => {
    throw new DecodeError(`The file cannot be read (${e.code ?? e.message})`);
  });
  const ctx = new OfflineAudioContext(1, 1, req.sampleRate);
  let audio: DecodedAudio;
  try {
    audio = await ctx.decodeAudioData(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
  } catch (e) {
    throw new DecodeError(`The built-in decoder cannot read this file (${(e as Error).message}); installing ffmpeg may help`);
  }
  if (audio.length === 0) throw new DecodeError('No audio could be decoded from this file');
  const source = Array.from({ length: audio.numberOfChannels }, (_, c) => audio.getChannelData(c));
  const channels = source.length <= req.channels ? source : source.slice(0, req.channels);
  const blockFrames = req.blockFrames ?? 16_384;
  for (let i = 0; i < audio.length; i += blockFrames) onBlock(channels.map((c) => c.subarray(i, Math.min(audio.length, i + blockFrames))));
  return audio.length;
}

interface DecodedAudio {
  readonly numberOfChannels: number;
  readonly length: number;
  getChannelData(channel: number): Float32Array;
}
interface WebAudioModule {
  OfflineAudioContext: new (channels: number, length: number, sampleRate: number) => { decodeAudioData(bytes: ArrayBuffer): Promise<DecodedAudio> };
}

function firstLines(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 3).join('; ').slice(0, 500);
}
