import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A stereo 44.1 kHz 16-bit WAV of a sine, made by ffmpeg (seconds > 0). */
export async function sineWav(dir: string, seconds: number, hz = 440): Promise<Buffer> {
  const file = path.join(dir, `sine-${seconds}-${hz}.wav`);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=${seconds}`, '-ac', '2', '-ar', '44100', file]);
  return fs.promises.readFile(file);
}

/** A WAV header with no samples: a 0-second file. */
export async function emptyWav(dir: string): Promise<Buffer> {
  const file = path.join(dir, 'empty.wav');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '0', file]);
  return fs.promises.readFile(file);
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** What ffprobe reads in a file, or throws when it cannot decode it. */
export async function decodable(file: string): Promise<{ codec: string; durationS: number }> {
  await run('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', file]);
  const j = JSON.parse(stdout) as { streams: { codec_name: string }[]; format: { duration: string } };
  return { codec: j.streams[0]!.codec_name, durationS: Number(j.format.duration) };
}
