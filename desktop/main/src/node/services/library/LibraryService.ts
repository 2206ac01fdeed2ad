import fs from 'node:fs';
import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import { SmartRules, type FolderBrowse, type LibraryFolder, type LibraryTrack, type ScanProgress, type ScanSummary, type SearchResults, type SmartPlaylist } from '@encore/shared/host/library';
import type { Disposable } from '../../../common/disposable';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { EncoreDatabase } from '../../db/database';
import type { Logger } from '../../logger';
import { downloadOfTrack, recordCatalogPlay } from '../downloads/catalogLibrary';
import { albumLoudness } from './albumLoudness';
import { ArtworkStore, pickFolderCover } from './artworkStore';
import { browseFolders, defaultBrowseRoots } from './folderBrowser';
import { ArtworkThumbnails } from './thumbnails';
import * as browse from './browse';
import { LibrarySql, type SqlWriter } from './librarySql';
import { formatM3u, parseM3u, resolveM3uLocation } from './m3u';
import * as lists from './playlists';
import type { ReadOutcome } from './readProtocol';
import { scanFolders, type ScanOptions } from './scanner';
import { TrackReaders } from './trackReaders';
import { searchLibrary } from './search';
import { compileRules } from './smartRules';
import { TRACK_FROM, pageOfTracks, songOrder } from './trackRow';
import { recordBad, removePaths, upsertTrack } from './trackWrites';
import { isInside } from './walk';
import { FolderWatcher, type WatchBatch } from './watcher';

export interface LibraryServiceOptions {
  db: EncoreDatabase;
  /** Where content-addressed covers live: `<dataDir>/desktop/artwork`. */
  artworkDir: string;
  log: Logger;
  events?: HostEventBus;
  /** Watch the folders for changes (the host does; the CLI does not). */
  watch?: boolean;
  /** Rows per write transaction during a scan (small: each one holds the host's thread). */
  batchSize?: number;
  /** Files being read at once during a scan. */
  concurrency?: number;
  /** Reader threads for scans and watch events; 0 reads on the host's thread. */
  readers?: number;
  now?: () => number;
  /** Test hooks: faster watcher timings and a replaceable readdir. */
  watcherTimings?: { debounceMs?: number; removalDelayMs?: number; stabilityMs?: number };
  walkOptions?: ScanOptions['walkOptions'];
  /** Where the host-side folder picker may browse (default: home and attached disks). */
  browseRoots?: string[];
}

/**
 * The music library: folders, incremental scans, watching, browsing, search, likes and
 * plays, playlists and smart playlists. Scans and watch batches run one at a time; reads
 * are synchronous SQLite and never wait for them.
 *
 * @example
 * const library = new LibraryService({ db, artworkDir, log, events, watch: true });
 * const folder = library.addFolder('/home/me/Music');
 * await library.scan();
 * library.search('miles so').songs[0]?.title; // 'So What'
 */
export class LibraryService implements Disposable {
  readonly sql: LibrarySql;
  readonly artwork: ArtworkStore;
  /** Cover thumbnails for the album grid, served over /media/artwork/. */
  readonly thumbnails: ArtworkThumbnails;
  private readonly readers: TrackReaders;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly watcher: FolderWatcher | null;
  private readonly progressListeners = new Set<(p: ScanProgress) => void>();
  private readonly now: () => number;
  private readonly ready: Promise<void>;

  constructor(private readonly o: LibraryServiceOptions) {
    this.sql = new LibrarySql(o.db);
    this.artwork = new ArtworkStore(o.artworkDir);
    this.thumbnails = new ArtworkThumbnails(this.artwork);
    this.readers = new TrackReaders({ artwork: this.artwork, size: o.readers });
    this.now = o.now ?? Date.now;
    this.watcher = o.watch ? new FolderWatcher({ ...o.watcherTimings, onBatch: (b) => this.exclusive(() => this.applyWatchBatch(b)), onError: (err) => o.log.warn({ err }, 'library watcher error') }) : null;
    this.ready = Promise.all(this.folders().map((f) => this.watcher?.add(f.path))).then(() => undefined);
  }

  /** Resolves once the watcher has crawled every folder (immediately when not watching). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** True when the last scan stopped midway (the app was killed); {@link scan} resumes it. */
  interruptedScan(): boolean {
    return this.sql.read((r) => r.get<{ status: string }>('SELECT status FROM import_state WHERE id = 1'))?.status === 'running';
  }

