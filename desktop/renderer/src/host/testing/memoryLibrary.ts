import type { HostEvent, HostMethod } from '@encore/shared/host/contract';
import type { LibraryFolder, LibraryTrack, Playlist, SmartPlaylist, SmartRule, SmartRules, SongQuery } from '@encore/shared/host/library';
import type { SavedQueue } from '@encore/shared/host/media';
import type { TrackAnalysis, WaveformPeaks } from '@encore/shared/host/analysis';
import type { Result } from '@encore/shared/result';

type Handler = (params: never) => Result<unknown> | Promise<Result<unknown>>;

export interface MemoryTrackSeed extends Partial<LibraryTrack> {
  title: string;
  /** Synced lyrics as [ms, line] pairs, or plain text. */
  lyrics?: [number, string][] | string;
}

export interface MemoryLibrarySeed {
  tracks?: MemoryTrackSeed[];
  /** Folder paths that "exist" for library.folders.add, each with the tracks a scan finds. */
  disk?: Record<string, MemoryTrackSeed[]>;
  analysis?: Record<string, Partial<TrackAnalysis>>;
  savedQueue?: SavedQueue | null;
}

const hex = (n: number) => n.toString(16).padStart(64, '0');
const now = () => new Date().toISOString();
const norm = (s: string) => s.toLowerCase();

/**
 * The music library of the in-memory host: the `library.*`, `player.queue.*` and
 * `analysis.*` procedures over arrays, with the same paging, sorting, filters and grouped
 * search as the real host (simplified matching: every word a prefix of some word).
 *
 * @example
 * const memory = createMemoryHost({ library: { tracks: [{ title: 'So What', artists: ['Miles Davis'] }] } });
 */
