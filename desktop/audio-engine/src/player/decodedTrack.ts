import { mp3GaplessInfo, mp3Trim } from './mp3Gapless';

/** A decoded track and the frames of decoder padding to skip at each end. */
export interface DecodedTrack {
  trackId: string;
  buffer: AudioBuffer;
  trimStart: number;
  trimEnd: number;
}

/** Frames of real audio in a decoded track. */
export const playableFrames = (t: DecodedTrack): number => Math.max(0, t.buffer.length - t.trimStart - t.trimEnd);

/**
 * Decodes encoded bytes on `context` (so the buffer is at the context's rate) and works out
 * the padding to trim: MP3 encoder delay/padding from its LAME tag when the decoder kept it.
 *
 * @example
 * const track = await decodeTrack(ctx, id, await (await fetch(mediaUrl(id))).arrayBuffer());
 */
export async function decodeTrack(context: BaseAudioContext, trackId: string, bytes: ArrayBuffer): Promise<DecodedTrack> {
  // decodeAudioData detaches its input: read the header first.
  const info = mp3GaplessInfo(new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 64 * 1024)));
  const buffer = await context.decodeAudioData(bytes);
  const trim = info ? mp3Trim(info, buffer.length, buffer.sampleRate) : { start: 0, end: 0 };
  return { trackId, buffer, trimStart: trim.start, trimEnd: trim.end };
}
