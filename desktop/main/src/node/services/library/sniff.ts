import type { AudioFormat } from '@encore/shared/host/library';

/** File extensions the scanner looks at; everything else in a folder is ignored. */
export const AUDIO_EXTENSIONS = new Set(['.mp3', '.flac', '.ogg', '.oga', '.opus', '.m4a', '.mp4', '.aac', '.wav', '.aif', '.aiff', '.aifc']);

export interface Sniffed {
  /** MIME type for music-metadata's parser choice. */
  mime: string;
  format: AudioFormat;
}

/**
 * Recognises the container from the first bytes, never from the file name, so a FLAC
 * named .mp3 is read as FLAC. An ID3v2 header is skipped first (it may precede MP3, AAC or,
 * rarely, FLAC). Returns null when the bytes are not a supported audio container.
 *
 * @example
 * sniff(await fs.readFile('song.mp3')); // { mime: 'audio/flac', format: 'flac' } when mislabeled
 */
export function sniff(buf: Uint8Array): Sniffed | null {
  let at = 0;
  if (ascii(buf, 0, 3) === 'ID3' && buf.length >= 10) {
    const size = ((buf[6]! & 0x7f) << 21) | ((buf[7]! & 0x7f) << 14) | ((buf[8]! & 0x7f) << 7) | (buf[9]! & 0x7f);
    at = 10 + size + (buf[5]! & 0x10 ? 10 : 0);
    // A tag larger than the file is corrupt; still call it MP3 and let the parser decide.
    if (at >= buf.length) return { mime: 'audio/mpeg', format: 'mp3' };
  }
  const head = ascii(buf, at, 4);
  if (head === 'fLaC') return { mime: 'audio/flac', format: 'flac' };
  if (head === 'OggS') {
    // The first page carries the codec's identification header at byte 28.
    return ascii(buf, at + 28, 8) === 'OpusHead' ? { mime: 'audio/ogg', format: 'opus' } : { mime: 'audio/ogg', format: 'ogg' };
  }
  if (head === 'RIFF' && ascii(buf, at + 8, 4) === 'WAVE') return { mime: 'audio/wav', format: 'wav' };
  if (head === 'FORM' && ['AIFF', 'AIFC'].includes(ascii(buf, at + 8, 4))) return { mime: 'audio/aiff', format: 'aiff' };
  if (ascii(buf, at + 4, 4) === 'ftyp') return { mime: 'audio/mp4', format: 'm4a' };
  const b0 = buf[at];
  const b1 = buf[at + 1];
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0) {
    // Frame sync: layer bits 00 mean ADTS AAC, anything else an MPEG audio layer.
    return (b1 & 0x06) === 0 ? { mime: 'audio/aac', format: 'aac' } : { mime: 'audio/mpeg', format: 'mp3' };
  }
  return null;
}

function ascii(buf: Uint8Array, start: number, length: number): string {
  if (start + length > buf.length) return '';
  let s = '';
  for (let i = start; i < start + length; i++) s += String.fromCharCode(buf[i]!);
  return s;
}
