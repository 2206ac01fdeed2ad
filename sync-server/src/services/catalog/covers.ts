import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { imageSize } from 'image-size';
import { COVER_LIMITS, type CoverInfo, type CoverSize } from '@encore/shared/api/catalogReleases';
import { EncoreError } from '@encore/shared/errors';
import type { Database } from '../../db/database';
import { albums, artists, tracks } from '../../db/schema/catalog';
import { covers, type CoverRow } from '../../db/schema/catalogReleases';
import type { Catalog } from './catalog';
import { ffmpeg } from './ffmpeg';
import { albumHasRelease } from './browse';
import { released } from './trackView';

const run = promisify(execFile);

/** ffprobe's codec name → the type the original is served with. */
const IMAGE_CODECS: Record<string, string> = { mjpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const THUMB_EDGES = [300, 600] as const;

const invalid = (reason: string, message: string, extra: Record<string, unknown> = {}) => new EncoreError('INVALID_IMAGE', message, { reason, ...extra });

/**
 * Width, height and type of a single still image. The edges come from the header (image-size
 * reads no pixels), so a small file claiming 20000×20000 is refused before any decoder
 * allocates for it; ffprobe then confirms what the codec really is.
 */
async function probeImage(file: string, bytes: Uint8Array): Promise<{ width: number; height: number; contentType: string }> {
  let header: { width: number; height: number; type?: string };
  try {
    header = imageSize(bytes);
  } catch {
    throw invalid('not-image', 'The file is not an image that can be read');
  }
  const { width, height } = header;
  if (width > COVER_LIMITS.maxEdgePx || height > COVER_LIMITS.maxEdgePx) throw invalid('too-large', `Cover art may be at most ${COVER_LIMITS.maxEdgePx} px on each side`, { width, height });
  if (width < COVER_LIMITS.minEdgePx || height < COVER_LIMITS.minEdgePx) throw invalid('too-small', `Cover art must be at least ${COVER_LIMITS.minEdgePx} px on each side`, { width, height });
  let streams: { codec_type?: string; codec_name?: string }[];
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', file], { maxBuffer: 1024 * 1024 });
    streams = (JSON.parse(stdout) as { streams?: typeof streams }).streams ?? [];
  } catch {
    throw invalid('not-image', 'The file is not an image that can be read');
  }
  const [video, ...rest] = streams.filter((s) => s.codec_type === 'video');
  const contentType = IMAGE_CODECS[video?.codec_name ?? ''];
  if (!video || rest.length > 0 || streams.some((s) => s.codec_type === 'audio') || !contentType) throw invalid('not-image', 'Cover art must be a JPEG, PNG or WebP image', { codec: video?.codec_name ?? null });
  return { width, height, contentType };
}

/**
 * Stores cover art: the header is probed (type, edges within limits, so a decompression bomb
 * is refused before it is decoded), then the image is decoded in full into square JPEG
 * thumbnails (300 and 600 px, centre-cropped), which fails on a damaged file. The original and
 * the thumbnails enter the blob store under their SHA-256; the original's hash is the cover id.
 *
 * @example
 * const cover = await storeCover(db, catalog, bytes, userId, now);
 * await updateTrack(db, actor, trackId, { coverId: cover.id }, now);
 */
