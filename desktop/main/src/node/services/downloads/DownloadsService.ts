import os from 'node:os';
import path from 'node:path';
import type { Session } from '@encore/shared/host/contract';
import { EncoreError } from '@encore/shared/errors';
import type { Download } from '@encore/shared/host/downloads';
import type { Disposable } from '../../../common/disposable';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { EncoreDatabase } from '../../db/database';
import type { Logger } from '../../logger';
import { ArtworkStore } from '../library/artworkStore';
import type { LibraryService } from '../library/LibraryService';
import { LibrarySql } from '../library/librarySql';
import { recordCatalogPlay, syncCatalogTracks } from './catalogLibrary';
import type { DownloadsContext } from './context';
import { lazyMasterKey, openMasterKey, type KeyProtector } from './crypto/masterKey';
import { DownloadManager, type DownloadManagerOptions } from './DownloadManager';
import { LicenceApi } from './licenceApi';
import { checkLicences } from './licenceCheck';
import { OfflinePlays } from './offlinePlays';
import { openDownload, type PlayableDownload } from './playback';

export interface DownloadsServiceOptions {
  db: EncoreDatabase;
  events: HostEventBus;
  desktopDir: string;
  syncServerUrl: () => string;
  /** The account session (signed in, with an access token while online). */
  session: () => Promise<Session>;
  log: Logger;
  /** Seals the master key with the OS (Electron's safeStorage); absent in browser mode. */
  protector?: KeyProtector;
  fetch?: typeof fetch;
  now?: () => number;
  manager?: Omit<DownloadManagerOptions, 'onChange'>;
  /** Minimum time between automatic licence checks. */
  licenceCheckEveryMs?: number;
  /** The library: finished downloads appear in it, and its plays of them are queued for the server. */
  library?: LibraryService;
}

/**
 * Offline downloads on this install: the queue ({@link DownloadManager}), the online licence
 * check, offline plays, and playback of the encrypted files. Reacts to connectivity and session
 * changes: back online, it renews licences (deleting revoked downloads), reports queued plays
 * exactly once and restarts transfers that failed for want of a network.
 *
 * @example
 * const downloads = new DownloadsService({ db, events, desktopDir, syncServerUrl, session: () => account.session(), log });
 * await downloads.manager.add({ kind: 'track', trackId, quality: 'high' });
 */
export class DownloadsService implements Disposable {
  readonly manager: DownloadManager;
  readonly plays: OfflinePlays;
  readonly ctx: DownloadsContext;
  private readonly offs: (() => void)[] = [];
  private lastCheck = 0;
  private timer: NodeJS.Timeout;
  private onlineWork: Promise<void> | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly o: DownloadsServiceOptions) {
    const now = o.now ?? (() => Date.now());
    this.ctx = {
      sql: new LibrarySql(o.db),
      dir: path.join(o.desktopDir, 'downloads'),
      master: lazyMasterKey(() => openMasterKey(path.join(o.desktopDir, 'keys'), o.protector)),
      api: new LicenceApi(o.fetch ? { fetch: o.fetch } : {}),
      auth: async () => {
        const s = await o.session();
        return s.state === 'signed-in' && s.accessToken ? { serverUrl: o.syncServerUrl(), userId: s.user.id, accessToken: s.accessToken } : null;
      },
      now,
      log: o.log,
      deviceName: os.hostname(),
      artwork: new ArtworkStore(path.join(o.desktopDir, 'artwork')),
    };
    this.manager = new DownloadManager(this.ctx, { ...o.manager, onChange: (items, storage) => o.events.emit('downloads.changed', { items, storage }), onSettled: () => this.syncLibrary() });
    this.plays = new OfflinePlays(this.ctx);
    if (o.library) o.library.onCatalogPlay = () => void this.plays.flush();
    this.syncLibrary();
    this.offs.push(
      o.events.on('connectivity.changed', (c) => {
        if (c.syncServer === 'online') void this.online();
      }),
      o.events.on('session.changed', (s) => {
        if (s.state === 'signed-in' && s.accessToken) void this.online();
      }),
    );
    this.timer = setInterval(() => void this.online(), 60 * 60_000).unref();
  }

  /** Online again (or signed in): licence check (at most every few hours), plays, transfers. */
  online(force = false): Promise<void> {
    this.onlineWork ??= this.runOnline(force).finally(() => {
      this.onlineWork = null;
    });
    return this.onlineWork;
  }

  async checkLicences(): Promise<{ renewed: number; revoked: number }> {
    const a = await this.ctx.auth();
    if (!a) throw new EncoreError('OFFLINE', 'Connect to the internet and sign in to check your downloads');
    const r = await checkLicences(this.ctx);
    this.lastCheck = this.ctx.now();
    this.manager.changed(r.ids);
    this.syncLibrary();
    return { renewed: r.renewed, revoked: r.revoked };
  }

  recordPlay(id: string, ms: number): { queued: boolean } {
    const row = this.manager.get(id);
    if (!row || row.state !== 'done') throw new EncoreError('DOWNLOAD_NOT_FOUND', 'No such download', { id });
    this.ctx.sql.write((w) => recordCatalogPlay(w, row, ms, this.ctx.now()));
    void this.plays.flush();
    return { queued: true };
  }

  open(id: string): PlayableDownload {
    return openDownload(this.ctx, id);
  }

  /** Finished downloads, for the library's "downloaded from the catalog" list. */
  finished(): Download[] {
    return this.manager.list().items.filter((d) => d.state === 'done');
  }

  /**
   * Brings the library's catalog tracks in line with the downloads (see syncCatalogTracks) and
   * wakes up again when the next licence runs out, so an expired download leaves the library
   * on time even with the app left open.
   */
  syncLibrary(): { added: number; removed: number } {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    const r = syncCatalogTracks(this.ctx.sql, this.ctx.now());
    if (r.added + r.removed > 0) this.o.events.emit('library.changed', { reason: 'downloads' });
    if (r.nextExpiry !== null) this.expiryTimer = setTimeout(() => this.syncLibrary(), Math.min(2 ** 31 - 1, Math.max(1000, r.nextExpiry - this.ctx.now() + 1000))).unref();
    return { added: r.added, removed: r.removed };
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    for (const off of this.offs.splice(0)) off();
    await this.onlineWork?.catch(() => undefined);
    await this.manager.dispose();
  }

  private async runOnline(force: boolean): Promise<void> {
    try {
      this.ctx.sql.write((w) => w.run(`UPDATE downloads SET state = 'queued', attempts = 0, next_attempt_at = NULL WHERE state = 'failed' AND error_code = 'OFFLINE'`));
      if (force || this.ctx.now() - this.lastCheck >= (this.o.licenceCheckEveryMs ?? 6 * 3_600_000)) await this.checkLicences().catch((e: unknown) => this.o.log.info({ err: e }, 'licence check postponed'));
      await this.plays.flush();
    } finally {
      this.manager.pump();
    }
  }
}
