import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as Y from 'yjs';
import { EncoreError } from '@encore/shared/errors';
import type { AssetTransfer } from '@encore/shared/host/collab';
import { root } from '@encore/shared/project/schema/layout';
import type { Disposable } from '../../../common/disposable';
import type { Logger } from '../../logger';
import type { BlobStore } from '../projects/BlobStore';
import { BlobApi } from './blobApi';

const HASH = /^[0-9a-f]{64}$/;
/** Progress events per transfer at most this often (plus every state change). */
const PROGRESS_EVERY_MS = 100;

export interface AssetSyncOptions {
  blobs: BlobStore;
  syncServerUrl: () => string;
  accessToken: () => Promise<string | null>;
  /** Progress of every transfer (the host forwards it as `collab.assets`). */
  emit: (t: AssetTransfer) => void;
  log: Logger;
  api?: BlobApi;
  /** After a pass that left something undone (a collaborator's upload not there yet, offline), the next one runs after this; doubles up to 16x. */
  retryMs?: number;
  /** Coalesces bursts of asset changes into one pass. */
  debounceMs?: number;
}

interface Watch {
  serverProjectId: string;
  doc: Y.Doc;
  canWrite: boolean;
  off: () => void;
  abort: AbortController;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  again: boolean;
  failures: number;
}

/**
 * Makes a shared project's audio assets travel with its document. While a project is synced,
 * each asset its document lists is uploaded once if this desktop has it and the server's
 * project does not (writers only; HEAD first, so content the server can link is never sent;
 * resumable from the server's offset), and downloaded when this desktop lacks it (verified
 * against its SHA-256 before it enters the blob store). Runs again whenever the document's
 * assets change, and retries with backoff what could not be done yet. Progress goes out as
 * {@link AssetTransfer} events.
 *
 * @example
 * const assets = new AssetSync({ blobs, syncServerUrl, accessToken, emit: (t) => events.emit('collab.assets', t), log });
 * assets.watch(projectId, serverProjectId, doc, true);
 */
export class AssetSync implements Disposable {
  private readonly watches = new Map<string, Watch>();
  private readonly transfers = new Map<string, Map<string, AssetTransfer>>();
  /** Blobs known to be on the server, per server project: not asked about again. */
  private readonly onServer = new Set<string>();
  private readonly api: BlobApi;

  constructor(private readonly o: AssetSyncOptions) {
    this.api = o.api ?? new BlobApi();
  }

  /** Starts (or refreshes) syncing the assets of a linked, synced project. */
  watch(projectId: string, serverProjectId: string, doc: Y.Doc, canWrite: boolean): void {
    const existing = this.watches.get(projectId);
    if (existing && existing.doc === doc && existing.serverProjectId === serverProjectId) {
      existing.canWrite = canWrite;
      this.schedule(projectId, 0);
      return;
    }
    this.unwatch(projectId);
    const assets = root(doc, 'assets');
    const onChange = () => this.schedule(projectId, this.o.debounceMs ?? 200);
    assets.observe(onChange);
    this.watches.set(projectId, { serverProjectId, doc, canWrite, off: () => assets.unobserve(onChange), abort: new AbortController(), timer: null, running: null, again: false, failures: 0 });
    this.schedule(projectId, 0);
  }

  unwatch(projectId: string): void {
    const w = this.watches.get(projectId);
    if (!w) return;
    this.watches.delete(projectId);
    w.off();
    w.abort.abort();
    if (w.timer) clearTimeout(w.timer);
  }

  /** Transfers of a project that are not done. */
  list(projectId: string): AssetTransfer[] {
    return [...(this.transfers.get(projectId)?.values() ?? [])].filter((t) => t.state !== 'done');
  }

  /** Resolves when the project's current pass (if any) ends: for tests and shutdown. */
  async idle(projectId: string): Promise<void> {
    for (let w = this.watches.get(projectId); w && (w.running || w.timer); w = this.watches.get(projectId)) {
      await (w.running ?? new Promise((r) => setTimeout(r, 20)));
    }
  }

  dispose(): void {
    for (const id of [...this.watches.keys()]) this.unwatch(id);
  }

  private schedule(projectId: string, delayMs: number): void {
    const w = this.watches.get(projectId);
    if (!w) return;
    if (w.running) {
      w.again = true;
      return;
    }
    if (w.timer) clearTimeout(w.timer);
    w.timer = setTimeout(() => {
      w.timer = null;
      w.running = this.pass(projectId, w).finally(() => {
        w.running = null;
        if (this.watches.get(projectId) !== w) return;
        if (w.again) {
          w.again = false;
          this.schedule(projectId, 0);
        } else if (this.list(projectId).length > 0) {
          // Something is left (not uploaded by its owner yet, offline): try again later.
          const base = this.o.retryMs ?? 10_000;
          this.schedule(projectId, base * 2 ** Math.min(w.failures++, 4));
        } else w.failures = 0;
      });
    }, delayMs);
    w.timer.unref?.();
  }

