import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { CatalogTrack } from '@encore/shared/api/catalog';
import type { AudioQuality } from '@encore/shared/domain/user';
import { EncoreError } from '@encore/shared/errors';
import type { DownloadGroup, DownloadRequest } from '@encore/shared/host/downloads';
import { fileOf, type DownloadsContext } from './context';
import { encryptedSize } from './crypto/chunkedFile';
import { deriveFileKey } from './crypto/fileKey';
import { withDevice } from './devices';
import type { CatalogMeta } from './catalogLibrary';
import type { DownloadRow } from './downloadRows';
import type { ServerAuth } from './licenceApi';

const ORDER: AudioQuality[] = ['low', 'normal', 'high', 'lossless'];

/** The catalog album a track belongs to, as the library shows it. */
interface AlbumInfo {
  title: string;
  artistName: string;
  coverId: string | null;
  genres: string[];
}

interface Wanted {
  track: CatalogTrack;
  quality: AudioQuality;
  group: DownloadGroup | null;
  album: AlbumInfo | null;
  sizeBytes: number;
}

/** The quality to ask for: the chosen one, or the best lower one the track has. */
function qualityFor(track: CatalogTrack, wanted: AudioQuality): { quality: AudioQuality; sizeBytes: number } | null {
  for (let i = ORDER.indexOf(wanted); i >= 0; i--) {
    const r = track.renditions.find((x) => x.quality === ORDER[i]);
    if (r) return { quality: r.quality, sizeBytes: r.sizeBytes };
  }
  return null;
}

/** The catalog tracks a request names, with the quality and size each will download at. */
export async function resolveRequest(ctx: DownloadsContext, a: ServerAuth, req: DownloadRequest): Promise<Wanted[]> {
  let tracks: CatalogTrack[];
  let group: DownloadGroup | null = null;
  const albums = new Map<string, AlbumInfo | null>();
  if (req.kind === 'track') tracks = [(await ctx.api.track(a, req.trackId)).track];
  else if (req.kind === 'album') {
    const { album } = await ctx.api.album(a, req.albumId);
    tracks = album.tracks;
    group = { kind: 'album', id: album.id, title: album.title };
    albums.set(album.id, { title: album.title, artistName: album.artistName, coverId: album.coverId, genres: album.genres });
  } else {
    tracks = [];
    for (const id of [...new Set(req.trackIds)]) tracks.push((await ctx.api.track(a, id)).track);
    group = { kind: 'playlist', id: req.playlistId, title: req.title };
  }
  const out: Wanted[] = [];
  for (const track of tracks) {
    const q = qualityFor(track, req.quality);
    if (q) out.push({ track, group, album: await albumOf(ctx, a, track, albums), ...q });
  }
  if (out.length === 0) throw new EncoreError('TRACK_NOT_READY', 'Nothing here can be downloaded yet');
  return out;
}

/** The track's album (asked once per album); null without one or when the server does not answer: the library then lists it as a single. */
async function albumOf(ctx: DownloadsContext, a: ServerAuth, track: CatalogTrack, cache: Map<string, AlbumInfo | null>): Promise<AlbumInfo | null> {
  if (!track.albumId) return null;
  if (!cache.has(track.albumId)) {
    const info = await ctx.api.album(a, track.albumId).then(
      ({ album }) => ({ title: album.title, artistName: album.artistName, coverId: album.coverId, genres: album.genres }),
      (e: unknown) => {
        ctx.log.info({ err: e, albumId: track.albumId }, 'catalog album not fetched; the download is listed without it');
        return null;
      },
    );
    cache.set(track.albumId, info);
  }
  return cache.get(track.albumId) ?? null;
}

/** Stores the cover in the library's artwork store (content-addressed); null without one. A missing cover never fails a download. */
async function coverOf(ctx: DownloadsContext, a: ServerAuth, coverId: string | null, cache: Map<string, string | null>): Promise<string | null> {
  if (!coverId || !ctx.artwork) return null;
  if (!cache.has(coverId)) {
    const hash = await ctx.api.cover(a, coverId).then(
      (c) => (c ? ctx.artwork!.put(c.bytes, c.mime) : null),
      (e: unknown) => {
        ctx.log.info({ err: e, coverId }, 'catalog cover not fetched');
        return null;
      },
    );
    cache.set(coverId, hash);
  }
  return cache.get(coverId) ?? null;
}

