import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANALYSIS_RATE } from '@encore/shared/audioAnalysis/tempoKey';
import { codecArgs, planLanes } from '../../jobs/encodePlan';
import { RENDITIONS } from '../../jobs/processTrack';
import { measureLoudness, waveformPeaks } from './ffmpeg';
import { transcode, transcodeArgs } from './transcode';

const run = promisify(execFile);
// Real encodes on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let dir: string;
let master: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'encore-transcode-'));
  master = path.join(dir, 'noise.wav');
  // Independent pink noise per channel is hard to compress, so VBR Opus lands near its target bitrate (a sine would not).
  const noise = (seed: number, label: string) => `anoisesrc=color=pink:amplitude=0.3:duration=6:sample_rate=44100:seed=${seed}[${label}]`;
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `${noise(1, 'l')};${noise(2, 'r')};[l][r]amerge=inputs=2[out0]`, master]);
});
afterAll(() => fs.promises.rm(dir, { recursive: true, force: true }));

async function probe(file: string) {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,channels:format=format_name,bit_rate,duration', '-of', 'json', file]);
  const j = JSON.parse(stdout) as { streams: { codec_name: string; channels: number }[]; format: { format_name: string; bit_rate: string; duration: string } };
  return { codec: j.streams[0]!.codec_name, channels: j.streams[0]!.channels, format: j.format.format_name, kbps: Number(j.format.bit_rate) / 1000, seconds: Number(j.format.duration) };
}

describe('transcode', () => {
  it('writes the four renditions, the PCM tap and the loudness from ONE ffmpeg process', async () => {
    const files = RENDITIONS.map((r) => path.join(dir, `one-${r.quality}.${r.codec === 'opus' ? 'ogg' : 'flac'}`));
    const args = transcodeArgs(master, { outputs: RENDITIONS.map((r, i) => ({ file: files[i]!, args: codecArgs(r) })), pcm: { rate: ANALYSIS_RATE, onSamples: () => undefined }, loudness: true });
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    let samples = 0;
    const { loudness } = await transcode(master, { outputs: RENDITIONS.map((r, i) => ({ file: files[i]!, args: codecArgs(r) })), pcm: { rate: ANALYSIS_RATE, onSamples: (x) => (samples += x.length) }, loudness: true });
    for (const [i, r] of RENDITIONS.entries()) {
      const p = await probe(files[i]!);
      expect(p.seconds).toBeGreaterThan(5.9);
      if (r.codec === 'flac') {
        expect(p).toMatchObject({ codec: 'flac', format: 'flac', channels: 2 });
      } else {
        expect(p).toMatchObject({ codec: 'opus', format: 'ogg', channels: 2 });
        // VBR: within 30 % of the target, and clearly ordered by target.
        expect(p.kbps).toBeGreaterThan(r.kbps! * 0.7);
        expect(p.kbps).toBeLessThan(r.kbps! * 1.3);
      }
    }
    expect(Math.abs(samples - 6 * ANALYSIS_RATE)).toBeLessThan(ANALYSIS_RATE / 10);
    // The same meter as a separate pass over the master.
    expect(loudness).toEqual(await measureLoudness(master));
  });

  it('gives the same renditions when the lanes run as parallel processes', async () => {
    const lanes = planLanes(RENDITIONS, 2);
    expect(lanes).toHaveLength(2);
    const files = new Map(RENDITIONS.map((r) => [r, path.join(dir, `two-${r.quality}.${r.codec === 'opus' ? 'ogg' : 'flac'}`)]));
    const peaks: number[] = [];
    await Promise.all(lanes.map((l) => transcode(master, { outputs: l.renditions.map((r) => ({ file: files.get(r)!, args: codecArgs(r) })), ...(l.analysis ? { pcm: { rate: 8000, onSamples: (x) => void peaks.push(Math.max(...x.map(Math.abs))) } } : {}) })));
    for (const r of RENDITIONS) expect((await probe(files.get(r)!)).codec).toBe(r.codec);
    expect(Math.max(...peaks)).toBeGreaterThan(0.2);
    expect((await waveformPeaks(master, 6000)).length).toBe(200);
  });

  it('rejects with the reason when ffmpeg fails or the PCM consumer throws', async () => {
    await expect(transcode(path.join(dir, 'missing.wav'), { outputs: [{ file: path.join(dir, 'x.ogg'), args: codecArgs(RENDITIONS[0]!) }] })).rejects.toThrow(/ffmpeg failed: .*No such file/);
    await expect(transcode(master, { outputs: [], pcm: { rate: 8000, onSamples: () => { throw new Error('analysis broke'); } } })).rejects.toThrow('analysis broke');
  });
});
