import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { AudioQuality } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { RenditionRow } from '../../db/schema/catalog';
import type { BlobStore } from '../catalog/blobStore';
import { CONTENT_TYPE, parseRange } from '../catalog/streaming';

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
 * (single range; several are answered with the whole file; an unsatisfiable one is 416 with
 * `Content-Range: bytes *\/size`).
 */
export async function sendRendition(blobs: BlobStore, file: RenditionRow, rangeHeader: string | undefined, o: { attachmentName?: string } = {}): Promise<Response> {
  const size = await blobs.size(file.blobKey);
  const headers = new Headers({ 'Accept-Ranges': 'bytes', 'X-Encore-Quality': file.quality, 'Cache-Control': 'private, max-age=3600' });
  let range: ReturnType<typeof parseRange>;
  try {
    range = parseRange(rangeHeader, size);
  } catch (e) {
    if (!(e instanceof EncoreError)) throw e;
    headers.set('Content-Range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  headers.set('Content-Type', CONTENT_TYPE[file.codec] ?? 'application/octet-stream');
  headers.set('Content-Length', String(end - start + 1));
  if (range) headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  if (o.attachmentName) headers.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(o.attachmentName)}`);
  const body = Readable.toWeb(fs.createReadStream(blobs.pathOf(file.blobKey), { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status: range ? 206 : 200, headers });
}
