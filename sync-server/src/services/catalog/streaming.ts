import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { AudioQuality, SubscriptionTier } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { RenditionRow } from '../../db/schema/catalog';
import type { BlobStore } from './blobStore';

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

/** Sizes of blobs already seen, bounded: a blob's key is its SHA-256, so its size never changes while it exists. */
const SIZES = new Map<string, number>();
const MAX_SIZES = 10_000;

/**
 * The size of a stored blob, remembered after the first stat (one per rendition instead of one
 * per Range request). A deleted blob still fails when it is opened.
 */
async function blobSize(blobs: BlobStore, key: string): Promise<number> {
  const path = blobs.pathOf(key);
  const known = SIZES.get(path);
  if (known !== undefined) return known;
  const size = await blobs.size(key);
  if (SIZES.size >= MAX_SIZES) SIZES.delete(SIZES.keys().next().value!);
  SIZES.set(path, size);
  return size;
}

/** What a ranged read of a rendition answers: status, the headers every caller sends, the body. */
export interface RenditionSlice {
  readonly status: 200 | 206;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ReadableStream<Uint8Array>;
}

/**
 * Reads a stored rendition, whole (200) or the one byte range asked for (206), with the
 * Accept-Ranges / Content-Type / Content-Length / Content-Range headers. An unsatisfiable range
 * throws RANGE_NOT_SATISFIABLE with `details.size`, for the 416's `Content-Range: bytes *\/size`.
 * The catalog's stream route, licensed downloads and the Subsonic API all answer through it.
 *
 * @example
 * const slice = await sliceRendition(s.catalog.blobs, file, c.req.header('range'));
 * return new Response(slice.body, { status: slice.status, headers: slice.headers });
 */
export async function sliceRendition(blobs: BlobStore, file: { readonly blobKey: string; readonly codec: string }, rangeHeader: string | undefined): Promise<RenditionSlice> {
  const size = await blobSize(blobs, file.blobKey);
  const range = parseRange(rangeHeader, size);
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const headers: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': CONTENT_TYPE[file.codec] ?? 'application/octet-stream',
    'Content-Length': String(end - start + 1),
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  };
  const body = Readable.toWeb(fs.createReadStream(blobs.pathOf(file.blobKey), { start, end })) as ReadableStream<Uint8Array>;
  return { status: range ? 206 : 200, headers, body };
}
