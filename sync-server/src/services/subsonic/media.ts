import type { AudioQuality } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { RenditionRow } from '../../db/schema/catalog';
import type { BlobStore } from '../catalog/blobStore';
import { sliceRendition, type RenditionSlice } from '../catalog/streaming';

const ORDER: AudioQuality[] = ['low', 'normal', 'high', 'lossless'];
const lower = (a: AudioQuality, b: AudioQuality) => (ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b);

/**
 * The quality a Subsonic `stream` asks for, before the tier cap: the listener's setting,
 * raised to lossless by `format=flac|raw` (the original quality), and lowered by
 * `maxBitRate` (kbps; 0 = no limit) to the best rendition within it (96/160/320; lossless
 * only without a limit). Other formats (mp3, aac) are not transcoded on the fly: the Opus
 * rendition within the limit is sent, which players identify by its Content-Type.
 *
 * @example
 * wantedQuality('high', { maxBitRate: 128 }) // 'low' (96 kbps)
 */
export function wantedQuality(setting: AudioQuality, o: { maxBitRate?: number; format?: string }): AudioQuality {
  let wanted = o.format === 'flac' || o.format === 'raw' ? 'lossless' : o.format === 'opus' || o.format === 'ogg' ? lower(setting, 'high') : setting;
  const max = o.maxBitRate ?? 0;
  if (max > 0) wanted = lower(wanted, max >= 320 ? 'high' : max >= 160 ? 'normal' : 'low');
  return wanted;
}

/**
 * Sends a rendition with HTTP Range support, exactly as `/api/tracks/:id/stream` does
 * (sliceRendition: single range; several are answered with the whole file), but an
 * unsatisfiable range is a bare 416 with `Content-Range: bytes *\/size`: Subsonic clients
 * expect no JSON error body on media endpoints.
 */
export async function sendRendition(blobs: BlobStore, file: RenditionRow, rangeHeader: string | undefined, o: { attachmentName?: string } = {}): Promise<Response> {
  const own = { 'X-Encore-Quality': file.quality, 'Cache-Control': 'private, max-age=3600' };
  let slice: RenditionSlice;
  try {
    slice = await sliceRendition(blobs, file, rangeHeader);
  } catch (e) {
    if (!(e instanceof EncoreError) || e.code !== 'RANGE_NOT_SATISFIABLE') throw e;
    return new Response(null, { status: 416, headers: { ...own, 'Accept-Ranges': 'bytes', 'Content-Range': `bytes */${String(e.details?.size)}` } });
  }
  const headers = new Headers({ ...own, ...slice.headers });
  if (o.attachmentName) headers.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(o.attachmentName)}`);
  return new Response(slice.body, { status: slice.status, headers });
}
