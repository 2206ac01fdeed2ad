import { describe, expect, it } from 'vitest';
import { encodeWav } from '@encore/audio-engine/io/wav';
import { sine, spectralPeak } from '@encore/audio-engine/dsp/testSignals';
import { audioClip, project, track } from '@encore/audio-engine/testing/snapshotBuilder';
import { decodeAssets } from './decodeAssets';

const HASH = 'c'.repeat(64);

describe('decodeAssets (ffmpeg)', () => {
  it('decodes the blobs clips play, resampled to the render rate, into shared planes', async () => {
    const tone = sine(48_000, 1000, 48_000, 0.5);
    const wav = encodeWav({ sampleRate: 48_000, numberOfChannels: 1, length: tone.length, getChannelData: () => tone }, { bitDepth: '32f' });
    const snapshot = { ...project([track({ id: 'a', kind: 'audio', clips: [audioClip('c', 'a', HASH, 0, 2)] })]), assets: [] };
    const audio = await decodeAssets(snapshot, new Map([[HASH, wav]]), 44_100, 'ffmpeg');
    const decoded = audio.get(HASH)!;
    expect(decoded.sampleRate).toBe(44_100);
    expect(decoded.channels.length).toBe(2);
    expect(decoded.channels[0]!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Math.abs(decoded.channels[0]!.length - 44_100)).toBeLessThan(64);
    expect(Math.abs(spectralPeak(decoded.channels[0]!.subarray(1000, 17_384), 44_100, 500, 2000) - 1000)).toBeLessThan(3);
  });

  it('fails clearly on a blob ffmpeg cannot decode', async () => {
    const snapshot = project([track({ id: 'a', kind: 'audio', clips: [audioClip('c', 'a', HASH, 0, 2)] })]);
    await expect(decodeAssets(snapshot, new Map([[HASH, new TextEncoder().encode('not audio at all')]]), 44_100, 'ffmpeg')).rejects.toThrow(/cannot be decoded/);
  });
});
