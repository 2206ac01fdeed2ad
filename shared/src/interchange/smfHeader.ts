import { EncoreError } from '../errors';

/** What the chunk structure of a Standard MIDI File says, before any event is parsed. */
export interface SmfLayout {
  readonly format: 0 | 1;
  readonly trackCount: number;
  /** Ticks per quarter note of the file. */
  readonly ppq: number;
}

const ascii = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
const u32 = (b: Uint8Array, at: number): number => (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
const u16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  return sample.length > 0 && sample.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc0);
}

const bad = (message: string, reason: string): EncoreError => new EncoreError('BAD_REQUEST', message, { reason });

/**
 * Checks the chunk structure of an SMF (header, track chunks, declared lengths) so that a
 * text file, a truncated download or a zero-track file is refused with a clear message before
 * the event parser sees it.
 *
 * @example
 * checkSmf(bytes); // { format: 1, trackCount: 3, ppq: 480 }
 */
export function checkSmf(bytes: Uint8Array): SmfLayout {
  if (bytes.length < 4 || ascii(bytes, 0) !== 'MThd') {
    throw new EncoreError(
      'UNSUPPORTED_MEDIA_TYPE',
      looksLikeText(bytes) ? 'This is a text file, not a Standard MIDI File.' : 'This is not a Standard MIDI File (it does not start with "MThd").',
      { reason: 'not-midi' },
    );
  }
  if (bytes.length < 14) throw bad('The MIDI file is truncated: its header is incomplete.', 'truncated');
  const headerLength = u32(bytes, 4);
  const format = u16(bytes, 8);
  const declared = u16(bytes, 10);
  const division = u16(bytes, 12);
  if (headerLength < 6) throw bad('The MIDI file is corrupt: its header is too short.', 'corrupt');
  if (format === 2) throw new EncoreError('UNSUPPORTED_MEDIA_TYPE', 'MIDI files of type 2 (independent patterns) are not supported.', { reason: 'smf-type-2' });
  if (format !== 0 && format !== 1) throw bad(`The MIDI file is corrupt: unknown format ${format}.`, 'corrupt');
  if (division & 0x8000) throw new EncoreError('UNSUPPORTED_MEDIA_TYPE', 'MIDI files timed in SMPTE frames are not supported.', { reason: 'smpte' });
  if (division === 0) throw bad('The MIDI file is corrupt: zero ticks per quarter note.', 'corrupt');
  if (declared === 0) throw bad('The MIDI file contains no tracks.', 'no-tracks');

  let found = 0;
  let at = 8 + headerLength;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw bad('The MIDI file is truncated: a chunk header is cut off.', 'truncated');
    const length = u32(bytes, at + 4);
    if (at + 8 + length > bytes.length) throw bad(`The MIDI file is truncated: track ${found + 1} is cut off.`, 'truncated');
    if (ascii(bytes, at) === 'MTrk') found++;
    at += 8 + length;
  }
  if (found < declared) throw bad(`The MIDI file is truncated: it declares ${declared} tracks but holds ${found}.`, 'truncated');
  return { format, trackCount: declared, ppq: division };
}