  onProgress(listener: (p: ScanProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  folders(): LibraryFolder[] {
    return this.sql.read((r) =>
      r
        .all<{ id: number; path: string; added_at: number; last_scan_at: number | null; n: number }>('SELECT f.*, (SELECT count(*) FROM tracks t WHERE t.folder_id = f.id) AS n FROM library_folders f ORDER BY f.path')
        .map((f) => ({ id: f.id, path: f.path, addedAt: iso(f.added_at), lastScanAt: f.last_scan_at === null ? null : iso(f.last_scan_at), trackCount: f.n })),
    );
  }

  /** Adds a folder (resolved through symlinks); scanning is a separate step. */
  addFolder(dir: string): LibraryFolder {
    let real: string;
    try {
      real = fs.realpathSync(path.resolve(dir));
      if (!fs.statSync(real).isDirectory()) throw new Error('not a folder');
    } catch (e) {
      throw new EncoreError('NOT_FOUND', 'This folder does not exist or cannot be opened', { reason: (e as { code?: string }).code ?? 'not a folder' });
    }
    const existing = this.folders();
    const same = existing.find((f) => f.path === real);
    if (same) return same;
    const overlap = existing.find((f) => isInside(real, f.path) || isInside(f.path, real));
    if (overlap) throw new EncoreError('CONFLICT', 'This folder is inside (or contains) a library folder already', { folderId: overlap.id });
    this.sql.write((w) => w.run('INSERT INTO library_folders (path, added_at) VALUES (?, ?)', [real, this.now()]));
    void this.watcher?.add(real);
    this.changed('folders');
    return this.folders().find((f) => f.path === real)!;
  }

  /** Subfolders of `dir` for the in-app folder picker (browser mode), inside the browse roots only. */
  browseFolders(dir?: string, showHidden = false): FolderBrowse {
    return browseFolders(this.o.browseRoots ?? defaultBrowseRoots(), dir, showHidden);
  }

  /** The OS folder dialog, when the shell has one (Electron sets it); browser mode answers unsupported. */
  nativeFolderPicker: (() => Promise<string | null>) | null = null;

  async pickFolder(): Promise<{ supported: boolean; path: string | null }> {
    if (!this.nativeFolderPicker) return { supported: false, path: null };
    return { supported: true, path: await this.nativeFolderPicker() };
  }

  removeFolder(id: number): { removedTracks: number } {
    const folder = this.folders().find((f) => f.id === id);
    if (!folder) throw new EncoreError('NOT_FOUND', 'No such library folder');
    this.watcher?.remove(folder.path);
    const removedTracks = this.sql.write((w) => {
      const n = w.get<{ n: number }>('SELECT count(*) AS n FROM tracks WHERE folder_id = ?', [id])!.n;
      w.run('DELETE FROM library_folders WHERE id = ?', [id]);
      return n;
    });
    this.changed('folders');
    return { removedTracks };
  }

  /** Scans every folder (or one); waits for a scan already running, then runs its own. */
  scan(folderId?: number): Promise<ScanSummary> {
    return this.exclusive(async () => {
      const resumed = this.interruptedScan();
      const folders = this.folders().filter((f) => folderId === undefined || f.id === folderId);
      if (folderId !== undefined && folders.length === 0) throw new EncoreError('NOT_FOUND', 'No such library folder');
      const summary = await scanFolders({
        sql: this.sql,
        readers: this.readers,
        folders,
        batchSize: this.o.batchSize ?? 200,
        concurrency: this.o.concurrency ?? 8,
        resumed,
        now: this.now,
        walkOptions: this.o.walkOptions,
        onProgress: (p) => {
          for (const l of [...this.progressListeners]) l(p);
          this.o.events?.emit('library.scanProgress', p);
        },
      });
      this.o.log.info({ ...summary, skippedDirs: summary.skippedDirs.length }, 'library scan finished');
      this.changed('scan');
      return summary;
    });
  }

  /** Applies a batch of watcher events in one transaction (exposed for tests). */
  async applyWatchBatch(b: WatchBatch): Promise<void> {
    const folders = this.folders();
    const folderOf = (p: string) => folders.find((f) => isInside(p, f.path));
    const read = async (p: string): Promise<ReadOutcome> => {
      const cover = pickFolderCover(await fs.promises.readdir(path.dirname(p)).catch(() => []));
      return this.readers.read({ path: p, cover: cover ? path.join(path.dirname(p), cover) : null }).catch((e: Error) => ({ ok: false, reason: `cannot read: ${e.message}`, size: 0, mtimeMs: 0 }));
    };
    const reads = await Promise.all(b.upserts.filter((p) => folderOf(p) && fs.existsSync(p)).map(async (p) => ({ p, r: await read(p) })));
    const now = this.now();
    const writes = reads.map(({ p, r }) => {
      const folder = folderOf(p)!;
      if (!r.ok) return { bad: { folderId: folder.id, path: p, size: r.size, mtimeMs: r.mtimeMs, reason: r.reason } };
      return { track: { folderId: folder.id, folderPath: folder.path, record: r.track, artworkHash: r.artworkHash } };
    });
    this.sql.write((w) => {
      for (const item of writes) {
        if (item.track) upsertTrack(w, item.track, now);
        else if (item.bad) recordBad(w, item.bad, now);
      }
      for (const gone of b.removals.filter((p) => !fs.existsSync(p))) {
        const under = w.pluck<string>(`SELECT path FROM tracks WHERE path = ? OR substr(path, 1, ?) = ?`, [gone, gone.length + 1, gone + path.sep]);
        removePaths(w, [gone, ...under]);
      }
    });
    this.changed('watch');
  }

  /** Resolves when the watcher has handled every event seen so far. */
  async watchIdle(): Promise<void> {
    await this.watcher?.idle();
    await this.queue;
  }

  search(query: string, limit = 25): SearchResults {
    return this.sql.read((r) => searchLibrary(r, query, limit));
  }

  songs(q: Parameters<typeof browse.songs>[1]) {
    return this.sql.read((r) => browse.songs(r, q));
  }
  albums(q: Parameters<typeof browse.albums>[1]) {
    return this.sql.read((r) => browse.albums(r, q));
  }
  artists(q: Parameters<typeof browse.artists>[1]) {
    return this.sql.read((r) => browse.artists(r, q));
  }
  genres() {
    return this.sql.read((r) => browse.genres(r));
  }
  folder(folderId: number, dir: string) {
    return this.sql.read((r) => browse.folderListing(r, folderId, dir));
  }
  track(id: string): LibraryTrack {
    return this.sql.read((r) => browse.track(r, id));
  }
  albumLoudness(id: string) {
    return this.sql.read((r) => albumLoudness(r, id));
  }
  lyrics(id: string) {
    return this.sql.read((r) => browse.lyrics(r, id));
  }
  stats() {
    return this.sql.read((r) => browse.stats(r));
  }
  badFiles(offset: number, limit: number) {
    return this.sql.read((r) => ({
      total: r.get<{ n: number }>('SELECT count(*) AS n FROM bad_files')!.n,
      items: r
        .all<{ folder_id: number | null; path: string; reason: string; seen_at: number }>('SELECT * FROM bad_files ORDER BY path LIMIT ? OFFSET ?', [limit, offset])
        .map((b) => ({ folderId: b.folder_id, path: b.path, reason: b.reason, seenAt: iso(b.seen_at) })),
    }));
  }

  artworkBytes(hash: string): { mime: string; base64: string } {
    const a = this.artwork.get(hash);
    if (!a) throw new EncoreError('NOT_FOUND', 'No such artwork');
    return { mime: a.mime, base64: a.bytes.toString('base64') };
  }

  setLiked(id: string, liked: boolean): LibraryTrack {
    return this.withStats(id, (w) => w.run('INSERT INTO track_stats (hash, liked) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET liked = excluded.liked', [id, liked ? 1 : 0]));
  }

  setRating(id: string, rating: number): LibraryTrack {
    return this.withStats(id, (w) => w.run('INSERT INTO track_stats (hash, rating) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET rating = excluded.rating', [id, rating]));
  }

  /** Set by the downloads service: queued plays of catalog tracks are sent when it can. */
  onCatalogPlay: (() => void) | null = null;

  /**
   * One listen: history row, play count and last-played move together. A downloaded catalog
   * track's listen is also queued for the server in the same transaction (recordCatalogPlay),
   * so it is counted once there too, whichever view it was played from.
   */
  recordPlay(id: string, playedAt?: string, msPlayed?: number): LibraryTrack {
    const at = playedAt ? Date.parse(playedAt) : this.now();
    const catalog = this.sql.write((w) => {
      const download = downloadOfTrack(w, id);
      // Without a measured time (an older caller), the listen counts as the whole track.
      if (download) recordCatalogPlay(w, download, msPlayed ?? download.duration_ms ?? 0, at);
      return download !== undefined;
    });
    if (catalog) {
      this.onCatalogPlay?.();
      this.changed('stats');
      return this.track(id);
    }
    return this.withStats(id, (w) => {
      w.run('INSERT INTO plays (hash, played_at, ms_played) VALUES (?, ?, ?)', [id, at, msPlayed ?? null]);
      w.run('INSERT INTO track_stats (hash, play_count, last_played_at) VALUES (?, 1, ?) ON CONFLICT (hash) DO UPDATE SET play_count = play_count + 1, last_played_at = max(coalesce(last_played_at, 0), excluded.last_played_at)', [id, at]);
    });
  }

  history(offset: number, limit: number) {
    return this.sql.read((r) => {
      const rows = r.all<{ hash: string; played_at: number; ms_played: number | null }>('SELECT hash, played_at, ms_played FROM plays ORDER BY played_at DESC, id DESC LIMIT ? OFFSET ?', [limit, offset]);
      const tracks = browse.tracksByHash(r, rows.map((p) => p.hash));
      return {
        total: r.get<{ n: number }>('SELECT count(*) AS n FROM plays')!.n,
        items: rows.map((p) => ({ trackId: p.hash, playedAt: iso(p.played_at), msPlayed: p.ms_played, track: tracks.get(p.hash) ?? null })),
      };
    });
  }

  // Playlists ---------------------------------------------------------------------------

  playlists() {
    return this.sql.read((r) => lists.listPlaylists(r));
  }
  createPlaylist(name: string) {
    return this.writeLists((w) => lists.createPlaylist(w, name, this.now()));
  }
  renamePlaylist(id: number, name: string) {
    return this.writeLists((w) => lists.renamePlaylist(w, id, name, this.now()));
  }
  deletePlaylist(id: number) {
    return { deleted: this.writeLists((w) => lists.deletePlaylist(w, id)) };
  }
  playlistEntries(id: number) {
    return this.sql.read((r) => lists.playlistEntries(r, id));
  }
  addToPlaylist(id: number, trackIds: string[], position?: number) {
    return this.writeLists((w) => lists.addToPlaylist(w, id, trackIds, position, this.now()));
  }
  removeFromPlaylist(id: number, positions: number[]) {
    return this.writeLists((w) => lists.removeFromPlaylist(w, id, positions, this.now()));
  }
  movePlaylistEntry(id: number, from: number, to: number) {
    return this.writeLists((w) => lists.moveInPlaylist(w, id, from, to, this.now()));
  }

  /** Imports an M3U/M3U8 file: entries found in the library by path; others are reported. */
  importM3u(file: string, name?: string) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new EncoreError('NOT_FOUND', 'Cannot read this playlist file', { reason: (e as { code?: string }).code });
    }
    const items = parseM3u(text);
    const missing: string[] = [];
    const hashes: string[] = [];
    this.sql.read((r) => {
      for (const item of items) {
        const p = resolveM3uLocation(item.location, file);
        const real = p && fs.existsSync(p) ? fs.realpathSync(p) : p;
        const hash = real ? r.get<{ hash: string }>('SELECT hash FROM tracks WHERE path = ? OR path = ?', [real, p])?.hash : undefined;
        if (hash) hashes.push(hash);
        else missing.push(item.location);
      }
    });
    const playlist = this.writeLists((w) => {
      const created = lists.createPlaylist(w, name ?? path.basename(file, path.extname(file)), this.now());
      return hashes.length > 0 ? lists.addToPlaylist(w, created.id, hashes, undefined, this.now()) : created;
    });
    return { playlist, matched: hashes.length, missing };
  }