/** Bytes the existing downloads take or will take once finished. */
export function committedBytes(ctx: DownloadsContext): number {
  const rows = ctx.sql.read((r) => r.all<{ size_bytes: number | null; received_bytes: number }>(`SELECT size_bytes, received_bytes FROM downloads WHERE state <> 'revoked'`));
  return rows.reduce((n, r) => n + encryptedSize(Math.max(r.size_bytes ?? 0, r.received_bytes)), 0);
}

/**
 * Grants a licence per new track (the server checks the entitlement) and queues it, refusing
 * the whole request up front when it would not fit under the storage limit. Tracks already
 * downloaded or queued are left as they are; failed or revoked ones are granted again.
 */
export async function enqueue(ctx: DownloadsContext, a: ServerAuth, wanted: Wanted[], limitBytes: number): Promise<string[]> {
  const existing = new Map(
    ctx.sql
      .read((r) => r.all<Pick<DownloadRow, 'id' | 'track_id' | 'state'>>('SELECT id, track_id, state FROM downloads WHERE server_url = ? AND user_id = ?', [a.serverUrl, a.userId]))
      .map((r) => [r.track_id, r]),
  );
  const fresh = wanted.filter((w) => {
    const e = existing.get(w.track.id);
    return !e || e.state === 'failed' || e.state === 'revoked';
  });
  const needed = fresh.reduce((n, w) => n + encryptedSize(w.sizeBytes), 0);
  const used = committedBytes(ctx);
  if (used + needed > limitBytes) {
    throw new EncoreError('STORAGE_LIMIT_REACHED', `Not enough room for offline downloads: ${mib(needed)} needed, ${mib(Math.max(0, limitBytes - used))} left of ${mib(limitBytes)}`, { usedBytes: used, neededBytes: needed, limitBytes });
  }
  const ids: string[] = wanted.filter((w) => !fresh.includes(w)).map((w) => existing.get(w.track.id)!.id);
  const covers = new Map<string, string | null>();
  for (const w of fresh) {
    const artworkHash = await coverOf(ctx, a, w.track.coverId ?? w.album?.coverId ?? null, covers);
    const meta: CatalogMeta = {
      albumId: w.track.albumId,
      albumArtist: w.album?.artistName ?? null,
      trackNumber: w.track.trackNumber,
      genres: w.track.genres.length > 0 ? w.track.genres : (w.album?.genres ?? []),
      isrc: w.track.isrc,
      year: w.track.releasedAt ? new Date(w.track.releasedAt).getUTCFullYear() : null,
    };
    const { licence, secret } = await withDevice(ctx, a, (deviceId) => ctx.api.grant(a, { deviceId, trackId: w.track.id, quality: w.quality }));
    const old = existing.get(w.track.id);
    const id = old?.id ?? randomUUID();
    const key = deriveFileKey({ secret, licenceId: licence.id, trackId: licence.trackId, quality: licence.quality });
    const wrapped = ctx.master.wrap(key, id);
    key.fill(0);
    const now = ctx.now();
    if (old) fs.rmSync(fileOf(ctx, id), { force: true });
    ctx.sql.write((wr) => {
      if (old) wr.run('DELETE FROM downloads WHERE id = ?', [id]);
      wr.run(
        `INSERT INTO downloads (id, server_url, user_id, track_id, quality, title, artist, album, duration_ms, group_kind, group_id, group_title, state,
           licence_id, offline_until, wrapped_key, codec, size_bytes, meta_json, artwork_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, a.serverUrl, a.userId, w.track.id, licence.quality, w.track.title, w.track.artistName, w.album?.title ?? (w.group?.kind === 'album' ? w.group.title : null), w.track.durationMs, w.group?.kind ?? null, w.group?.id ?? null, w.group?.title ?? null, licence.id, Date.parse(licence.offlineUntil), wrapped, licence.codec, licence.sizeBytes, JSON.stringify(meta), artworkHash, now, now],
      );
    });
    ids.push(id);
  }
  return ids;
}

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
