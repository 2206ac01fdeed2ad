import path from 'node:path';
import { EncoreError } from '@encore/shared/errors';
import type { ScanProgress, ScanSummary } from '@encore/shared/host/library';
import { pickFolderCover } from './artworkStore';
import type { LibrarySql } from './librarySql';
import type { ReadOutcome } from './readProtocol';
import type { TrackReaders } from './trackReaders';
import { recordBad, removePaths, upsertTrack, type BadWrite, type TrackWrite } from './trackWrites';
import { isInside, walk, type SkippedDir, type WalkOptions } from './walk';

export interface ScanFolder {
  id: number;
  path: string;
}

export interface ScanOptions {
  sql: LibrarySql;
  /** Reads files and stores their pictures, off the host's event loop. */
  readers: TrackReaders;
  folders: readonly ScanFolder[];
  /** Rows per write transaction. */
  batchSize: number;
  /** Files being read at once (across the reader threads). */
  concurrency: number;
  resumed: boolean;
  onProgress?: (p: ScanProgress) => void;
  walkOptions?: Pick<WalkOptions, 'readdir'>;
  now?: () => number;
}

type Done = { folder: ScanFolder; result: ReadOutcome; path: string };

/**
 * Scans folders incrementally: files whose size and mtime match the database are skipped
 * without being opened; the rest are read a few at a time by the reader threads (hashing and
 * tag parsing never run on the host's event loop) and written here, on the database's
 * thread, in transactions of `batchSize`. A bad file is recorded with its
 * reason and the scan goes on. Files no longer on disk are removed at the end, except under
 * folders that could not be read this time (an unmounted disk must not empty the library).
 * Each batch commits with the scan's progress, so after a crash a new scan skips what was
 * done and resumes where it stopped.
 *
 * @example
 * const summary = await scanFolders({ sql, readers, folders, batchSize: 200, concurrency: 8, resumed: false });
 */
