/** Decoder delay of an MPEG Layer III decoder (LAME's convention: 528 + 1 samples). */
export const MP3_DECODER_DELAY = 529;

export interface Mp3GaplessInfo {
  sampleRate: number;
  samplesPerFrame: number;
  /** Audio frames, not counting the Xing/Info frame itself. */
  frames: number;
  encoderDelay: number;
  encoderPadding: number;
  /** Samples of real audio: frames × samplesPerFrame − delay − padding. */
  validSamples: number;
}

const RATES: Record<number, readonly number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/**
 * Reads the gapless fields of an MP3: the frame count of the Xing/Info header and the encoder
 * delay and padding of the LAME tag. Null when the file has no such header (then nothing can
 * be trimmed exactly).
 *
 * @example
 * const info = mp3GaplessInfo(new Uint8Array(await res.arrayBuffer()));
 * info?.encoderDelay // 576 for LAME / ffmpeg's libmp3lame
 */
export function mp3GaplessInfo(bytes: Uint8Array): Mp3GaplessInfo | null {
  let i = 0;
  // ID3v2: 10-byte header, syncsafe size, optional 10-byte footer.
  if (bytes.length >= 10 && bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    i = 10 + size + (bytes[5]! & 0x10 ? 10 : 0);
  }
  // First frame sync within a short distance of the tag.
  const limit = Math.min(bytes.length - 4, i + 4096);
  while (i < limit && !(bytes[i] === 0xff && (bytes[i + 1]! & 0xe0) === 0xe0)) i++;
  if (i >= limit) return null;
  const b1 = bytes[i + 1]!;
  const b3 = bytes[i + 3]!;
  const version = (b1 >> 3) & 3; // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
  const layer = (b1 >> 1) & 3; // 1 = Layer III
  if (version === 1 || layer !== 1) return null;
  const rateIndex = (bytes[i + 2]! >> 2) & 3;
  const sampleRate = RATES[version]?.[rateIndex];
  if (!sampleRate) return null;
  const mono = (b3 >> 6) === 3;
  const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const x = i + 4 + sideInfo;
  const tag = String.fromCharCode(...bytes.subarray(x, x + 4));
  if (tag !== 'Xing' && tag !== 'Info') return null;
  const flags = readU32(bytes, x + 4);
  let p = x + 8;
  let frames = 0;
  if (flags & 1) {
    frames = readU32(bytes, p);
    p += 4;
  }
  if (flags & 2) p += 4;
  if (flags & 4) p += 100;
  if (flags & 8) p += 4;
  if (!(flags & 1)) return null;
  // LAME extension: 9-byte encoder string, then delay/padding 12 bits each at +21.
  if (p + 24 > bytes.length) return null;
  const enc = String.fromCharCode(...bytes.subarray(p, p + 4));
  if (enc !== 'LAME' && enc !== 'Lavc' && enc !== 'Lavf' && enc !== 'GOGO') return null;
  const d = p + 21;
  const encoderDelay = (bytes[d]! << 4) | (bytes[d + 1]! >> 4);
  const encoderPadding = ((bytes[d + 1]! & 0x0f) << 8) | bytes[d + 2]!;
  const samplesPerFrame = version === 3 ? 1152 : 576;
  return { sampleRate, samplesPerFrame, frames, encoderDelay, encoderPadding, validSamples: Math.max(0, frames * samplesPerFrame - encoderDelay - encoderPadding) };
}

function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/**
 * Frames to cut from a decoded MP3 so only its real audio plays. Decoders differ: Chromium's
 * (FFmpeg) already trims by the LAME tag, others hand back every frame. So the decoded length
 * decides: already the valid length → nothing to trim; the full frame count → trim delay +
 * decoder delay at the start and the rest at the end. `decodedRate` is the AudioContext's
 * rate (decodeAudioData resamples), so sample counts are scaled.
 */
export function mp3Trim(info: Mp3GaplessInfo, decodedFrames: number, decodedRate: number): { start: number; end: number } {
  const scale = decodedRate / info.sampleRate;
  const valid = Math.round(info.validSamples * scale);
  if (Math.abs(decodedFrames - valid) <= 1) return { start: 0, end: 0 };
  const full = info.frames * info.samplesPerFrame * scale;
  if (Math.abs(decodedFrames - full) > info.samplesPerFrame * scale + 1) return { start: 0, end: 0 };
  const start = Math.round((info.encoderDelay + MP3_DECODER_DELAY) * scale);
  return { start, end: Math.max(0, decodedFrames - start - valid) };
}
