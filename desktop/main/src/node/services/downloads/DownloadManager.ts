import fs from 'node:fs';
import { EncoreError } from '@encore/shared/errors';
import { MIN_STORAGE_LIMIT, type Download, type DownloadRequest, type DownloadStorage } from '@encore/shared/host/downloads';
import type { Disposable } from '../../../common/disposable';
import { fileOf, type DownloadsContext } from './context';
import { encryptedSize } from './crypto/chunkedFile';
import { DEFAULT_BACKOFF, retryDelay, type Backoff } from './backoff';
import { bytesOnDisk, toDownload, type DownloadRow } from './downloadRows';
import { enqueue, resolveRequest } from './enqueue';
import { isRetryable } from './licenceApi';
import { transfer } from './transfer';

export interface DownloadManagerOptions {
  /** Transfers at once. */
  concurrency?: number;
  backoff?: Backoff;
  checkpointBytes?: number;
  /** Default storage limit until the user sets one. */
  defaultLimitBytes?: number;
  /** Called with the items that changed (progress at most every `progressMs` per item). */
  onChange?(items: Download[], storage: DownloadStorage): void;
  /** A download finished, was removed or revoked: what the library holds may have changed. */
  onSettled?(): void;
  progressMs?: number;
}

const REVOKING = new Set(['LICENCE_REVOKED', 'LICENCE_NOT_FOUND', 'ENTITLEMENT_REQUIRED', 'TRACK_NOT_FOUND', 'DEVICE_NOT_FOUND']);

/**
 * The download queue: grants licences, runs transfers (a few at once), pauses, resumes after a
 * restart (rows left `downloading` are queued again and continue from their last checkpoint),
 * retries failures with exponential backoff, and enforces the storage limit. Every state lives
 * in SQLite; the in-memory part is only the running transfers and one timer.
 *
 * @example
 * const m = new DownloadManager(ctx, { concurrency: 2 });
 * await m.add({ kind: 'album', albumId, quality: 'high' });
 * m.pause([id]); m.resume([id]);
 */
