import { encodeWav } from '@encore/audio-engine/io/wav';
import { describe, expect, it } from 'vitest';
import { audioSink } from './audioOut';

/** The same generator audioOut seeds io/wav with: the fast path must give the same bytes. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

describe('audioSink', () => {
  it('writes a .wav as io/wav encodes it (24-bit, the same dither), range by range', () => {
    const frames = 10_007;
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      left[i] = Math.sin(i / 7) * 0.9;
      right[i] = i % 1000 === 0 ? 1.5 : i % 1001 === 0 ? -1.5 : Math.cos(i / 11) * 0.3; // clipped both ways too
    }
    const out = audioSink('/tmp/x.wav', 44_100);
    out.sink.start(frames);
    for (const [a, b] of [[0, 128], [128, 5000], [5000, frames]] as const) out.sink.write([left, right], a, b);
    const expected = encodeWav({ sampleRate: 44_100, numberOfChannels: 2, length: frames, getChannelData: (c) => (c === 0 ? left : right) }, { bitDepth: 24, random: xorshift(0x9e3779b9) });
    expect(Buffer.from(out.file()).equals(Buffer.from(expected))).toBe(true);
  });

  it('writes a 16-bit .wav as io/wav encodes it (the same dither, clipped both ways), range by range', () => {
    const frames = 10_007;
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      left[i] = Math.sin(i / 7) * 0.99;
      right[i] = i % 1000 === 0 ? 1.5 : i % 1001 === 0 ? -1.5 : Math.cos(i / 11) * 0.3;
    }
    const out = audioSink('/tmp/x.wav', 48_000, 16);
    out.sink.start(frames);
    for (const [a, b] of [[0, 128], [128, 5000], [5000, frames]] as const) out.sink.write([left, right], a, b);
    const expected = encodeWav({ sampleRate: 48_000, numberOfChannels: 2, length: frames, getChannelData: (c) => (c === 0 ? left : right) }, { bitDepth: 16, random: xorshift(0x9e3779b9) });
    expect(out.file().length).toBe(44 + frames * 4);
    expect(Buffer.from(out.file()).equals(Buffer.from(expected))).toBe(true);
  });
});