export async function scanFolders(o: ScanOptions): Promise<ScanSummary> {
  try {
    return await scan(o);
  } catch (e) {
    // Nothing is recorded as bad for want of space: the scan stops, its state stays 'running',
    // and the next scan resumes once there is room.
    if (isDiskFull(e)) throw new EncoreError('STORAGE_LIMIT_REACHED', 'The disk holding Encore’s data is full. Free some space, then scan again: the import resumes where it stopped.', { reason: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

/** ENOSPC/EDQUOT from a write (here or in a reader thread), or SQLite's SQLITE_FULL. */
export function isDiskFull(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return err?.code === 'ENOSPC' || err?.code === 'EDQUOT' || err?.code === 'SQLITE_FULL' || /ENOSPC|EDQUOT|no space left on device|database or disk is full/i.test(err?.message ?? '');
}

async function scan(o: ScanOptions): Promise<ScanSummary> {
  const started = performance.now();
  const now = o.now ?? Date.now;
  const summary: ScanSummary = { scanned: 0, added: 0, updated: 0, moved: 0, removed: 0, unchanged: 0, bad: 0, skippedDirs: [], resumed: o.resumed, seconds: 0 };
  const progress: ScanProgress = { phase: 'walking', found: 0, processed: 0, bad: 0 };
  let lastEmit = 0;
  const emit = (force = false) => {
    const t = performance.now();
    if (!force && t - lastEmit < 200) return;
    lastEmit = t;
    o.onProgress?.({ ...progress });
  };

  o.sql.write((w) => w.run(`INSERT OR REPLACE INTO import_state (id, status, folder_ids_json, started_at, finished_at, processed) VALUES (1, 'running', ?, ?, NULL, 0)`, [JSON.stringify(o.folders.map((f) => f.id)), now()]));

  let pending: Done[] = [];
  /** The first disk-full error: the scan stops taking work and rethrows it. */
  let stop: unknown = null;
  const flush = () => {
    if (pending.length === 0 || stop) return;
    const batch = pending;
    pending = [];
    // The readers stored each picture before replying: rows only ever name pictures on disk.
    const writes: (TrackWrite | BadWrite)[] = batch.map((d) =>
      d.result.ok
        ? { folderId: d.folder.id, folderPath: d.folder.path, record: d.result.track, artworkHash: d.result.artworkHash }
        : { folderId: d.folder.id, path: d.path, size: d.result.size, mtimeMs: d.result.mtimeMs, reason: d.result.reason },
    );
    const t = now();
    o.sql.write((w) => {
      for (const item of writes) {
        if ('record' in item) summary[upsertTrack(w, item, t)]++;
        else {
          recordBad(w, item, t);
          summary.bad++;
        }
      }
      w.run('UPDATE import_state SET processed = processed + ? WHERE id = 1', [batch.length]);
    });
    progress.processed += batch.length;
    progress.bad = summary.bad;
    emit();
  };

  for (const folder of o.folders) {
    const known = new Map(o.sql.read((r) => r.all<{ path: string; size: number; mtime_ms: number }>('SELECT path, size, mtime_ms FROM tracks WHERE folder_id = ?', [folder.id])).map((k) => [k.path, k]));
    const knownBad = new Map(o.sql.read((r) => r.all<{ path: string; size: number; mtime_ms: number }>('SELECT path, size, mtime_ms FROM bad_files WHERE folder_id = ?', [folder.id])).map((k) => [k.path, k]));
    const seen = new Set<string>();
    const skipped: SkippedDir[] = [];
    const inflight = new Set<Promise<void>>();

    for await (const dir of walk(folder.path, { ...o.walkOptions, onSkip: (s) => skipped.push(s) })) {
      const coverName = pickFolderCover(dir.names);
      const cover = coverName ? path.join(dir.dir, coverName) : null;
      const dirNames = dir.names.some((n) => n.toLowerCase().endsWith('.lrc')) ? dir.names : [];
      for (const f of dir.files) {
        seen.add(f.path);
        progress.found++;
        const k = known.get(f.path) ?? knownBad.get(f.path);
        if (k && k.size === f.size && k.mtime_ms === f.mtimeMs) {
          summary.unchanged++;
          progress.processed++;
          continue;
        }
        summary.scanned++;
        const p: Promise<void> = o.readers
          .read({ path: f.path, stat: { size: f.size, mtimeMs: f.mtimeMs }, dirNames, cover })
          // A reader thread that died takes only this file with it; a full disk stops the scan.
          .catch((e: Error): ReadOutcome | null => (isDiskFull(e) ? ((stop ??= e), null) : { ok: false, reason: `cannot read: ${e.message}`, size: f.size, mtimeMs: f.mtimeMs }))
          .then((result) => {
            inflight.delete(p);
            if (!result || stop) return;
            pending.push({ folder, result, path: f.path });
            if (pending.length >= o.batchSize) flush();
          })
          .catch((e: unknown) => void (stop ??= e));
        inflight.add(p);
        // Back-pressure: the walk never runs far ahead of the readers.
        if (inflight.size >= o.concurrency) await Promise.race(inflight);
        if (stop) {
          await Promise.allSettled(inflight);
          throw stop;
        }
      }
      progress.phase = 'reading';
      emit();
    }
    await Promise.all(inflight);
    flush();
    if (stop) throw stop;

    progress.phase = 'removing';
    emit(true);
    const unreadable = skipped.filter((s) => s.reason.startsWith('unreadable')).map((s) => s.path);
    const gone = [...known.keys(), ...knownBad.keys()].filter((p) => !seen.has(p) && !unreadable.some((d) => isInside(p, d)));
    for (let i = 0; i < gone.length; i += o.batchSize) {
      const slice = gone.slice(i, i + o.batchSize);
      summary.removed += o.sql.write((w) => removePaths(w, slice));
    }
    o.sql.write((w) => {
      w.run('UPDATE library_folders SET last_scan_at = ? WHERE id = ?', [now(), folder.id]);
      for (const s of skipped) recordBad(w, { folderId: folder.id, path: s.path, size: 0, mtimeMs: 0, reason: s.reason }, now());
    });
    summary.skippedDirs.push(...skipped);
  }
  o.sql.write((w) => w.run(`UPDATE import_state SET status = 'done', finished_at = ? WHERE id = 1`, [now()]));
  progress.phase = 'done';
  emit(true);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

export { storeCoverFile } from './coverFile';