  /** Exports a playlist as M3U8 with paths relative to the file; entries not in the library are skipped. */
  exportM3u(id: number, file: string) {
    const entries = this.playlistEntries(id);
    const name = this.sql.read((r) => lists.getPlaylist(r, id)).name;
    const rows = this.sql.read((r) => new Map(entries.map((e) => [e.trackId, r.get<{ path: string }>('SELECT path FROM tracks WHERE hash = ? AND path IS NOT NULL ORDER BY id LIMIT 1', [e.trackId])?.path])));
    const items = entries.flatMap((e) => {
      const p = rows.get(e.trackId);
      return e.track && p ? [{ path: p, durationSec: e.track.durationSec, artists: e.track.artists, title: e.track.title }] : [];
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, formatM3u(items, file, name));
    return { written: items.length, skipped: entries.length - items.length };
  }

  // Smart playlists ----------------------------------------------------------------------

  smartPlaylists(): SmartPlaylist[] {
    return this.sql.read((r) => r.all<SmartRow>('SELECT * FROM smart_playlists ORDER BY name COLLATE NOCASE, id')).map(toSmart);
  }
  createSmart(name: string, rules: SmartRules): SmartPlaylist {
    const t = this.now();
    const id = this.writeLists((w) => Number(w.run('INSERT INTO smart_playlists (name, rules_json, created_at, updated_at) VALUES (?, ?, ?, ?)', [name, JSON.stringify(SmartRules.parse(rules)), t, t]).lastInsertRowid));
    return this.smart(id);
  }
  updateSmart(id: number, patch: { name?: string; rules?: SmartRules }): SmartPlaylist {
    const cur = this.smart(id);
    const rules = patch.rules ? SmartRules.parse(patch.rules) : cur.rules;
    this.writeLists((w) => w.run('UPDATE smart_playlists SET name = ?, rules_json = ?, updated_at = ? WHERE id = ?', [patch.name ?? cur.name, JSON.stringify(rules), this.now(), id]));
    return this.smart(id);
  }
  deleteSmart(id: number) {
    return { deleted: this.writeLists((w) => w.run('DELETE FROM smart_playlists WHERE id = ?', [id]).changes > 0) };
  }
  /** The tracks matching the rules right now: evaluated on every call, so always live. */
  smartTracks(id: number, offset: number, limit: number) {
    const { rules } = this.smart(id);
    const c = compileRules(rules, this.now());
    const cap = rules.limit ?? Number.MAX_SAFE_INTEGER;
    return this.sql.read((r) => {
      const total = Math.min(cap, r.get<{ n: number }>(`SELECT count(*) AS n FROM ${TRACK_FROM} WHERE ${c.where}`, c.params)!.n);
      const take = Math.max(0, Math.min(limit, cap - offset));
      const items = pageOfTracks(r, `WHERE ${c.where}`, c.params, songOrder(rules.sort, rules.order), take, offset);
      return { total, items };
    });
  }
  smart(id: number): SmartPlaylist {
    const row = this.sql.read((r) => r.get<SmartRow>('SELECT * FROM smart_playlists WHERE id = ?', [id]));
    if (!row) throw new EncoreError('NOT_FOUND', 'No such smart playlist');
    return toSmart(row);
  }

  async dispose(): Promise<void> {
    this.progressListeners.clear();
    await this.watcher?.dispose();
    await this.queue.catch(() => undefined);
    await this.readers.dispose();
  }

  private withStats(id: string, fn: (w: SqlWriter) => void): LibraryTrack {
    const track = this.sql.write((w) => {
      if (!w.get('SELECT 1 AS x FROM tracks WHERE hash = ? LIMIT 1', [id])) throw new EncoreError('TRACK_NOT_FOUND', 'No track with this id is in the library');
      fn(w);
      return browse.track(w, id);
    });
    this.changed('stats');
    return track;
  }

  private writeLists<T>(fn: (w: SqlWriter) => T): T {
    const v = this.sql.write(fn);
    this.changed('playlists');
    return v;
  }

  private changed(reason: 'scan' | 'watch' | 'folders' | 'stats' | 'playlists'): void {
    this.o.events?.emit('library.changed', { reason });
  }

  /** Runs scans and watch batches one after another, never two at once. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

interface SmartRow {
  id: number;
  name: string;
  rules_json: string;
  created_at: number;
  updated_at: number;
}

function toSmart(r: SmartRow): SmartPlaylist {
  return { id: r.id, name: r.name, rules: SmartRules.parse(JSON.parse(r.rules_json)), createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
