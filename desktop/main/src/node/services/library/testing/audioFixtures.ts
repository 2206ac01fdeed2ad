import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type FixtureFormat = 'mp3' | 'flac' | 'ogg' | 'opus' | 'm4a' | 'wav' | 'aiff';

const CODEC: Record<FixtureFormat, string[]> = {
  mp3: ['-c:a', 'libmp3lame', '-b:a', '64k', '-id3v2_version', '3'],
  flac: ['-c:a', 'flac'],
  ogg: ['-c:a', 'libvorbis'],
  opus: ['-c:a', 'libopus', '-b:a', '32k'],
  m4a: ['-c:a', 'aac', '-b:a', '64k'],
  wav: ['-c:a', 'pcm_s16le'],
  aiff: ['-c:a', 'pcm_s16be', '-write_id3v2', '1'],
};

/** Formats whose container ffmpeg can embed a cover picture into. */
const CAN_EMBED: ReadonlySet<FixtureFormat> = new Set(['mp3', 'flac', 'm4a']);

export interface AudioFixture {
  /** Relative to the library root; the extension may lie (mislabeled files). */
  file: string;
  format: FixtureFormat;
  tags?: Record<string, string>;
  /** Path of a picture to embed. */
  cover?: string;
  /** Sine frequency, so two files with equal tags still differ. */
  hz?: number;
  seconds?: number;
}

/**
 * Makes a real tagged audio file with ffmpeg (a short sine tone). Tests and benchmarks use
 * it instead of checked-in media.
 *
 * @example
 * await makeAudio(root, { file: 'Jazz/so-what.flac', format: 'flac', tags: { title: 'So What' } });
 */
export async function makeAudio(root: string, f: AudioFixture): Promise<string> {
  const out = path.join(root, f.file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${f.hz ?? 440}:sample_rate=44100:duration=${f.seconds ?? 0.5}`];
  const embed = f.cover && CAN_EMBED.has(f.format);
  if (embed) args.push('-i', f.cover!, '-map', '0:a', '-map', '1:v', '-c:v', 'copy', '-disposition:v', 'attached_pic');
  args.push(...CODEC[f.format]);
  for (const [k, v] of Object.entries(f.tags ?? {})) args.push('-metadata', `${k}=${v}`);
  args.push('-f', muxer(f.format), out);
  await run('ffmpeg', args, { maxBuffer: 1 << 20 });
  return out;
}

function muxer(f: FixtureFormat): string {
  return { mp3: 'mp3', flac: 'flac', ogg: 'ogg', opus: 'ogg', m4a: 'ipod', wav: 'wav', aiff: 'aiff' }[f];
}

/** A small picture made by ffmpeg (PNG or JPEG by extension), for embedded and folder covers. */
export async function makePicture(file: string, color = 'red'): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${color}:s=32x32`, '-frames:v', '1', file]);
  return file;
}

/** Runs async jobs at most `n` at a time. */
export async function inParallel<T>(items: readonly T[], n: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(n, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

/**
 * An MP3 whose ID3v2.4 title frame claims UTF-8 but holds invalid bytes (a lone 0xFF, a
 * broken two-byte sequence): what old taggers leave behind.
 */
export function withInvalidUtf8Title(mp3WithoutTag: Buffer): Buffer {
  const text = Buffer.from([0x03, 0x42, 0x61, 0x64, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x20, 0x54, 0x69, 0x74, 0x6c, 0x65]);
  const frame = Buffer.concat([Buffer.from('TIT2'), syncsafe(text.length), Buffer.from([0, 0]), text]);
  const header = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0]), syncsafe(frame.length)]);
  return Buffer.concat([header, frame, mp3WithoutTag]);
}

function syncsafe(n: number): Buffer {
  return Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}