export function createMemoryLibrary(emit: (event: HostEvent, payload: unknown) => void, seed: MemoryLibrarySeed = {}) {
  let seq = 0;
  const folders: LibraryFolder[] = [];
  const tracks: LibraryTrack[] = [];
  const lyrics = new Map<string, { text: string; lines: { timeMs: number; text: string }[] | null }>();
  const playlists: (Playlist & { entries: string[] })[] = [];
  const smart: SmartPlaylist[] = [];
  const files = new Map<string, string[]>(); // "exported" m3u8 files: path -> locations
  let savedQueue: SavedQueue | null = seed.savedQueue ?? null;
  const analysis = seed.analysis ?? {};
  const songsCache = new Map<string, LibraryTrack[]>();
  /** Bumped by every edit of a track, invalidating cached sorted views. */
  let edits = 0;

  const make = (s: MemoryTrackSeed, folderId: number): LibraryTrack => {
    const id = s.id ?? hex(++seq * 7919);
    if (s.lyrics) {
      const synced = Array.isArray(s.lyrics) ? s.lyrics.map(([timeMs, text]) => ({ timeMs, text })) : null;
      lyrics.set(id, { text: synced ? synced.map((l) => l.text).join('\n') : (s.lyrics as string), lines: synced });
    }
    const { lyrics: _l, ...rest } = s;
    return {
      id, folderId, relPath: `${s.album ?? 'Singles'}/${s.title}.flac`, format: 'flac', codec: 'flac', sizeBytes: 1_000_000, durationSec: 200,
      sampleRate: 44100, channels: 2, bitrate: 900_000, artists: ['Unknown Artist'], albumArtist: null, album: null, trackNo: null, trackOf: null,
      discNo: null, discOf: null, year: null, genres: [], composers: [], isrc: null,
      musicBrainz: { recordingId: null, trackId: null, albumId: null, artistIds: [], albumArtistIds: [], releaseGroupId: null },
      replayGain: { trackGainDb: null, trackPeak: null, albumGainDb: null, albumPeak: null }, artworkHash: null, hasLyrics: lyrics.has(id),
      addedAt: new Date(Date.UTC(2026, 0, 1) + tracks.length * 60_000).toISOString(), liked: false, rating: 0, playCount: 0, lastPlayedAt: null,
      ...rest,
    };
  };
  if (seed.tracks?.length) {
    folders.push({ id: 1, path: '/home/mira/Music', addedAt: now(), lastScanAt: now(), trackCount: seed.tracks.length });
    for (const t of seed.tracks) tracks.push(make(t, 1));
  }

  const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
  const notFound = (message: string): Result<unknown> => ({ ok: false, error: { code: 'NOT_FOUND', message } });
  const byId = (id: string) => tracks.find((t) => t.id === id);
  const words = (q: string) => norm(q).split(/\s+/).filter(Boolean);
  const matches = (t: LibraryTrack, ws: string[]) => {
    const hay = norm([t.title, ...t.artists, t.album ?? '', t.albumArtist ?? '', ...t.genres].join(' ')).split(/[^\p{L}\p{N}]+/u);
    return ws.every((w) => hay.some((h) => h.startsWith(w)));
  };
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null || a === undefined ? 1 : b === null || b === undefined ? -1 : String(a).localeCompare(String(b), undefined, { numeric: typeof a === 'number' }));
  const albumKey = (t: LibraryTrack) => [norm(t.album ?? ''), t.discNo ?? 1, t.trackNo ?? 0] as const;
  const byAlbum = (a: LibraryTrack, b: LibraryTrack) => {
    const [x, y] = [albumKey(a), albumKey(b)];
    return x[0].localeCompare(y[0]) || x[1] - y[1] || x[2] - y[2] || a.title.localeCompare(b.title);
  };
  const sortTracks = (list: LibraryTrack[], sort: NonNullable<SongQuery['sort']>, order: 'asc' | 'desc') => {
    const d = order === 'desc' ? -1 : 1;
    const field: Record<string, (t: LibraryTrack) => unknown> = { title: (t) => norm(t.title), artist: (t) => norm(t.artists.join(', ')), year: (t) => t.year, addedAt: (t) => t.addedAt, playCount: (t) => t.playCount, lastPlayedAt: (t) => t.lastPlayedAt, duration: (t) => t.durationSec, rating: (t) => t.rating };
    return [...list].sort((a, b) => (sort === 'album' ? byAlbum(a, b) : d * cmp(field[sort]!(a), field[sort]!(b)) || byAlbum(a, b)));
  };
  const page = <T,>(items: T[], offset: number, limit: number) => ({ items: items.slice(offset, offset + limit), total: items.length });
  const albums = () => {
    const map = new Map<string, { album: string; albumArtist: string | null; year: number | null; trackCount: number; durationSec: number; artworkHash: string | null; addedAt: string; plays: number }>();
    for (const t of tracks) {
      if (!t.album) continue;
      const artist = t.albumArtist ?? t.artists[0] ?? null;
      const key = `${norm(t.album)}\u0000${norm(artist ?? '')}`;
      const a = map.get(key) ?? { album: t.album, albumArtist: artist, year: t.year, trackCount: 0, durationSec: 0, artworkHash: t.artworkHash, addedAt: t.addedAt, plays: 0 };
      a.trackCount++;
      a.durationSec += t.durationSec ?? 0;
      a.plays += t.playCount;
      map.set(key, a);
    }
    return [...map.values()];
  };
  const artists = () => {
    const map = new Map<string, { name: string; trackCount: number; albums: Set<string> }>();
    for (const t of tracks)
      for (const name of t.artists) {
        const a = map.get(norm(name)) ?? { name, trackCount: 0, albums: new Set<string>() };
        a.trackCount++;
        if (t.album) a.albums.add(t.album);
        map.set(norm(name), a);
      }
    return [...map.values()].map((a) => ({ name: a.name, trackCount: a.trackCount, albumCount: a.albums.size }));
  };
  const ruleMatch = (t: LibraryTrack, r: SmartRule): boolean => {
    const num = (v: number, op: string, x: number) => (op === 'eq' ? v === x : op === 'gte' ? v >= x : v <= x);
    switch (r.field) {
      case 'genre':
        return r.op === 'isNot' ? !t.genres.some((g) => norm(g) === norm(r.value)) : t.genres.some((g) => (r.op === 'is' ? norm(g) === norm(r.value) : norm(g).includes(norm(r.value))));
      case 'artist':
        return t.artists.some((a) => (r.op === 'is' ? norm(a) === norm(r.value) : norm(a).includes(norm(r.value))));
      case 'year':
        return t.year !== null && num(t.year, r.op, r.value);
      case 'rating':
        return num(t.rating, r.op, r.value);
      case 'plays':
        return num(t.playCount, r.op, r.value);
      case 'addedAt': {
        const inside = Date.now() - Date.parse(t.addedAt) <= r.value * 86_400_000;
        return r.op === 'inLastDays' ? inside : !inside;
      }
      case 'liked':
        return t.liked === r.value;
    }
  };
  const smartTracks = (rules: SmartRules) => {
    const hit = tracks.filter((t) => (rules.match === 'any' ? rules.rules.some((r) => ruleMatch(t, r)) : rules.rules.every((r) => ruleMatch(t, r))));
    const sorted = sortTracks(hit, rules.sort, rules.order);
    return rules.limit ? sorted.slice(0, rules.limit) : sorted;
  };
  const summary = (p: (typeof playlists)[number]): Playlist => ({ id: p.id, name: p.name, entryCount: p.entries.length, createdAt: p.createdAt, updatedAt: p.updatedAt });
  const playlist = (id: number) => playlists.find((p) => p.id === id);
  const touch = (p: (typeof playlists)[number]) => {
    p.updatedAt = now();
    emit('library.changed', { reason: 'playlists' });
    return ok(summary(p));
  };

  const handlers: { [M in HostMethod]?: Handler } = {
    'library.folders.list': () => ok(folders.map((f) => ({ ...f, trackCount: tracks.filter((t) => t.folderId === f.id).length }))),
    'library.folders.add': ({ path }: { path: string }) => {
      if (!seed.disk?.[path]) return notFound('This folder does not exist or cannot be opened');
      const existing = folders.find((f) => f.path === path);
      if (existing) return ok(existing);
      const f = { id: folders.length + 1, path, addedAt: now(), lastScanAt: null, trackCount: 0 };
      folders.push(f);
      emit('library.changed', { reason: 'folders' });
      return ok(f);
    },
    // The fake disk's folders (the `disk` seed's paths and their parents) under one root, '/home/mira'.
    'library.folders.browse': ({ path }: { path?: string }) => {
      const root = '/home/mira';
      const dir = (path ?? root).replace(/\/+$/, '') || '/';
      if (dir !== root && !dir.startsWith(`${root}/`)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Only folders in your home folder or on attached disks can be browsed' } };
      const known = new Set<string>([root]);
      for (const p of Object.keys(seed.disk ?? {})) for (let d = p; d.startsWith(root); d = d.slice(0, d.lastIndexOf('/'))) known.add(d);
      if (!known.has(dir)) return notFound('This folder does not exist');
      const entries = [...known].filter((d) => d.slice(0, d.lastIndexOf('/')) === dir).sort().map((d) => ({ name: d.slice(d.lastIndexOf('/') + 1), path: d }));
      return ok({ path: dir, parent: dir === root ? null : dir.slice(0, dir.lastIndexOf('/')), roots: [{ name: 'Home', path: root }], entries, truncated: false, audioFiles: seed.disk?.[dir]?.length ?? 0 });
    },
    'library.folders.pick': () => ok({ supported: false, path: null }),
    'library.folders.remove': ({ id }: { id: number }) => {
      const before = tracks.length;
      for (let i = tracks.length - 1; i >= 0; i--) if (tracks[i]!.folderId === id) tracks.splice(i, 1);
      folders.splice(folders.findIndex((f) => f.id === id), 1);
      return ok({ removedTracks: before - tracks.length });
    },
    'library.scan': async () => {
      let added = 0;
      for (const f of folders) {
        const found = seed.disk?.[f.path] ?? [];
        emit('library.scanProgress', { phase: 'walking', found: found.length, processed: 0, bad: 0 });
        for (const [i, s] of found.entries()) {
          if (!tracks.some((t) => t.folderId === f.id && t.title === s.title)) {
            tracks.push(make(s, f.id));
            added++;
          }
          emit('library.scanProgress', { phase: 'reading', found: found.length, processed: i + 1, bad: 0 });
          await new Promise((r) => setTimeout(r, 5));
        }
        f.lastScanAt = now();
      }
      emit('library.scanProgress', { phase: 'done', found: added, processed: added, bad: 0 });
      emit('library.changed', { reason: 'scan' });
      return ok({ scanned: added, added, updated: 0, moved: 0, removed: 0, unchanged: 0, bad: 0, skippedDirs: [], resumed: false, seconds: 0.1 });
    },
    'library.stats': () => ok({ folders: folders.length, tracks: tracks.length, albums: albums().length, artists: artists().length, genres: new Set(tracks.flatMap((t) => t.genres)).size, totalDurationSec: tracks.reduce((n, t) => n + (t.durationSec ?? 0), 0), totalBytes: 0, badFiles: 0, liked: tracks.filter((t) => t.liked).length, plays: 0, formats: {} }),
    'library.search': ({ query, limit }: { query: string; limit: number }) => {
      const ws = words(query);
      const songs = ws.length ? tracks.filter((t) => matches(t, ws)).slice(0, limit) : [];
      const al = ws.length ? albums().filter((a) => ws.every((w) => norm(`${a.album} ${a.albumArtist ?? ''}`).split(/\s+/).some((h) => h.startsWith(w)))).slice(0, limit) : [];
      const ar = ws.length ? artists().filter((a) => ws.every((w) => norm(a.name).split(/\s+/).some((h) => h.startsWith(w)))).slice(0, limit) : [];
      return ok({ query, songs, albums: al.map(({ plays: _p, ...a }) => a), artists: ar });
    },
    'library.songs': (q: Required<SongQuery> & { filter: NonNullable<SongQuery['filter']> }) => {
      // Sorted views are cached until the tracks change, so paging a 100k library stays cheap.
      const key = JSON.stringify([q.sort, q.order, q.filter, tracks.length, edits]);
      const hit = songsCache.get(key);
      if (hit) return ok(page(hit, q.offset, q.limit));
      const f = q.filter;
      const ws = f.text ? words(f.text) : [];
      const list = tracks.filter(
        (t) =>
          (!f.artist || t.artists.some((a) => norm(a) === norm(f.artist!))) &&
          (!f.album || norm(t.album ?? '') === norm(f.album)) &&
          (!f.albumArtist || norm(t.albumArtist ?? t.artists[0] ?? '') === norm(f.albumArtist)) &&
          (!f.genre || t.genres.some((g) => norm(g) === norm(f.genre!))) &&
          (f.liked === undefined || t.liked === f.liked) &&
          (f.minRating === undefined || t.rating >= f.minRating) &&
          (!ws.length || matches(t, ws)),
      );
      const sorted = sortTracks(list, q.sort, q.order);
      songsCache.clear();
      songsCache.set(key, sorted);
      return ok(page(sorted, q.offset, q.limit));
    },
    'library.albums': (q: { sort: string; order: 'asc' | 'desc'; filter: { artist?: string; genre?: string }; offset: number; limit: number }) => {
      let list = albums();
      if (q.filter.artist) list = list.filter((a) => norm(a.albumArtist ?? '') === norm(q.filter.artist!));
      const d = q.order === 'desc' ? -1 : 1;
      const key: Record<string, (a: (typeof list)[number]) => unknown> = { album: (a) => norm(a.album), albumArtist: (a) => norm(a.albumArtist ?? ''), year: (a) => a.year, addedAt: (a) => a.addedAt, playCount: (a) => a.plays };
      list.sort((a, b) => d * cmp(key[q.sort]!(a), key[q.sort]!(b)) || a.album.localeCompare(b.album));
      return ok(page(list.map(({ plays: _p, ...a }) => a), q.offset, q.limit));
    },
    'library.artists': (q: { sort: 'name' | 'trackCount'; order: 'asc' | 'desc'; offset: number; limit: number }) => {
      const d = q.order === 'desc' ? -1 : 1;
      const list = artists().sort((a, b) => d * (q.sort === 'name' ? a.name.localeCompare(b.name) : a.trackCount - b.trackCount));
      return ok(page(list, q.offset, q.limit));
    },
    'library.genres': () => {
      const map = new Map<string, number>();
      for (const t of tracks) for (const g of t.genres) map.set(g, (map.get(g) ?? 0) + 1);
      return ok([...map].map(([name, trackCount]) => ({ name, trackCount })).sort((a, b) => a.name.localeCompare(b.name)));
    },
    'library.folder': ({ folderId, dir }: { folderId: number; dir: string }) => {
      const inFolder = tracks.filter((t) => t.folderId === folderId);
      const dirOf = (t: LibraryTrack) => t.relPath.split('/').slice(0, -1).join('/');
      const prefix = dir ? `${dir}/` : '';
      const subdirs = new Map<string, number>();
      for (const t of inFolder) {
        const d = dirOf(t);
        if (d !== dir && d.startsWith(prefix)) {
          const name = d.slice(prefix.length).split('/')[0]!;
          subdirs.set(name, (subdirs.get(name) ?? 0) + 1);
        }
      }
      return ok({ folderId, dir, subdirs: [...subdirs].map(([name, trackCount]) => ({ name, trackCount })), tracks: inFolder.filter((t) => dirOf(t) === dir).sort(byAlbum) });
    },
    'library.track': ({ id }: { id: string }) => (byId(id) ? ok(byId(id)) : notFound('No such track')),
    'library.lyrics': ({ id }: { id: string }) => ok(lyrics.get(id) ?? null),
    'library.artwork': () => notFound('No artwork'),
    'library.setLiked': ({ id, liked }: { id: string; liked: boolean }) => {
      const t = byId(id);
      if (!t) return notFound('No such track');
      t.liked = liked;
      edits++;
      return ok(t);
    },
    'library.setRating': ({ id, rating }: { id: string; rating: number }) => {
      const t = byId(id);
      if (!t) return notFound('No such track');
      t.rating = rating;
      edits++;
      return ok(t);
    },
    'library.recordPlay': ({ id }: { id: string }) => {
      const t = byId(id);
      if (!t) return notFound('No such track');
      t.playCount++;
      edits++;
      t.lastPlayedAt = now();
      return ok(t);
    },
    'library.history': () => ok({ items: [], total: 0 }),
    'library.playlists.list': () => ok(playlists.map(summary)),
    'library.playlists.create': ({ name }: { name: string }) => {
      const p = { id: playlists.length + 1, name, entryCount: 0, createdAt: now(), updatedAt: now(), entries: [] as string[] };
      playlists.push(p);
      return touch(p);
    },
    'library.playlists.rename': ({ id, name }: { id: number; name: string }) => {
      const p = playlist(id);
      if (!p) return notFound('No such playlist');
      p.name = name;
      return touch(p);
    },
    'library.playlists.delete': ({ id }: { id: number }) => {
      const i = playlists.findIndex((p) => p.id === id);
      if (i >= 0) playlists.splice(i, 1);
      emit('library.changed', { reason: 'playlists' });
      return ok({ deleted: i >= 0 });
    },
    'library.playlists.entries': ({ id }: { id: number }) => {
      const p = playlist(id);
      return p ? ok(p.entries.map((trackId, position) => ({ position, trackId, track: byId(trackId) ?? null }))) : notFound('No such playlist');
    },
    'library.playlists.add': ({ id, trackIds, position }: { id: number; trackIds: string[]; position?: number }) => {
      const p = playlist(id);
      if (!p) return notFound('No such playlist');
      p.entries.splice(position ?? p.entries.length, 0, ...trackIds);
      return touch(p);
    },
    'library.playlists.remove': ({ id, positions }: { id: number; positions: number[] }) => {
      const p = playlist(id);
      if (!p) return notFound('No such playlist');
      p.entries = p.entries.filter((_, i) => !positions.includes(i));
      return touch(p);
    },
    'library.playlists.move': ({ id, from, to }: { id: number; from: number; to: number }) => {
      const p = playlist(id);
      if (!p) return notFound('No such playlist');
      const [e] = p.entries.splice(from, 1);
      if (e) p.entries.splice(to, 0, e);
      return touch(p);
    },
    'library.playlists.importM3u': ({ path, name }: { path: string; name?: string }) => {
      const lines = files.get(path);
      if (!lines) return notFound('No such file');
      const ids = lines.map((l) => tracks.find((t) => l.endsWith(t.relPath))?.id).filter((x): x is string => !!x);
      const p = { id: playlists.length + 1, name: name ?? path.split('/').pop()!.replace(/\.m3u8?$/, ''), entryCount: 0, createdAt: now(), updatedAt: now(), entries: ids };
      playlists.push(p);
      touch(p);
      return ok({ playlist: summary(p), matched: ids.length, missing: lines.filter((l) => !tracks.some((t) => l.endsWith(t.relPath))) });
    },
    'library.playlists.exportM3u': ({ id, path }: { id: number; path: string }) => {
      const p = playlist(id);
      if (!p) return notFound('No such playlist');
      files.set(path, p.entries.map((e) => `/home/mira/Music/${byId(e)?.relPath ?? e}`));
      return ok({ written: p.entries.length, skipped: 0 });
    },
    'library.smart.list': () => ok(smart),
    'library.smart.create': ({ name, rules }: { name: string; rules: SmartRules }) => {
      const s = { id: smart.length + 1, name, rules, createdAt: now(), updatedAt: now() };
      smart.push(s);
      emit('library.changed', { reason: 'playlists' });
      return ok(s);
    },
    'library.smart.update': ({ id, name, rules }: { id: number; name?: string; rules?: SmartRules }) => {
      const s = smart.find((x) => x.id === id);
      if (!s) return notFound('No such smart playlist');
      Object.assign(s, name ? { name } : {}, rules ? { rules } : {}, { updatedAt: now() });
      emit('library.changed', { reason: 'playlists' });
      return ok(s);
    },
    'library.smart.delete': ({ id }: { id: number }) => {
      const i = smart.findIndex((x) => x.id === id);
      if (i >= 0) smart.splice(i, 1);
      return ok({ deleted: i >= 0 });
    },
    'library.smart.tracks': ({ id, offset, limit }: { id: number; offset: number; limit: number }) => {
      const s = smart.find((x) => x.id === id);
      return s ? ok(page(smartTracks(s.rules), offset, limit)) : notFound('No such smart playlist');
    },
    'player.queue.load': () => ok(savedQueue),
    'player.queue.save': (q: SavedQueue) => {
      savedQueue = q;
      return ok({ savedAt: now() });
    },
    'analysis.track': ({ id }: { id: string }) => {
      const a = analysis[id];
      return ok(a ? { trackId: id, durationSec: null, integratedLufs: null, loudnessRangeLu: null, truePeakDbtp: null, bpm: null, bpmConfidence: null, key: null, keyConfidence: null, analysedAt: now(), error: null, ...a } : null);
    },
    'library.albumLoudness': ({ id }: { id: string }) => {
      // The host's rule (albumLoudness.ts): duration-weighted mean energy of the measured tracks.
      const me = byId(id);
      if (!me) return notFound('No such track');
      if (!me.album) return ok(null);
      const mine = tracks.filter((t) => t.album === me.album && t.albumArtist === me.albumArtist);
      const measured = mine.flatMap((t) => {
        const a = analysis[t.id];
        const sec = a?.durationSec ?? t.durationSec ?? 0;
        return typeof a?.integratedLufs === 'number' && sec > 0 ? [{ sec, lufs: a.integratedLufs, tp: a.truePeakDbtp ?? null }] : [];
      });
      if (measured.length === 0) return ok(null);
      const seconds = measured.reduce((s, m) => s + m.sec, 0);
      const energy = measured.reduce((s, m) => s + m.sec * 10 ** (m.lufs / 10), 0);
      const peaks = measured.flatMap((m) => (m.tp === null ? [] : [m.tp]));
      return ok({ album: me.album, albumArtist: me.albumArtist, integratedLufs: 10 * Math.log10(energy / seconds), truePeakDbtp: peaks.length ? Math.max(...peaks) : null, tracks: mine.length, measured: measured.length });
    },
    'analysis.peaks': ({ id, buckets }: { id: string; buckets: number }): Result<WaveformPeaks | null> => {
      if (!analysis[id]) return ok(null) as Result<WaveformPeaks | null>;
      const n = Math.min(buckets, 400);
      const max = Array.from({ length: n }, (_, i) => Math.round(40 + 80 * Math.abs(Math.sin(i / 9) * Math.cos(i / 23))));
      return ok({ trackId: id, buckets: n, min: max.map((m) => -m), max }) as Result<WaveformPeaks | null>;
    },
  };

  return {
    handlers,
    tracks,
    playlists,
    /** A file the fake disk holds, for M3U8 import tests. */
    writeM3u: (path: string, locations: string[]) => files.set(path, locations),
    readM3u: (path: string) => files.get(path),
    get savedQueue() {
      return savedQueue;
    },
  };
}
export type MemoryLibrary = ReturnType<typeof createMemoryLibrary>;
