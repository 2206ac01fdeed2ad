import fs from 'node:fs';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { renditions, tracks } from '../../db/schema/catalog';
import { coverFor, coverSizeFor } from '../../services/catalog/covers';
import { pickRendition } from '../../services/catalog/streaming';
import { released } from '../../services/catalog/trackView';
import { sendRendition, wantedQuality } from '../../services/subsonic/media';
import { SubsonicParams } from '../../services/subsonic/params';
import { notFound, SubsonicError } from '../../services/subsonic/response';
import type { SubsonicCall, SubsonicHandler } from './call';

/** The released track and the rendition this caller may have at this quality. */
async function renditionFor({ s, viewer }: SubsonicCall, trackId: string, wanted: Parameters<typeof pickRendition>[1]) {
  const [track] = await s.db.select({ id: tracks.id, title: tracks.title }).from(tracks).where(and(eq(tracks.id, trackId), released()));
  if (!track) throw notFound('Song');
  const files = await s.db.select().from(renditions).where(eq(renditions.trackId, trackId));
  const file = pickRendition(viewer.tier, wanted, files);
  if (!file) throw new SubsonicError(70, 'The song has no file to stream yet');
  return { track, file };
}

/** Cover art ids: `tr-<track id>`, `al-<album id>`, or a bare track/album id. */
function coverRef(raw: string): { trackId: string } | { albumId: string } | { either: string } {
  if (raw.startsWith('tr-')) return { trackId: SubsonicParams.uuidOr70(raw.slice(3), 'Cover art') };
  if (raw.startsWith('al-')) return { albumId: SubsonicParams.uuidOr70(raw.slice(3), 'Cover art') };
  return { either: SubsonicParams.uuidOr70(raw, 'Cover art') };
}

/** stream, download, getCoverArt, getLyricsBySongId. */
export const mediaHandlers: Record<string, SubsonicHandler> = {
  stream: async (call) => {
    const { p, viewer, s, c } = call;
    const id = p.id('id', 'Song');
    const maxBitRate = p.optionalInt('maxBitRate', 0, 100_000);
    const format = p.get('format')?.toLowerCase();
    const { file } = await renditionFor(call, id, wantedQuality(viewer.wanted, { ...(maxBitRate !== undefined ? { maxBitRate } : {}), ...(format ? { format } : {}) }));
    return sendRendition(s.catalog.blobs, file, c.req.header('range'));
  },
  /** The best file the listener's tier allows (never the master: a download is capped like a stream). */
  download: async (call) => {
    const { track, file } = await renditionFor(call, call.p.id('id', 'Song'), 'lossless');
    const ext = file.codec === 'flac' ? 'flac' : 'opus';
    return sendRendition(call.s.catalog.blobs, file, call.c.req.header('range'), { attachmentName: `${track.title}.${ext}` });
  },
  getCoverArt: async ({ s, viewer, p }) => {
    const ref = coverRef(p.required('id'));
    const size = coverSizeFor(p.optionalInt('size', 1, 100_000));
    const file =
      'either' in ref
        ? ((await coverFor(s.db, s.catalog, { trackId: ref.either }, size, viewer.id)) ?? (await coverFor(s.db, s.catalog, { albumId: ref.either }, size, viewer.id)))
        : await coverFor(s.db, s.catalog, ref, size, viewer.id);
    if (!file) throw notFound('Cover art');
    const body = Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers: { 'Content-Type': file.contentType, 'Content-Length': String(file.sizeBytes), ETag: file.etag, 'Cache-Control': 'private, max-age=86400' } });
  },
  /** OpenSubsonic `songLyrics`: synced lines carry `start` (ms); plain text has none. */
  getLyricsBySongId: async ({ s, p }) => {
    const id = p.id('id', 'Song');
    const [row] = await s.db.select({ lyrics: tracks.lyrics, title: tracks.title }).from(tracks).where(and(eq(tracks.id, id), released()));
    if (!row) throw notFound('Song');
    const l = row.lyrics;
    if (!l || l.content.length === 0) return { lyricsList: {} };
    const synced = l.type === 'synchronized';
    const line = l.content.map((x) => ('timeMs' in x ? { start: x.timeMs, value: x.text } : { value: x.text }));
    return { lyricsList: { structuredLyrics: [{ lang: 'und', synced, displayTitle: row.title, line }] } };
  },
};
