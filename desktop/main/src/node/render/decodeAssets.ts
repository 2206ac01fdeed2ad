import { spawn } from 'node:child_process';
import { EncoreError } from '@encore/shared/errors';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import type { DecodedAudio } from '@encore/audio-engine/headless/sources';

/** Hashes of the assets the project's audio clips play. */
export function clipAssets(snapshot: ProjectSnapshot): Set<string> {
  const hashes = new Set<string>();
  for (const t of snapshot.tracks) if (t.kind === 'audio') for (const c of t.clips) if (c.kind === 'audio') hashes.add(c.assetHash);
  return hashes;
}

/**
 * Decodes the blobs the clips play with ffmpeg, resampled to `sampleRate` (mono stays mono, more
 * than two channels fold to stereo), as float planes. A blob missing from the file is left out
 * (the render reports the clip as silent); one ffmpeg cannot decode fails the render.
 *
 * @example
 * const audio = await decodeAssets(snapshot, song.blobs, 48_000, 'ffmpeg');
 */
export async function decodeAssets(snapshot: ProjectSnapshot, blobs: ReadonlyMap<string, Uint8Array>, sampleRate: number, ffmpeg: string): Promise<Map<string, DecodedAudio>> {
  const audio = new Map<string, DecodedAudio>();
  const wanted = [...clipAssets(snapshot)].filter((h) => blobs.has(h));
  await Promise.all(
    wanted.map(async (hash) => {
      const asset = snapshot.assets.find((a) => a.hash === hash);
      const channels = Math.min(2, Math.max(1, asset?.channels ?? 2));
      const pcm = await run(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', 'pipe:0', '-f', 'f32le', '-acodec', 'pcm_f32le', '-ac', String(channels), '-ar', String(sampleRate), 'pipe:1'], blobs.get(hash)!, hash);
      const interleaved = new Float32Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 4 / channels) * channels);
      const frames = interleaved.length / channels;
      // Shared memory: render workers read the planes without a copy.
      const planes = Array.from({ length: channels }, () => new Float32Array(new SharedArrayBuffer(frames * 4)));
      for (let i = 0, k = 0; i < frames; i++) for (let c = 0; c < channels; c++, k++) planes[c]![i] = interleaved[k]!;
      audio.set(hash, { sampleRate, channels: planes });
    }),
  );
  return audio;
}

function run(bin: string, args: readonly string[], input: Uint8Array, hash: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()).length > 4000 && (err = err.slice(-4000)));
    child.stdin.on('error', () => {}); // ffmpeg may stop reading early on bad input; its exit code says why.
    child.stdin.end(input);
    child.on('error', (e) => reject(new EncoreError('NOT_FOUND', `audio clips need ffmpeg to decode, which could not start (${e.message}); install it (Debian: apt-get install ffmpeg)`, { reason: 'missing-tool' })));
    child.on('close', (code) => {
      if (code === 0) {
        // A fresh, aligned copy: Buffer.concat may hand out a slice of a pool at any offset.
        const all = Buffer.concat(chunks);
        const aligned = new Uint8Array(all.byteLength - (all.byteLength % 4));
        aligned.set(all.subarray(0, aligned.byteLength));
        resolve(aligned);
      } else reject(new EncoreError('BAD_REQUEST', `asset ${hash.slice(0, 12)}… cannot be decoded: ${err.trim().split('\n').slice(-2).join(' ') || `ffmpeg exit ${code}`}`, { reason: 'bad-audio' }));
    });
  });
}