  /** One pass over the document's assets. Errors are per asset: one failure never stops the others. */
  private async pass(projectId: string, w: Watch): Promise<void> {
    const token = await this.o.accessToken().catch(() => null);
    if (!token || w.abort.signal.aborted) return;
    const base = this.o.syncServerUrl();
    for (const [sha256, total] of assetsOf(w.doc)) {
      if (w.abort.signal.aborted) return;
      const local = await this.o.blobs.size(sha256);
      try {
        if (local !== null) {
          if (w.canWrite && !this.onServer.has(`${w.serverProjectId}:${sha256}`)) await this.upload(projectId, w, base, token, sha256, local);
        } else await this.download(projectId, w, base, token, sha256, total);
      } catch (e) {
        if (w.abort.signal.aborted) return;
        const message = e instanceof EncoreError && e.code === 'NOT_FOUND' ? 'not on the server yet: waiting for a collaborator to upload it' : e instanceof Error ? e.message : String(e);
        this.o.log.warn({ err: e, projectId, sha256 }, 'asset transfer failed; retried later');
        this.update(projectId, sha256, local !== null ? 'upload' : 'download', { state: 'failed', error: message.slice(0, 500) });
      }
    }
  }

  private async upload(projectId: string, w: Watch, base: string, token: string, sha256: string, size: number): Promise<void> {
    const head = await this.api.head(base, token, w.serverProjectId, sha256);
    if (head.held) {
      this.onServer.add(`${w.serverProjectId}:${sha256}`);
      this.forget(projectId, sha256);
      return;
    }
    const report = this.progress(projectId, sha256, 'upload', size);
    report(head.offset, 'active');
    const file = await fs.open(this.o.blobs.pathOf(sha256), 'r');
    try {
      const chunk = Buffer.alloc(Math.min(head.chunkLimit, size));
      for (let offset = head.offset; offset < size; ) {
        if (w.abort.signal.aborted) return;
        const { bytesRead } = await file.read(chunk, 0, Math.min(chunk.byteLength, size - offset), offset);
        const r = await this.api.putChunk(base, token, w.serverProjectId, sha256, chunk.subarray(0, bytesRead), offset, size);
        offset = r.complete ? size : r.offset;
        report(offset, r.complete ? 'done' : 'active');
      }
    } finally {
      await file.close();
    }
    this.onServer.add(`${w.serverProjectId}:${sha256}`);
  }

  private async download(projectId: string, w: Watch, base: string, token: string, sha256: string, expected: number): Promise<void> {
    const report = this.progress(projectId, sha256, 'download', expected);
    report(0, 'active');
    const dir = path.join(this.o.blobs.root, '.downloads');
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await this.api.download(base, token, w.serverProjectId, sha256, temp, (loaded, total) => report(loaded, 'active', total), w.abort.signal);
      await this.o.blobs.putFile(temp, sha256);
    } finally {
      await fs.rm(temp, { force: true });
    }
    report(expected, 'done');
  }

  /**
   * A reporter for one transfer: state changes and the first bytes go out at once (the bar moves
   * as soon as data flows), later byte counts at most every 100 ms.
   */
  private progress(projectId: string, sha256: string, direction: AssetTransfer['direction'], total: number) {
    let last = 0;
    return (loaded: number, state: AssetTransfer['state'], actualTotal = total) => {
      const prev = this.transfers.get(projectId)?.get(sha256);
      const now = Date.now();
      if (prev && prev.state === state && state === 'active' && prev.loaded > 0 && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      this.update(projectId, sha256, direction, { state, loaded, total: actualTotal || total, error: null });
    };
  }

  private update(projectId: string, sha256: string, direction: AssetTransfer['direction'], patch: Partial<AssetTransfer>): void {
    let byHash = this.transfers.get(projectId);
    if (!byHash) this.transfers.set(projectId, (byHash = new Map()));
    const prev = byHash.get(sha256);
    const next: AssetTransfer = { projectId, sha256, direction, state: 'queued', loaded: 0, total: 0, error: null, ...(prev?.direction === direction ? prev : {}), ...patch };
    if (next.state === 'done') byHash.delete(sha256);
    else byHash.set(sha256, next);
    this.o.emit(next);
  }

  private forget(projectId: string, sha256: string): void {
    const prev = this.transfers.get(projectId)?.get(sha256);
    if (prev) this.update(projectId, sha256, prev.direction, { state: 'done', loaded: prev.total });
  }
}

/** The assets a project document lists: hash → byte length (entries that do not parse are skipped). */
function assetsOf(doc: Y.Doc): [string, number][] {
  const out: [string, number][] = [];
  root(doc, 'assets').forEach((value, key) => {
    if (!HASH.test(key)) return;
    const byteLength = (value as { byteLength?: unknown } | null)?.byteLength;
    out.push([key, typeof byteLength === 'number' && byteLength > 0 ? byteLength : 0]);
  });
  return out;
}