export class DownloadManager implements Disposable {
  private readonly running = new Map<string, { ctl: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private lastEmit = new Map<string, number>();
  private disposed = false;
  private readonly o: Required<Omit<DownloadManagerOptions, 'onChange' | 'onSettled'>> & Pick<DownloadManagerOptions, 'onChange' | 'onSettled'>;

  constructor(
    private readonly ctx: DownloadsContext,
    options: DownloadManagerOptions = {},
  ) {
    this.o = { concurrency: 2, backoff: DEFAULT_BACKOFF, checkpointBytes: 1024 * 1024, defaultLimitBytes: 10 * 1024 ** 3, progressMs: 250, ...options };
    fs.mkdirSync(ctx.dir, { recursive: true, mode: 0o700 });
    // A transfer cut short by a crash or quit continues from its checkpoint.
    ctx.sql.write((w) => w.run(`UPDATE downloads SET state = 'queued', next_attempt_at = NULL WHERE state = 'downloading'`));
  }

  list(): { items: Download[]; storage: DownloadStorage } {
    const now = this.ctx.now();
    const rows = this.ctx.sql.read((r) => r.all<DownloadRow>('SELECT * FROM downloads ORDER BY created_at, group_id, rowid'));
    return { items: rows.map((r) => toDownload(r, now)), storage: this.storage() };
  }

  get(id: string): DownloadRow | undefined {
    return this.ctx.sql.read((r) => r.get<DownloadRow>('SELECT * FROM downloads WHERE id = ?', [id]));
  }

  storage(): DownloadStorage {
    const rows = this.ctx.sql.read((r) => r.all<Pick<DownloadRow, 'received_bytes' | 'state'>>('SELECT received_bytes, state FROM downloads'));
    return { usedBytes: rows.reduce((n, r) => n + bytesOnDisk(r), 0), limitBytes: this.limit() };
  }

  limit(): number {
    const row = this.ctx.sql.read((r) => r.get<{ value: string }>(`SELECT value FROM download_settings WHERE key = 'limit_bytes'`));
    return row ? Number(row.value) : this.o.defaultLimitBytes;
  }

  setLimit(limitBytes: number): DownloadStorage {
    if (!Number.isSafeInteger(limitBytes) || limitBytes < MIN_STORAGE_LIMIT) throw new EncoreError('VALIDATION_FAILED', 'The storage limit is too small');
    this.ctx.sql.write((w) => w.run(`INSERT INTO download_settings (key, value) VALUES ('limit_bytes', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [String(limitBytes)]));
    const storage = this.storage();
    this.o.onChange?.([], storage);
    return storage;
  }

  /** Resolves the request, grants the licences and queues the transfers. Needs the server. */
  async add(req: DownloadRequest): Promise<Download[]> {
    const a = await this.requireAuth();
    const wanted = await resolveRequest(this.ctx, a, req);
    const ids = await enqueue(this.ctx, a, wanted, this.limit());
    this.changed(ids);
    this.pump();
    return ids.map((id) => this.view(id)).filter((d): d is Download => d !== null);
  }

  pause(ids: string[]): Download[] {
    this.ctx.sql.write((w) => {
      for (const id of ids) w.run(`UPDATE downloads SET state = 'paused', updated_at = ? WHERE id = ? AND state IN ('queued', 'downloading', 'failed')`, [this.ctx.now(), id]);
    });
    for (const id of ids) this.running.get(id)?.ctl.abort(new Error('paused'));
    this.changed(ids);
    return this.views(ids);
  }

  resume(ids: string[]): Download[] {
    this.ctx.sql.write((w) => {
      for (const id of ids) w.run(`UPDATE downloads SET state = 'queued', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'paused'`, [this.ctx.now(), id]);
    });
    this.changed(ids);
    this.pump();
    return this.views(ids);
  }

  retry(ids: string[]): Download[] {
    this.ctx.sql.write((w) => {
      for (const id of ids) w.run(`UPDATE downloads SET state = 'queued', attempts = 0, next_attempt_at = NULL, error_code = NULL, error_message = NULL, updated_at = ? WHERE id = ? AND state IN ('failed', 'paused')`, [this.ctx.now(), id]);
    });
    this.changed(ids);
    this.pump();
    return this.views(ids);
  }

  /** Deletes files, keys and rows; releases the licences on the server when it answers. */
  async remove(ids: string[]): Promise<number> {
    const rows = ids.map((id) => this.get(id)).filter((r): r is DownloadRow => r !== undefined);
    for (const r of rows) this.running.get(r.id)?.ctl.abort(new Error('removed'));
    await Promise.all(rows.map((r) => this.running.get(r.id)?.done));
    this.ctx.sql.write((w) => {
      for (const r of rows) w.run('DELETE FROM downloads WHERE id = ?', [r.id]);
    });
    for (const r of rows) fs.rmSync(fileOf(this.ctx, r.id), { force: true });
    const a = await this.ctx.auth();
    for (const r of rows) {
      if (!a || !r.licence_id || r.state === 'revoked' || r.user_id !== a.userId || r.server_url !== a.serverUrl) continue;
      await this.ctx.api.release(a, r.licence_id).catch((e: unknown) => this.ctx.log.info({ err: e, downloadId: r.id }, 'licence not released (server away); it lapses on its own'));
    }
    this.o.onChange?.([], this.storage());
    this.o.onSettled?.();
    return rows.length;
  }

  /** Starts due transfers up to the concurrency, and arms the timer for the next retry. */
  pump(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.ctx.now();
    const free = this.o.concurrency - this.running.size;
    if (free > 0) {
      const due = this.ctx.sql.read((r) =>
        r.all<DownloadRow>(`SELECT * FROM downloads WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY created_at, rowid LIMIT ?`, [now, free + this.running.size]),
      );
      for (const row of due.filter((r) => !this.running.has(r.id)).slice(0, free)) this.start(row);
    }
    const next = this.ctx.sql.read((r) => r.get<{ at: number | null }>(`SELECT min(next_attempt_at) AS at FROM downloads WHERE state = 'queued' AND next_attempt_at > ?`, [now]));
    if (next?.at) this.timer = setTimeout(() => this.pump(), Math.max(10, next.at - now)).unref();
  }

  /** Resolves when no transfer is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const r of this.running.values()) r.ctl.abort(new Error('shutting down'));
    await this.idle();
  }

  private start(row: DownloadRow): void {
    const ctl = new AbortController();
    const done = this.run(row, ctl.signal)
      .catch((e: unknown) => {
        this.ctx.log.error({ err: e, downloadId: row.id }, 'download bookkeeping failed');
        return false;
      })
      .then((ran) => {
        this.running.delete(row.id);
        // Without a session nothing ran: wait for the next connectivity or session change instead of spinning.
        if (ran) this.pump();
      });
    this.running.set(row.id, { ctl, done });
  }

  /** False when nothing could run (no session for this row's account). */
  private async run(row: DownloadRow, signal: AbortSignal): Promise<boolean> {
    const a = await this.ctx.auth();
    // Signed out or offline: it stays queued; the connectivity change pumps again.
    if (!a || a.userId !== row.user_id || a.serverUrl !== row.server_url) return false;
    if (this.storage().usedBytes - bytesOnDisk(row) + encryptedSize(row.size_bytes ?? 0) > this.limit()) {
      this.fail(row.id, new EncoreError('STORAGE_LIMIT_REACHED', 'The storage limit for downloads is reached; raise it or remove downloads'), false);
      return true;
    }
    // Only a still-queued row starts: the user may have paused it meanwhile.
    const started = this.ctx.sql.write((w) => w.run(`UPDATE downloads SET state = 'downloading', updated_at = ? WHERE id = ? AND state = 'queued'`, [this.ctx.now(), row.id]));
    if (started.changes === 0) return true;
    this.changed([row.id]);
    try {
      await transfer(this.ctx, a, row, signal, {
        checkpointBytes: this.o.checkpointBytes,
        onProgress: (received) => {
          this.ctx.sql.write((w) => w.run('UPDATE downloads SET received_bytes = ?, updated_at = ? WHERE id = ?', [received, this.ctx.now(), row.id]));
          this.changed([row.id], true);
        },
      });
      this.set(row.id, `state = 'done', attempts = 0, next_attempt_at = NULL, completed_at = ${this.ctx.now()}`);
      this.ctx.log.info({ downloadId: row.id, trackId: row.track_id }, 'download finished');
      this.o.onSettled?.();
    } catch (e) {
      if (signal.aborted) {
        // Paused or removed by the user, or shutting down: a shutdown leaves it queued for next time.
        this.set(row.id, `state = CASE WHEN state = 'downloading' THEN 'queued' ELSE state END`);
        return !this.disposed;
      }
      this.fail(row.id, e, isRetryable(e));
    }
    return true;
  }

  private fail(id: string, e: unknown, retry: boolean): void {
    const err = e instanceof EncoreError ? e : new EncoreError('INTERNAL', 'The download failed');
    if (!(e instanceof EncoreError)) this.ctx.log.error({ err: e, downloadId: id }, 'download failed');
    const row = this.get(id);
    if (!row) return;
    const attempts = row.attempts + 1;
    if (REVOKING.has(err.code)) {
      // The entitlement is gone: drop the key and whatever arrived.
      fs.rmSync(fileOf(this.ctx, id), { force: true });
      this.ctx.sql.write((w) => w.run(`UPDATE downloads SET state = 'revoked', wrapped_key = NULL, received_bytes = 0, error_code = ?, error_message = ?, updated_at = ? WHERE id = ?`, [err.code, err.message, this.ctx.now(), id]));
      this.o.onSettled?.();
    } else if (retry && attempts < this.o.backoff.maxAttempts) {
      const at = this.ctx.now() + retryDelay(this.o.backoff, attempts);
      this.ctx.sql.write((w) => w.run(`UPDATE downloads SET state = 'queued', attempts = ?, next_attempt_at = ?, error_code = ?, error_message = ?, updated_at = ? WHERE id = ? AND state = 'downloading'`, [attempts, at, err.code, err.message, this.ctx.now(), id]));
    } else {
      this.ctx.sql.write((w) => w.run(`UPDATE downloads SET state = 'failed', attempts = ?, next_attempt_at = NULL, error_code = ?, error_message = ?, updated_at = ? WHERE id = ?`, [attempts, err.code, err.message, this.ctx.now(), id]));
    }
    this.changed([id]);
  }

  private set(id: string, assignments: string): void {
    this.ctx.sql.write((w) => w.run(`UPDATE downloads SET ${assignments}, updated_at = ? WHERE id = ?`, [this.ctx.now(), id]));
    this.changed([id]);
  }

  private view(id: string): Download | null {
    const row = this.get(id);
    return row ? toDownload(row, this.ctx.now()) : null;
  }

  private views(ids: string[]): Download[] {
    return ids.map((id) => this.view(id)).filter((d): d is Download => d !== null);
  }

  /** Tells the renderer; progress is throttled per item, state changes are not. */
  changed(ids: string[], progress = false): void {
    if (!this.o.onChange) return;
    const now = Date.now();
    const due = progress ? ids.filter((id) => now - (this.lastEmit.get(id) ?? 0) >= this.o.progressMs) : ids;
    if (due.length === 0) return;
    for (const id of due) this.lastEmit.set(id, now);
    this.o.onChange(this.views(due), this.storage());
  }

  private async requireAuth() {
    const a = await this.ctx.auth();
    if (!a) throw new EncoreError('OFFLINE', 'Sign in and connect to the internet to download');
    return a;
  }
}
