import { EncoreError } from '@encore/shared/errors';
import { Transcoder } from '../export/transcoder';
import type { AudioHeader } from './audioFile';

/**
 * Decodes an audio file on `context`: Chromium's decoder first, then ffmpeg.wasm (the export's
 * worker) turning what Chromium refuses — AIFF always — into a float WAV it can read. A file
 * neither can read is refused as damaged (BAD_REQUEST, reason `corrupt`).
 *
 * @example
 * const buffer = await decodeAudio(bytes, readHeader(bytes, name), name, context);
 */
export async function decodeAudio(bytes: Uint8Array, header: AudioHeader, name: string, context: BaseAudioContext, signal: AbortSignal | null = null): Promise<AudioBuffer> {
  if (header.format !== 'aiff') {
    try {
      return await context.decodeAudioData(bytes.slice().buffer);
    } catch (e) {
      console.info('studio import: Chromium did not decode; trying ffmpeg', { name, format: header.format, error: String(e) });
    }
  }
  let transcoder: Transcoder | null = null;
  try {
    transcoder = await Transcoder.start(signal);
    const wav = await transcoder.encode(bytes, ['-vn', '-c:a', 'pcm_f32le'], 'decoded.wav');
    return await context.decodeAudioData(wav.slice().buffer);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    console.warn('studio import: not decodable', { name, format: header.format, error: String(e) });
    throw new EncoreError('BAD_REQUEST', `${name} could not be imported: the audio in it is damaged or in a format Encore cannot read`, { reason: 'corrupt', name });
  } finally {
    transcoder?.dispose();
  }
}
