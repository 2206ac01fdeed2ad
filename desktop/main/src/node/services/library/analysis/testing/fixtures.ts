import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Encoder arguments per output extension (what users' files are made with). */
export const ENCODERS: Record<string, string[]> = {
  wav: ['-c:a', 'pcm_s16le'],
  flac: ['-c:a', 'flac'],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '192k'],
  ogg: ['-c:a', 'libvorbis', '-q:a', '5'],
  opus: ['-c:a', 'libopus', '-b:a', '128k'],
  m4a: ['-c:a', 'aac', '-b:a', '192k'],
  aiff: ['-c:a', 'pcm_s16be'],
};

/**
 * Renders an ffmpeg lavfi source (e.g. `anoisesrc=color=pink:amplitude=0.2:duration=10`) to a
 * file whose format follows the extension.
 *
 * @example
 * await renderLavfi(path.join(dir, 'pink.flac'), 'anoisesrc=color=pink:duration=10', ['-ac', '2']);
 */
export async function renderLavfi(file: string, source: string, extra: string[] = []): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const ext = path.extname(file).slice(1);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, ...extra, ...(ENCODERS[ext] ?? []), file], { maxBuffer: 1 << 20 });
  return file;
}

/** Encodes planar float samples (e.g. a synthesized test signal) to a file via ffmpeg. */
export async function renderSamples(file: string, channels: readonly Float32Array[], sampleRate: number): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const n = channels[0]!.length;
  const interleaved = new Float32Array(n * channels.length);
  for (let i = 0; i < n; i++) channels.forEach((c, ch) => (interleaved[i * channels.length + ch] = c[i]!));
  const raw = `${file}.f32`;
  fs.writeFileSync(raw, Buffer.from(interleaved.buffer));
  const ext = path.extname(file).slice(1);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'f32le', '-ar', String(sampleRate), '-ac', String(channels.length), '-i', raw, ...(ENCODERS[ext] ?? []), file]);
  fs.rmSync(raw);
  return file;
}

export interface Ebur128Reference {
  integratedLufs: number;
  loudnessRangeLu: number;
  truePeakDbtp: number;
}

/** ffmpeg's own EBU R128 measurement of a file (`ebur128=peak=true` summary). */
export async function ffmpegEbur128(file: string): Promise<Ebur128Reference> {
  const { stderr } = await run('ffmpeg', ['-nostats', '-hide_banner', '-i', file, '-filter_complex', 'ebur128=peak=true', '-f', 'null', '-'], { maxBuffer: 64 << 20 });
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const num = (re: RegExp) => {
    const m = re.exec(summary);
    if (!m) throw new Error(`ffmpeg ebur128 summary has no ${re}: ${summary}`);
    return Number(m[1]);
  };
  return { integratedLufs: num(/I:\s+(-?[\d.]+|-inf) LUFS/), loudnessRangeLu: num(/LRA:\s+(-?[\d.]+) LU/), truePeakDbtp: num(/Peak:\s+(-?[\d.]+|-inf) dBFS/) };
}