export async function storeCover(db: Database, catalog: Catalog, bytes: Uint8Array, uploaderId: string, now: Date): Promise<CoverInfo> {
  if (bytes.byteLength === 0) throw invalid('empty', 'The image is empty');
  if (bytes.byteLength > COVER_LIMITS.maxBytes) throw new EncoreError('PAYLOAD_TOO_LARGE', 'Cover art is too large', { limitBytes: COVER_LIMITS.maxBytes });
  await fs.promises.mkdir(catalog.workDir, { recursive: true });
  const base = path.join(catalog.workDir, randomUUID());
  const original = `${base}.img`;
  const thumbs = THUMB_EDGES.map((edge) => ({ edge, file: `${base}-${edge}.jpg` }));
  try {
    await fs.promises.writeFile(original, bytes);
    const info = await probeImage(original, bytes);
    for (const t of thumbs) {
      // Any error-level message counts: the JPEG decoder only warns about a truncated file.
      const errors = await ffmpeg(['-v', 'error', '-xerror', '-i', original, '-frames:v', '1', '-vf', `scale=${t.edge}:${t.edge}:force_original_aspect_ratio=increase:flags=lanczos,crop=${t.edge}:${t.edge}`, '-q:v', '3', '-f', 'image2', '-c:v', 'mjpeg', t.file]).catch(() => 'failed');
      if (errors.trim() !== '') throw invalid('corrupt', 'The image is damaged and cannot be decoded');
    }
    const [small, large] = [await catalog.blobs.putFile(thumbs[0]!.file), await catalog.blobs.putFile(thumbs[1]!.file)];
    const stored = await catalog.blobs.putFile(original);
    const row = { id: stored.key, uploadedBy: uploaderId, contentType: info.contentType, width: info.width, height: info.height, sizeBytes: stored.sizeBytes, thumb300: small.key, thumb600: large.key, createdAt: now };
    await db.insert(covers).values(row).onConflictDoNothing();
    return { id: row.id, contentType: row.contentType, width: row.width, height: row.height, sizeBytes: row.sizeBytes };
  } finally {
    await Promise.all([original, ...thumbs.map((t) => t.file)].map((f) => fs.promises.rm(f, { force: true })));
  }
}

/** A cover file ready to send: its path in the blob store, type and a strong ETag. */
export interface CoverFile {
  path: string;
  contentType: string;
  sizeBytes: number;
  /** Content-addressed, so the blob key is a perfect ETag and the file never changes. */
  etag: string;
}

/** The file of a cover id at a size, or null when no such cover is stored. */
export async function coverFile(db: Database, catalog: Catalog, coverId: string, size: CoverSize): Promise<CoverFile | null> {
  const [row] = await db.select().from(covers).where(eq(covers.id, coverId));
  return row ? fileOf(catalog, row, size) : null;
}

async function fileOf(catalog: Catalog, row: CoverRow, size: CoverSize): Promise<CoverFile | null> {
  const key = size === '300' ? row.thumb300 : size === '600' ? row.thumb600 : row.id;
  if (!(await catalog.blobs.has(key))) return null;
  return { path: catalog.blobs.pathOf(key), contentType: size === 'original' ? row.contentType : 'image/jpeg', sizeBytes: await catalog.blobs.size(key), etag: `"${key}"` };
}

/** The nearest stored size to a pixel edge (Subsonic's getCoverArt takes any `size`). */
export function coverSizeFor(px: number | undefined): CoverSize {
  if (px === undefined) return '600';
  return px <= 300 ? '300' : px <= 600 ? '600' : 'original';
}

/**
 * Cover art of a track (its own, else its album's) or of an album, as another API serves it
 * (Subsonic getCoverArt): null when there is none or the release is not visible. A track is
 * visible when released, or to its artist (`viewerId`); an album when it holds a released
 * track, or to its artist.
 *
 * @example
 * const file = await coverFor(db, catalog, { trackId }, coverSizeFor(Number(size)), userId);
 * if (file) return new Response(fs.createReadStream(file.path), { headers: { 'content-type': file.contentType } });
 */
export async function coverFor(db: Database, catalog: Catalog, ref: { trackId: string } | { albumId: string }, size: CoverSize, viewerId?: string): Promise<CoverFile | null> {
  let coverId: string | null | undefined;
  if ('trackId' in ref) {
    const [row] = await db
      .select({ own: tracks.coverId, album: albums.coverId, ownerId: artists.userId, visible: sql<boolean>`(${released()})` })
      .from(tracks)
      .innerJoin(artists, eq(artists.id, tracks.artistId))
      .leftJoin(albums, eq(albums.id, tracks.albumId))
      .where(eq(tracks.id, ref.trackId));
    if (!row || (!row.visible && row.ownerId !== viewerId)) return null;
    coverId = row.own ?? row.album;
  } else {
    const [row] = await db
      .select({ cover: albums.coverId, ownerId: artists.userId, hasRelease: sql<boolean>`${albumHasRelease()}` })
      .from(albums)
      .innerJoin(artists, eq(artists.id, albums.artistId))
      .where(eq(albums.id, ref.albumId));
    if (!row || (!row.hasRelease && row.ownerId !== viewerId)) return null;
    coverId = row.cover;
  }
  return coverId ? coverFile(db, catalog, coverId, size) : null;
}
