import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Disposable } from '../../../common/disposable';
import { FOLDER_COVER_NAMES } from './artworkStore';
import { AUDIO_EXTENSIONS } from './sniff';

export interface WatchBatch {
  /** Audio files added or changed (or whose sidecar lyrics or folder cover changed). */
  upserts: string[];
  /** Files and folders that disappeared. */
  removals: string[];
}

export interface FolderWatcherOptions {
  onBatch: (batch: WatchBatch) => Promise<void>;
  onError: (err: unknown) => void;
  /** Quiet time after the last event before a batch is handled. */
  debounceMs?: number;
  /**
   * Removals wait this long: a move arrives as unlink + add, and the add is late (it waits
   * for the copy to settle). Handling the add first lets the row keep its id and added date.
   */
  removalDelayMs?: number;
  /** Passed to chokidar; lower in tests. */
  stabilityMs?: number;
}

/**
 * Watches library folders with chokidar, chosen over bare `fs.watch`: recursive fs.watch on
 * Linux in Node 20 is a young JS emulation that misses folders created after start, and
 * chokidar adds what a library needs on every platform: `awaitWriteFinish` (a file being
 * copied in is not read half-written), atomic-save handling and one event vocabulary.
 * Events are coalesced into batches, so a 500-file copy is one transaction, not 500.
 *
 * @example
 * const w = new FolderWatcher({ onBatch: (b) => library.applyWatchBatch(b), onError: log.error });
 * w.add('/music');
 * await w.dispose();
 */
export class FolderWatcher implements Disposable {
  private watcher: FSWatcher | null = null;
  private readonly upserts = new Set<string>();
  private readonly removals = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly removalDelayMs: number;
  private disposed = false;

  constructor(private readonly o: FolderWatcherOptions) {
    this.debounceMs = o.debounceMs ?? 300;
    this.removalDelayMs = o.removalDelayMs ?? 1500;
  }

  /** Starts watching a folder; resolves once its initial crawl is done (events after that count). */
  add(folder: string): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (!this.watcher) {
      const stability = this.o.stabilityMs ?? 500;
      this.watcher = watch([], { ignoreInitial: true, followSymlinks: true, atomic: true, awaitWriteFinish: { stabilityThreshold: stability, pollInterval: Math.max(20, stability / 5) } });
      this.watcher.on('add', (p) => this.onFile(p));
      this.watcher.on('change', (p) => this.onFile(p));
      this.watcher.on('unlink', (p) => this.onGone(p, true));
      this.watcher.on('unlinkDir', (p) => this.onGone(p, false));
      this.watcher.on('error', (e) => this.o.onError(e));
    }
    const w = this.watcher;
    return new Promise((resolve) => {
      w.once('ready', () => resolve());
      w.add(folder);
    });
  }

  remove(folder: string): void {
    this.watcher?.unwatch(folder);
  }

  /** Resolves when every batch scheduled so far has been handled. */
  async idle(): Promise<void> {
    while (this.timer || this.upserts.size > 0 || this.removals.size > 0) await new Promise((r) => setTimeout(r, 25));
    await this.running;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.watcher?.close();
    this.watcher = null;
    await this.running;
  }

  private onFile(p: string): void {
    const ext = path.extname(p).toLowerCase();
    const base = path.basename(p).toLowerCase();
    if (AUDIO_EXTENSIONS.has(ext)) this.upserts.add(p);
    else if (ext === '.lrc') for (const f of this.siblings(p, (n) => path.basename(n, path.extname(n)) === path.basename(p, ext))) this.upserts.add(f);
    else if (FOLDER_COVER_NAMES.includes(base)) for (const f of this.siblings(p, () => true)) this.upserts.add(f);
    else return;
    this.schedule();
  }

  private onGone(p: string, isFile: boolean): void {
    const ext = path.extname(p).toLowerCase();
    if (isFile && ext === '.lrc') return this.onFile(p);
    if (isFile && !AUDIO_EXTENSIONS.has(ext)) return;
    this.upserts.delete(p);
    this.removals.set(p, Date.now());
    this.schedule();
  }

  /** Audio files in the same folder as `p` that pass `keep`. */
  private siblings(p: string, keep: (name: string) => boolean): string[] {
    try {
      return fs
        .readdirSync(path.dirname(p))
        .filter((n) => AUDIO_EXTENSIONS.has(path.extname(n).toLowerCase()) && keep(n))
        .map((n) => path.join(path.dirname(p), n));
    } catch {
      // The folder went away too; its unlinkDir event handles the tracks.
      return [];
    }
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  private flush(): void {
    this.timer = null;
    const now = Date.now();
    const upserts = [...this.upserts];
    this.upserts.clear();
    const removals: string[] = [];
    for (const [p, at] of this.removals) {
      if (now - at < this.removalDelayMs) continue;
      removals.push(p);
      this.removals.delete(p);
    }
    if (this.removals.size > 0) this.timer = setTimeout(() => this.flush(), this.removalDelayMs);
    if (upserts.length === 0 && removals.length === 0) return;
    this.running = this.running.then(() => this.o.onBatch({ upserts, removals }).catch((e: unknown) => this.o.onError(e)));
  }
}
