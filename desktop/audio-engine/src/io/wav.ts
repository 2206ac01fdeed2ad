import { EngineError } from '../core/errors';

/**
 * RIFF/WAVE encoding of rendered audio: 16- or 24-bit PCM with TPDF dither, or 32-bit float.
 */

/** What encodeWav reads: an AudioBuffer or anything shaped like one. */
export interface PcmSource {
  readonly sampleRate: number;
  readonly numberOfChannels: number;
  readonly length: number;
  getChannelData(channel: number): Float32Array;
}

export interface WavOptions {
  bitDepth: 16 | 24 | '32f';
  /** TPDF dither (±1 LSB triangular) before quantising to 16 or 24 bits. */
  dither: boolean;
  /** Uniform random numbers in [0, 1); Math.random by default (tests pass a seeded one). */
  random: () => number;
}

/**
 * A WAV file of `audio`. Integer formats are dithered with triangular-PDF noise of ±1 LSB (the
 * sum of two uniform variables), which turns quantisation distortion into a constant low
 * noise floor, then rounded and clipped to full scale.
 *
 * @example
 * const bytes = encodeWav(mix, { bitDepth: 24 });
 * await host.saveFile('mix.wav', bytes);
 */
export function encodeWav(audio: PcmSource, options: Partial<WavOptions> = {}): Uint8Array {
  const o: WavOptions = { bitDepth: 24, dither: true, random: Math.random, ...options };
  const channels = audio.numberOfChannels;
  const float = o.bitDepth === '32f';
  const bytesPerSample = o.bitDepth === '32f' ? 4 : o.bitDepth === 16 ? 2 : o.bitDepth === 24 ? 3 : 0;
  if (![2, 3, 4].includes(bytesPerSample) || channels < 1) throw new EngineError('BAD_OPTIONS', `unsupported WAV format: ${String(o.bitDepth)} bit, ${channels} channels`);
  const frames = audio.length;
  const dataBytes = frames * channels * bytesPerSample;
  const fmtBytes = float ? 18 : 16;
  const factBytes = float ? 12 : 0;
  const header = 12 + 8 + fmtBytes + factBytes + 8;
  const out = new Uint8Array(header + dataBytes + (dataBytes % 2));
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));

  ascii(0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtBytes, true);
  view.setUint16(20, float ? 3 : 1, true); // WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, audio.sampleRate, true);
  view.setUint32(28, audio.sampleRate * channels * bytesPerSample, true);
  view.setUint16(32, channels * bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  let at = 36;
  if (float) {
    view.setUint16(at, 0, true); // cbSize
    at += 2;
    ascii(at, 'fact');
    view.setUint32(at + 4, 4, true);
    view.setUint32(at + 8, frames, true);
    at += 12;
  }
  ascii(at, 'data');
  view.setUint32(at + 4, dataBytes, true);
  at += 8;

  const data = Array.from({ length: channels }, (_, c) => audio.getChannelData(c));
  if (float) {
    for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++, at += 4) view.setFloat32(at, data[c]![i]!, true);
    return out;
  }
  const max = 2 ** (bytesPerSample * 8 - 1) - 1;
  const min = -max - 1;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++, at += bytesPerSample) {
      const dither = o.dither ? o.random() - o.random() : 0;
      const q = Math.min(max, Math.max(min, Math.round(data[c]![i]! * max + dither)));
      if (bytesPerSample === 2) view.setInt16(at, q, true);
      else {
        view.setUint8(at, q & 0xff);
        view.setUint8(at + 1, (q >> 8) & 0xff);
        view.setInt8(at + 2, q >> 16);
      }
    }
  }
  return out;
}
