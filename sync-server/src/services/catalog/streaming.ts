import type { AudioQuality, SubscriptionTier } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { RenditionRow } from '../../db/schema/catalog';

const ORDER: AudioQuality[] = ['low', 'normal', 'high', 'lossless'];

/** The best quality a tier may stream: free up to 160 kbps, premium 320, hifi lossless. */
export function tierCeiling(tier: SubscriptionTier): AudioQuality {
  if (tier === 'hifi') return 'lossless';
  if (tier === 'free') return 'normal';
  return 'high';
}

/**
 * The rendition to stream: the wanted quality capped by the tier, falling back to the best
 * lower one present.
 *
 * @example
 * pickRendition('free', 'lossless', files) // the 'normal' (160 kbps) file
 */
export function pickRendition(tier: SubscriptionTier, wanted: AudioQuality, files: RenditionRow[]): RenditionRow | undefined {
  const cap = Math.min(ORDER.indexOf(tierCeiling(tier)), ORDER.indexOf(wanted));
  for (let i = cap; i >= 0; i--) {
    const f = files.find((x) => x.quality === ORDER[i]);
    if (f) return f;
  }
  return undefined;
}

/**
 * Parses a single `bytes=` range against a size: undefined for "no range, send it all";
 * RANGE_NOT_SATISFIABLE (416) for a range outside the file or a malformed one. Several ranges
 * are answered with the whole file, which RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) {
    if (/^bytes=[\d\s,-]+$/.test(header.trim()) && header.includes(',')) return undefined;
    throw new EncoreError('RANGE_NOT_SATISFIABLE', 'The Range header is not valid', { size });
  }
  const [, a = '', b = ''] = m;
  let start: number;
  let end: number;
  if (a === '') {
    if (b === '' || Number(b) === 0) throw new EncoreError('RANGE_NOT_SATISFIABLE', 'The range is empty', { size });
    start = Math.max(0, size - Number(b));
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
    if (b !== '' && Number(b) < start) throw new EncoreError('RANGE_NOT_SATISFIABLE', 'The range ends before it starts', { size });
  }
  if (start >= size) throw new EncoreError('RANGE_NOT_SATISFIABLE', 'The range starts past the end of the file', { size });
  return { start, end };
}

export const CONTENT_TYPE: Record<string, string> = { opus: 'audio/ogg; codecs=opus', flac: 'audio/flac' };
