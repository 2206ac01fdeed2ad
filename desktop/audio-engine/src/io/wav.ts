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
  const writer = wavWriter(audio, options);
  writer.write(Array.from({ length: audio.numberOfChannels }, (_, c) => audio.getChannelData(c)), 0, audio.length);
  return writer.bytes;
}

/** A WAV file being filled frame range by frame range (a render writes each part as it is done). */
export interface WavWriter {
  /** The whole file: header, then the data the ranges written so far fill in. */
  readonly bytes: Uint8Array;
  /** Encodes frames [from, to) of `channels` (full-length planes) into their place in `bytes`. */
  write(channels: readonly Float32Array[], from: number, to: number): void;
}

/**
 * The WAV file of `format.length` frames, header written, data to come through `write`. Ranges
 * must come in order for the dither noise to be the same as in one call.
 *
 * @example
 * const wav = wavWriter({ sampleRate: 48_000, numberOfChannels: 2, length }, { bitDepth: 24 });
 * wav.write([left, right], 0, half); wav.write([left, right], half, length);
 */
export function wavWriter(format: Omit<PcmSource, 'getChannelData'>, options: Partial<WavOptions> = {}): WavWriter {
  const o: WavOptions = { bitDepth: 24, dither: true, random: Math.random, ...options };
  const channels = format.numberOfChannels;
  const float = o.bitDepth === '32f';
  const bytesPerSample = o.bitDepth === '32f' ? 4 : o.bitDepth === 16 ? 2 : o.bitDepth === 24 ? 3 : 0;
  if (![2, 3, 4].includes(bytesPerSample) || channels < 1) throw new EngineError('BAD_OPTIONS', `unsupported WAV format: ${String(o.bitDepth)} bit, ${channels} channels`);
  const frames = format.length;
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
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * channels * bytesPerSample, true);
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
  const dataAt = at + 8;

  const max = 2 ** (bytesPerSample * 8 - 1) - 1;
  const min = -max - 1;
  const { dither, random } = o;
  const write = (data: readonly Float32Array[], from: number, to: number) => {
    let at = dataAt + from * channels * bytesPerSample;
    if (float) {
      for (let i = from; i < to; i++) for (let c = 0; c < channels; c++, at += 4) view.setFloat32(at, data[c]![i]!, true);
      return;
    }
    // Bytes written straight into the array (a DataView call per byte cost most of the encode).
    for (let i = from; i < to; i++) {
      for (let c = 0; c < channels; c++, at += bytesPerSample) {
        const d = dither ? random() - random() : 0;
        const x = Math.round(data[c]![i]! * max + d);
        const q = x > max ? max : x < min ? min : x;
        out[at] = q & 0xff;
        out[at + 1] = (q >> 8) & 0xff;
        if (bytesPerSample === 3) out[at + 2] = (q >> 16) & 0xff;
      }
    }
  };
  return { bytes: out, write };
}
