import { EncoreError } from '@encore/shared/errors';
import { MAX_BLOB_BYTES } from '@encore/shared/host/projects';

/** The containers the studio imports. */
export type AudioFormat = 'wav' | 'aiff' | 'flac' | 'mp3' | 'ogg' | 'm4a';

export const AUDIO_MIME_TYPES: Record<AudioFormat, string> = {
  wav: 'audio/wav',
  aiff: 'audio/aiff',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
};

/** What the file input offers. */
export const AUDIO_ACCEPT = '.wav,.wave,.aif,.aiff,.aifc,.flac,.mp3,.ogg,.oga,.opus,.m4a,.mp4,audio/*';

/** What a header says about the audio before it is decoded (null where it does not say). */
export interface AudioHeader {
  readonly format: AudioFormat;
  readonly sampleRate: number | null;
  readonly channels: number | null;
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const refuse = (name: string, why: string, reason: string) => new EncoreError('BAD_REQUEST', `${name} could not be imported: ${why}`, { reason, name });

/** The container from the first bytes (the name and MIME type can lie), or null when it is none of ours. */
export function sniffFormat(b: Uint8Array): AudioFormat | null {
  if (b.length < 12) return null;
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'wav';
  if (ascii(b, 0, 4) === 'FORM' && (ascii(b, 8, 4) === 'AIFF' || ascii(b, 8, 4) === 'AIFC')) return 'aiff';
  if (ascii(b, 0, 4) === 'fLaC') return 'flac';
  if (ascii(b, 0, 4) === 'OggS') return 'ogg';
  if (ascii(b, 4, 4) === 'ftyp') return 'm4a';
  if (ascii(b, 0, 3) === 'ID3') return 'mp3';
  // An MPEG audio frame: 11 sync bits, layer not reserved, bitrate index not "bad".
  if (b[0] === 0xff && ((b[1] as number) & 0xe0) === 0xe0 && ((b[1] as number) & 0x06) !== 0 && ((b[2] as number) & 0xf0) !== 0xf0) return 'mp3';
  return null;
}

/** An IEEE 754 80-bit extended float (AIFF's sample rate). */
function extended80(b: Uint8Array, at: number): number {
  const view = new DataView(b.buffer, b.byteOffset + at, 10);
  const exponent = (view.getUint16(0) & 0x7fff) - 16383;
  const mantissa = view.getUint32(2) * 2 ** 32 + view.getUint32(6);
  return mantissa * 2 ** (exponent - 63);
}

interface Chunk {
  readonly id: string;
  readonly at: number;
  readonly size: number;
}

/** The chunks of a RIFF (little-endian) or IFF (big-endian) file, refusing ones that run past the end. */
function chunks(b: Uint8Array, littleEndian: boolean, name: string): Chunk[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Chunk[] = [];
  for (let at = 12; at + 8 <= b.length; ) {
    const id = ascii(b, at, 4);
    const size = view.getUint32(at + 4, littleEndian);
    if (at + 8 + size > b.length) {
      // Some writers leave a stray pad byte off the last chunk; a short audio chunk is truncation.
      if (id === 'data' || id === 'SSND' || at + 8 + size > b.length + 1) throw refuse(name, 'the file is truncated', 'truncated');
    }
    out.push({ id, at: at + 8, size });
    at += 8 + size + (size % 2);
  }
  return out;
}

/**
 * Checks a file's header: the container from its bytes, and for WAV and AIFF the format chunk
 * and that the audio chunk is all there (a decoder would play a truncated file as far as it goes).
 *
 * @example
 * readHeader(bytes, 'take.wav'); // { format: 'wav', sampleRate: 48000, channels: 2 }
 */
export function readHeader(b: Uint8Array, name: string): AudioHeader {
  const format = sniffFormat(b);
  if (!format) throw new EncoreError('UNSUPPORTED_MEDIA_TYPE', `${name} is not an audio file Encore can import (WAV, AIFF, FLAC, MP3, OGG or M4A)`, { reason: 'not-audio', name });
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (format === 'wav' || format === 'aiff') {
    const list = chunks(b, format === 'wav', name);
    const fmt = list.find((c) => c.id === (format === 'wav' ? 'fmt ' : 'COMM'));
    if (!fmt || !list.some((c) => c.id === (format === 'wav' ? 'data' : 'SSND'))) throw refuse(name, 'the file has no audio in it', 'no-audio-chunk');
    if (fmt.size < (format === 'wav' ? 16 : 18) || fmt.at + 18 > b.length) throw refuse(name, 'its header is damaged', 'bad-header');
    return format === 'wav'
      ? { format, channels: view.getUint16(fmt.at + 2, true), sampleRate: view.getUint32(fmt.at + 4, true) }
      : { format, channels: view.getUint16(fmt.at), sampleRate: Math.round(extended80(b, fmt.at + 8)) };
  }
  if (format === 'flac' && b.length >= 26) {
    // STREAMINFO: 20 bits of sample rate, then 3 bits of channels minus one.
    const sampleRate = (view.getUint32(18) >>> 12) & 0xfffff;
    const channels = ((b[20] as number) >> 1) & 0x07;
    return { format, sampleRate: sampleRate || null, channels: channels + 1 };
  }
  return { format, sampleRate: null, channels: null };
}

/** Refuses a file before a byte of it is read: empty, or larger than the blob store takes. */
export function checkSize(name: string, byteLength: number, maxBytes = MAX_BLOB_BYTES): void {
  if (byteLength === 0) throw refuse(name, 'the file is empty', 'empty');
  if (byteLength > maxBytes) {
    throw new EncoreError('PAYLOAD_TOO_LARGE', `${name} is too large to import (${(byteLength / 1024 ** 3).toFixed(1)} GB; at most ${Math.round(maxBytes / 1024 ** 2)} MB)`, { reason: 'too-large', name, byteLength, maxBytes });
  }
}

/** Refuses decoded audio the document cannot describe (see the Asset schema). */
export function checkDecoded(name: string, a: { duration: number; sampleRate: number; numberOfChannels: number }): void {
  if (!(a.duration > 0)) throw refuse(name, 'it holds no audio', 'silent-empty');
  if (a.duration > 24 * 3600) throw refuse(name, 'it is longer than 24 hours', 'too-long');
  if (a.sampleRate < 8000 || a.sampleRate > 384_000) throw refuse(name, `its sample rate (${a.sampleRate} Hz) is not supported`, 'sample-rate');
  if (a.numberOfChannels < 1 || a.numberOfChannels > 32) throw refuse(name, `it has ${a.numberOfChannels} channels (at most 32)`, 'channels');
}
