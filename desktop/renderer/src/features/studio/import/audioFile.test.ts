import { describe, expect, it } from 'vitest';
import { EncoreError } from '@encore/shared/errors';
import { encodeWav } from '@encore/audio-engine/io/wav';
import { checkDecoded, checkSize, readHeader, sniffFormat } from './audioFile';

const bytesOf = (s: string) => new TextEncoder().encode(s);
const silence = [new Float32Array(4800), new Float32Array(4800)];
const wav = () => encodeWav({ sampleRate: 44_100, numberOfChannels: 2, length: 4800, getChannelData: (c) => silence[c]! }, { bitDepth: 16 });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof EncoreError ? [e.code, (e.details as { reason?: string }).reason] : ['not an EncoreError'];
  }
  return null;
};

describe('audio file checks', () => {
  it('knows the containers by their first bytes, not their names', () => {
    expect(sniffFormat(wav())).toBe('wav');
    expect(sniffFormat(bytesOf('FORM\0\0\0\0AIFFCOMM'))).toBe('aiff');
    expect(sniffFormat(bytesOf('fLaC\0\0\0\x22xxxxxxxx'))).toBe('flac');
    expect(sniffFormat(bytesOf('OggS\0\x02xxxxxxxxxx'))).toBe('ogg');
    expect(sniffFormat(bytesOf('\0\0\0\x20ftypM4A xxxx'))).toBe('m4a');
    expect(sniffFormat(bytesOf('ID3\x04\0\0\0\0\0\0\0\0'))).toBe('mp3');
    expect(sniffFormat(new Uint8Array([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('mp3');
    expect(sniffFormat(bytesOf('just some notes.txt, renamed to .wav'))).toBeNull();
  });

  it('reads the WAV format chunk and refuses a truncated or text file', () => {
    const w = wav();
    expect(readHeader(w, 'a.wav')).toEqual({ format: 'wav', sampleRate: 44_100, channels: 2 });
    expect(codeOf(() => readHeader(w.subarray(0, w.length - 1000), 'cut.wav'))).toEqual(['BAD_REQUEST', 'truncated']);
    expect(codeOf(() => readHeader(w.subarray(0, 36), 'head.wav'))).toEqual(['BAD_REQUEST', 'no-audio-chunk']);
    expect(codeOf(() => readHeader(bytesOf('hello, this is not audio at all'), 'notes.wav'))).toEqual(['UNSUPPORTED_MEDIA_TYPE', 'not-audio']);
  });

  it('reads an AIFF COMM chunk (80-bit sample rate)', () => {
    const b = new Uint8Array(12 + 26 + 16);
    const v = new DataView(b.buffer);
    b.set(bytesOf('FORM'), 0);
    v.setUint32(4, b.length - 8);
    b.set(bytesOf('AIFFCOMM'), 8);
    v.setUint32(16, 18);
    v.setUint16(20, 1);
    v.setUint32(22, 0);
    v.setUint16(26, 16);
    // 48000 = 1.46484375 × 2^15: exponent 16383 + 15, mantissa 0xBB80 << 48.
    v.setUint16(28, 16383 + 15);
    v.setUint32(30, 0xbb800000);
    b.set(bytesOf('SSND'), 38);
    v.setUint32(42, 8);
    expect(readHeader(b, 'a.aiff')).toEqual({ format: 'aiff', sampleRate: 48_000, channels: 1 });
  });

  it('refuses empty and oversized files before reading them, and audio the document cannot hold', () => {
    expect(codeOf(() => checkSize('big.wav', 2 * 1024 ** 3))).toEqual(['PAYLOAD_TOO_LARGE', 'too-large']);
    expect(codeOf(() => checkSize('empty.wav', 0))).toEqual(['BAD_REQUEST', 'empty']);
    expect(codeOf(() => checkSize('ok.wav', 1024))).toBeNull();
    expect(codeOf(() => checkDecoded('x', { duration: 0, sampleRate: 48_000, numberOfChannels: 1 }))).toEqual(['BAD_REQUEST', 'silent-empty']);
    expect(codeOf(() => checkDecoded('x', { duration: 1, sampleRate: 4000, numberOfChannels: 1 }))).toEqual(['BAD_REQUEST', 'sample-rate']);
    expect(codeOf(() => checkDecoded('x', { duration: 1, sampleRate: 48_000, numberOfChannels: 2 }))).toBeNull();
  });
});
