import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import type { AudioProbe } from '@encore/shared/api/catalog';
import { EncoreError } from '@encore/shared/errors';
import { parseLoudness, transcode, type Loudness } from './transcode';

const run = promisify(execFile);
const MAX_OUTPUT = 16 * 1024 * 1024;

/** Containers accepted for a master (ffprobe's format names). */
const FORMATS = new Set(['wav', 'flac', 'mp3', 'ogg', 'aiff', 'mov,mp4,m4a,3gp,3g2,mj2', 'matroska,webm', 'w64']);

export interface DurationLimits {
  minMs: number;
  maxMs: number;
}

interface ProbeJson {
  format?: { format_name?: string; duration?: string };
  streams?: { codec_type?: string; codec_name?: string; sample_rate?: string; channels?: number; duration?: string }[];
}

const invalid = (reason: string, message: string, extra: Record<string, unknown> = {}) => new EncoreError('INVALID_AUDIO', message, { reason, ...extra });

/**
 * Probes a master with ffprobe, then decodes it fully so a damaged file is caught now rather
 * than in a transcode: not audio, truncated, 0 seconds or outside the duration limits are
 * INVALID_AUDIO with a `reason`.
 */
export async function probeAudio(file: string, limits: DurationLimits): Promise<AudioProbe> {
  let json: ProbeJson;
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=format_name,duration:stream=codec_type,codec_name,sample_rate,channels,duration', '-of', 'json', file], { maxBuffer: MAX_OUTPUT });
    json = JSON.parse(stdout) as ProbeJson;
  } catch {
    throw invalid('not-audio', 'The file is not audio that can be read');
  }
  const stream = json.streams?.find((s) => s.codec_type === 'audio');
  const format = json.format?.format_name ?? '';
  if (!stream || !FORMATS.has(format)) throw invalid('not-audio', 'The file is not a supported audio format', { format });
  const sampleRate = Number(stream.sample_rate);
  const channels = stream.channels ?? 0;
  if (!(sampleRate >= 8000 && sampleRate <= 192_000)) throw invalid('sample-rate', 'The sample rate must be between 8 and 192 kHz', { sampleRate });
  if (channels < 1 || channels > 8) throw invalid('channels', 'The file must have 1 to 8 channels', { channels });
  if (format === 'wav' && (await wavTruncated(file))) throw invalid('truncated', 'The file is truncated: it ends before its header says');
  // A header that already says "too long" (a 3-hour upload) is refused without decoding hours of audio.
  const declaredMs = Number(json.format?.duration ?? stream.duration) * 1000;
  if (Number.isFinite(declaredMs) && declaredMs > limits.maxMs + 1000) throw invalid('too-long', `The audio must last at most ${limits.maxMs / 1000} s`, { durationMs: Math.round(declaredMs) });
  const decodedMs = await decodedDurationMs(file);
  const durationMs = Math.round(decodedMs);
  if (durationMs <= 0) throw invalid('empty', 'The file has no audio (0 seconds)');
  if (durationMs < limits.minMs) throw invalid('too-short', `The audio must last at least ${limits.minMs / 1000} s`, { durationMs });
  if (durationMs > limits.maxMs) throw invalid('too-long', `The audio must last at most ${limits.maxMs / 1000} s`, { durationMs });
  return { format, codec: stream.codec_name ?? 'unknown', durationMs, sampleRate, channels };
}

/** A RIFF file whose header promises more bytes than the file holds was cut short. */
async function wavTruncated(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const header = Buffer.alloc(12);
    await handle.read(header, 0, 12, 0);
    if (header.toString('latin1', 0, 4) !== 'RIFF') return false;
    const { size } = await handle.stat();
    return header.readUInt32LE(4) + 8 > size;
  } finally {
    await handle.close();
  }
}

/**
 * Decodes the first audio stream to nothing and returns how long it really is. Any decode
 * error (a truncated FLAC/MP3/Ogg frame) fails the file, since `-xerror` stops on it.
 */
async function decodedDurationMs(file: string): Promise<number> {
  let stderr: string;
  try {
    ({ stderr } = await run('ffmpeg', ['-nostdin', '-hide_banner', '-v', 'error', '-xerror', '-stats', '-i', file, '-map', '0:a:0', '-f', 'null', '-'], { maxBuffer: MAX_OUTPUT }));
  } catch {
    throw invalid('corrupt', 'The audio is damaged or truncated and cannot be decoded');
  }
  const times = [...stderr.matchAll(/time=(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/g)];
  const last = times.at(-1);
  if (!last) return 0;
  return (Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3])) * 1000;
}

/** Runs ffmpeg with these arguments; rejects with the tail of its error output. */
export async function ffmpeg(args: string[]): Promise<string> {
  try {
    const { stderr } = await run('ffmpeg', ['-nostdin', '-hide_banner', '-y', ...args], { maxBuffer: MAX_OUTPUT });
    return stderr;
  } catch (e) {
    const err = e as { stderr?: string; message?: string };
    throw new Error(`ffmpeg failed: ${(err.stderr ?? err.message ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  }
}

/**
 * Integrated loudness (LUFS) and true peak (dBTP) by ffmpeg's EBU R128 meter.
 */
export async function measureLoudness(file: string): Promise<Loudness> {
  return parseLoudness(await ffmpeg(['-nostats', '-i', file, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-']));
}

/**
 * Folds a decoded mono stream into `points` peak values in [0, 1] for a scrub bar, block by
 * block, so the whole track is never held in memory.
 *
 * @example
 * const meter = new WaveformMeter(8000, 180_000);
 * meter.push(block); // ...
 * meter.peaks(); // [0.12, 0.5, ...] (200 values)
 */
export class WaveformMeter {
  private readonly perPoint: number;
  private readonly out: number[] = [];
  private current = 0;
  private inPoint = 0;

  constructor(rate: number, durationMs: number, private readonly points = 200) {
    const totalSamples = Math.max(1, Math.round((durationMs / 1000) * rate));
    this.perPoint = Math.max(1, Math.ceil(totalSamples / points));
  }

  push(mono: Float32Array): void {
    for (let i = 0; i < mono.length; i++) {
      const v = Math.abs(mono[i]!);
      if (v > this.current) this.current = v;
      if (++this.inPoint === this.perPoint) {
        this.out.push(this.current);
        this.current = 0;
        this.inPoint = 0;
      }
    }
  }

  peaks(): number[] {
    const all = this.inPoint > 0 ? [...this.out, this.current] : this.out;
    return all.slice(0, this.points).map((p) => Math.round(Math.min(1, p) * 1000) / 1000);
  }
}

/**
 * `points` peak values in [0, 1] for a scrub bar, from a mono 8 kHz decode streamed through
 * (the whole track is never held in memory).
 */
export async function waveformPeaks(file: string, durationMs: number, points = 200): Promise<number[]> {
  const rate = 8000;
  const meter = new WaveformMeter(rate, durationMs, points);
  await transcode(file, { outputs: [], pcm: { rate, onSamples: (x) => meter.push(x) } });
  return meter.peaks();
}
