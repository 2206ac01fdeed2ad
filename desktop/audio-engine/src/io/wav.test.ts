import { describe, expect, it } from 'vitest';
import { encodeWav, type PcmSource } from './wav';

const pcm = (channels: number[][], sampleRate = 48_000): PcmSource => ({
  sampleRate,
  numberOfChannels: channels.length,
  length: channels[0]!.length,
  getChannelData: (c) => Float32Array.from(channels[c]!),
});
const text = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** A seeded generator (mulberry32) so dithered output is reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('encodeWav', () => {
  it('writes a 16-bit PCM header and interleaved samples', () => {
    const bytes = encodeWav(pcm([[0, 0.5, -1, 1], [0.25, 0, 0, 0]], 44_100), { bitDepth: 16, dither: false });
    const v = new DataView(bytes.buffer);
    expect(text(bytes, 0, 4)).toBe('RIFF');
    expect(v.getUint32(4, true)).toBe(bytes.length - 8);
    expect(text(bytes, 8, 8)).toBe('WAVEfmt ');
    expect([v.getUint16(20, true), v.getUint16(22, true), v.getUint32(24, true), v.getUint32(28, true), v.getUint16(32, true), v.getUint16(34, true)]).toEqual([1, 2, 44_100, 44_100 * 4, 4, 16]);
    expect(text(bytes, 36, 4)).toBe('data');
    expect(v.getUint32(40, true)).toBe(16);
    const samples = Array.from({ length: 8 }, (_, i) => v.getInt16(44 + 2 * i, true));
    expect(samples).toEqual([0, 8192, 16384, 0, -32767, 0, 32767, 0]);
  });

  it('writes 24-bit little-endian samples', () => {
    const bytes = encodeWav(pcm([[0.5, -0.5, -1]]), { bitDepth: 24, dither: false });
    const v = new DataView(bytes.buffer);
    expect(v.getUint16(34, true)).toBe(24);
    const s24 = (at: number) => (v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16));
    expect([s24(44), s24(47), s24(50)]).toEqual([4194304, -4194303, -8388607]);
    expect(bytes.length).toBe(44 + 9 + 1); // odd data is padded to even
  });

  it('writes 32-bit float exactly, with a fact chunk', () => {
    const x = [0.123456789, -0.987654321, 1.5];
    const bytes = encodeWav(pcm([x]), { bitDepth: '32f' });
    const v = new DataView(bytes.buffer);
    expect(v.getUint16(20, true)).toBe(3);
    expect(v.getUint16(34, true)).toBe(32);
    expect(text(bytes, 38, 4)).toBe('fact');
    expect(v.getUint32(46, true)).toBe(3);
    expect(text(bytes, 50, 4)).toBe('data');
    expect([0, 1, 2].map((i) => v.getFloat32(58 + 4 * i, true))).toEqual(x.map((s) => Math.fround(s)));
  });

  it('dithers with TPDF noise of at most 1 LSB, centred on the signal', () => {
    const n = 20_000;
    const level = 0.3 / 32767; // 0.3 LSB: without dither it rounds to 0 everywhere
    const bytes = encodeWav(pcm([new Array<number>(n).fill(level)]), { bitDepth: 16, random: seeded(1) });
    const v = new DataView(bytes.buffer);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const s = v.getInt16(44 + 2 * i, true);
      expect(Math.abs(s)).toBeLessThanOrEqual(1);
      sum += s;
    }
    expect(sum / n).toBeCloseTo(0.3, 1);
    const plain = new DataView(encodeWav(pcm([[level]]), { bitDepth: 16, dither: false }).buffer);
    expect(plain.getInt16(44, true)).toBe(0);
  });

  it('clips to full scale and refuses unsupported formats', () => {
    const v = new DataView(encodeWav(pcm([[2, -2]]), { bitDepth: 16, random: seeded(2) }).buffer);
    expect([v.getInt16(44, true), v.getInt16(46, true)]).toEqual([32767, -32768]);
    expect(() => encodeWav(pcm([[0]]), { bitDepth: 8 as never })).toThrow();
  });
});
