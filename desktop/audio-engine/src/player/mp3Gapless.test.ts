import { describe, expect, it } from 'vitest';
import { mp3GaplessInfo, mp3Trim } from './mp3Gapless';

/**
 * The start of an MP3 as LAME (and ffmpeg's libmp3lame) writes it: an ID3v2 tag, then an
 * Info frame carrying the frame count and the LAME tag with delay and padding. Byte layout
 * checked against a file from Debian's ffmpeg 5.1 (libmp3lame 3.100): 44100 samples of a
 * sine gave frames 40, delay 576, padding 1404, i.e. 40 × 1152 − 576 − 1404 = 44100.
 */
function lameHeader(o: { mpeg1: boolean; rateIndex: number; mono: boolean; frames: number; delay: number; padding: number; id3: number }): Uint8Array {
  const b = new Uint8Array(o.id3 + 600);
  let i = 0;
  if (o.id3) {
    b.set([0x49, 0x44, 0x33, 4, 0, 0], 0);
    const size = o.id3 - 10;
    b.set([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f], 6);
    i = o.id3;
  }
  b[i] = 0xff;
  b[i + 1] = 0xe0 | ((o.mpeg1 ? 3 : 2) << 3) | (1 << 1) | 1;
  b[i + 2] = (9 << 4) | (o.rateIndex << 2);
  b[i + 3] = o.mono ? 0xc0 : 0x00;
  const x = i + 4 + (o.mpeg1 ? (o.mono ? 17 : 32) : o.mono ? 9 : 17);
  b.set([...'Info'].map((c) => c.charCodeAt(0)), x);
  b.set([0, 0, 0, 0x0f], x + 4); // frames, bytes, TOC, quality
  b.set([(o.frames >>> 24) & 255, (o.frames >>> 16) & 255, (o.frames >>> 8) & 255, o.frames & 255], x + 8);
  const lame = x + 8 + 4 + 4 + 100 + 4;
  b.set([...'LAME3.100'].map((c) => c.charCodeAt(0)), lame);
  b.set([o.delay >> 4, ((o.delay & 15) << 4) | (o.padding >> 8), o.padding & 255], lame + 21);
  return b;
}

describe('mp3 gapless info', () => {
  it('reads frame count, delay and padding of a LAME Info header', () => {
    const info = mp3GaplessInfo(lameHeader({ mpeg1: true, rateIndex: 0, mono: true, frames: 40, delay: 576, padding: 1404, id3: 45 }))!;
    expect(info).toEqual({ sampleRate: 44100, samplesPerFrame: 1152, frames: 40, encoderDelay: 576, encoderPadding: 1404, validSamples: 44100 });
    const stereo48 = mp3GaplessInfo(lameHeader({ mpeg1: true, rateIndex: 1, mono: false, frames: 28, delay: 576, padding: 1680, id3: 0 }))!;
    expect(stereo48.sampleRate).toBe(48000);
    expect(stereo48.validSamples).toBe(28 * 1152 - 576 - 1680);
    const mpeg2 = mp3GaplessInfo(lameHeader({ mpeg1: false, rateIndex: 0, mono: true, frames: 30, delay: 576, padding: 100, id3: 0 }))!;
    expect(mpeg2).toMatchObject({ sampleRate: 22050, samplesPerFrame: 576 });
  });

  it('trims only a decode that kept the padding', () => {
    const info = { sampleRate: 44100, samplesPerFrame: 1152, frames: 40, encoderDelay: 576, encoderPadding: 1200, validSamples: 40 * 1152 - 1776 };
    expect(mp3Trim(info, info.validSamples, 44100)).toEqual({ start: 0, end: 0 });
    expect(mp3Trim(info, 40 * 1152, 44100)).toEqual({ start: 576 + 529, end: 1200 - 529 });
    const at48 = mp3Trim(info, Math.round(40 * 1152 * (48000 / 44100)), 48000);
    expect(at48.start).toBe(Math.round(1105 * (48000 / 44100)));
  });

  it('returns null for bytes without a LAME/Info header', () => {
    expect(mp3GaplessInfo(new Uint8Array(1000))).toBeNull();
    expect(mp3GaplessInfo(new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 1]))).toBeNull();
  });
});
