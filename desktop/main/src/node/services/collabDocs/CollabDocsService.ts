import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { SyncCloseCode, type Collaborator, type StudioRole } from '@encore/shared/api/studio';
import { LibraryStateDoc, type SyncedPlayerSettings } from '@encore/shared/collab/libraryStateDoc';
import { PlaylistDoc, type PlaylistTrackRef } from '@encore/shared/collab/playlistDoc';
import { EncoreError } from '@encore/shared/errors';
import type { SyncState } from '@encore/shared/host/collab';
import type { LibraryState, SharedPlaylistDetail, SharedPlaylistSummary } from '@encore/shared/host/collabDocs';
import type { Session } from '@encore/shared/host/contract';
import { playlistDocId, userLibraryDocId } from '@encore/shared/sync/docIds';
import type { Disposable } from '../../../common/disposable';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { EncoreDatabase } from '../../db/database';
import type { Logger } from '../../logger';
import { reconnectDelay } from '../sync/backoff';
import { CollabPlaylistsApi } from './collabPlaylistsApi';
import { DocReplicaStore, type ReplicaKind } from './DocReplicaStore';
import type { LibraryMarksApi } from './libraryMarksApi';
import { ServerMarksSync, type MarksTarget } from './ServerMarksSync';

export interface CollabDocsServiceOptions {
  db: EncoreDatabase;
  events: HostEventBus;
  session: () => Promise<Session>;
  /** A fresh access token, or null when signed out or offline. */
  accessToken: () => Promise<string | null>;
  syncServerUrl: () => string;
  log: Logger;
  api?: CollabPlaylistsApi;
  marksApi?: LibraryMarksApi;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
}

interface Replica {
  readonly key: string;
  readonly kind: ReplicaKind;
  /** The playlist id, or the user id of a library-state document. */
  readonly id: string;
  readonly doc: Y.Doc;
  role: StudioRole | null;
  state: SyncState;
  provider: WebsocketProvider | null;
  attempts: number;
  retry: NodeJS.Timeout | null;
  connecting: boolean;
  stopped: boolean;
}

interface User {
  id: string;
  username: string;
}

/**
 * Keeps the signed-in user's collaborative playlists and library-state document as durable
 * replicas in SQLite ({@link DocReplicaStore}: every change, local or from the server, is
 * stored at once) and syncs each with the sync-server (`/sync/playlist:<id>`,
 * `/sync/user:<id>:library`) while signed in, reconnecting with jittered backoff and a fresh
 * token. Edits made offline merge on reconnect.
 *
 * @example
 * const docs = new CollabDocsService({ db, events, session, accessToken, syncServerUrl, log });
 * await docs.refresh();
 * const p = await docs.createPlaylist('Road trip');
 * docs.addEntry(p.id, { track: { kind: 'catalog', trackId }, title, artist });
 */
export class CollabDocsService implements Disposable {
  private readonly store: DocReplicaStore;
  private readonly api: CollabPlaylistsApi;
  private readonly marks: ServerMarksSync;
  private readonly replicas = new Map<string, Replica>();
  private readonly offs: (() => void)[] = [];
  private user: User | null = null;
  private serverUrl = '';
  private refreshing: Promise<void> | null = null;
  private disposed = false;

  constructor(private readonly o: CollabDocsServiceOptions) {
    this.store = new DocReplicaStore(o.db);
    this.api = o.api ?? new CollabPlaylistsApi();
    this.marks = new ServerMarksSync({ log: o.log, accessToken: o.accessToken, ...(o.marksApi ? { api: o.marksApi } : {}) });
    this.offs.push(
      o.events.on('session.changed', () => void this.refresh()),
      o.events.on('connectivity.changed', (c) => {
        if (c.syncServer === 'online') void this.refresh();
      }),
    );
  }

  /**
   * Brings the replicas in line with the session: the user's documents are loaded from
   * SQLite and connected; when the server answers, its list of the user's playlists adds
   * new ones and drops those the user left. Signed out: everything disconnects, data stays.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  listPlaylists(): SharedPlaylistSummary[] {
    return [...this.replicas.values()].filter((r) => r.kind === 'playlist').map((r) => this.summary(r));
  }

  getPlaylist(playlistId: string): SharedPlaylistDetail {
    const r = this.playlist(playlistId);
    const view = new PlaylistDoc(r.doc).view();
    return { ...this.summary(r), description: view.description, entries: view.entries };
  }

  async createPlaylist(name: string): Promise<SharedPlaylistSummary> {
    const user = await this.requireUser();
    const { playlist } = await this.api.create(this.o.syncServerUrl(), await this.requireToken(), name);
    this.store.upsert({ serverUrl: this.serverUrl, docKey: playlistDocId(playlist.id), userId: user.id, kind: 'playlist', name: playlist.name, role: playlist.role }, this.now());
    const r = this.open('playlist', playlist.id, playlist.role);
    new PlaylistDoc(r.doc).setInfo({ name: playlist.name });
    this.emitPlaylist(playlist.id);
    return this.summary(r);
  }

  addEntry(playlistId: string, e: { track: PlaylistTrackRef; title: string; artist: string; index?: number | undefined }): SharedPlaylistDetail {
    const r = this.writable(playlistId);
    const user = this.user as User;
    new PlaylistDoc(r.doc).add({ track: e.track, title: e.title, artist: e.artist, addedBy: { userId: user.id, username: user.username }, addedAt: this.now().toISOString() }, e.index);
    return this.getPlaylist(playlistId);
  }

  moveEntry(playlistId: string, entryId: string, index: number): SharedPlaylistDetail {
    new PlaylistDoc(this.writable(playlistId).doc).move(entryId, index);
    return this.getPlaylist(playlistId);
  }

  removeEntry(playlistId: string, entryId: string): SharedPlaylistDetail {
    new PlaylistDoc(this.writable(playlistId).doc).remove(entryId);
    return this.getPlaylist(playlistId);
  }

  async members(playlistId: string): Promise<Collaborator[]> {
    this.playlist(playlistId);
    return (await this.api.members(this.o.syncServerUrl(), await this.requireToken(), playlistId)).collaborators;
  }

  async invite(playlistId: string, username: string, role: Exclude<StudioRole, 'owner'>): Promise<Collaborator> {
    this.playlist(playlistId);
    const { collaborator } = await this.api.invite(this.o.syncServerUrl(), await this.requireToken(), playlistId, { username, role });
    this.emitPlaylist(playlistId);
    return collaborator;
  }

  libraryState(): LibraryState {
    const r = this.library();
    return { ...new LibraryStateDoc(r.doc).view(), state: r.state };
  }

  /** Likes or unlikes a catalog track: in the document at once (offline too), on the server when it answers. */
  setLiked(trackId: string, liked: boolean): LibraryState {
    const r = this.library();
    new LibraryStateDoc(r.doc).setLiked(trackId, liked, this.now());
    void this.marks.push(this.marksTarget(r), 'like', trackId);
    return this.libraryState();
  }

  /** Saves or unsaves a catalog album, as {@link setLiked}. */
  setSaved(albumId: string, saved: boolean): LibraryState {
    const r = this.library();
    new LibraryStateDoc(r.doc).setSaved(albumId, saved, this.now());
    void this.marks.push(this.marksTarget(r), 'save', albumId);
    return this.libraryState();
  }

  /** Resolves once the likes and saves queued so far have been carried to (or merged with) the server. */
  marksSettled(): Promise<void> {
    return this.marks.idle();
  }

  setSettings(patch: Partial<SyncedPlayerSettings>): LibraryState {
    new LibraryStateDoc(this.library().doc).setSettings(patch);
    return this.libraryState();
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    for (const r of this.replicas.values()) this.close(r);
    this.replicas.clear();
  }

  private async doRefresh(): Promise<void> {
    if (this.disposed) return;
    let session: Session;
    try {
      session = await this.o.session();
    } catch (e) {
      this.o.log.warn({ err: e }, 'collab docs: no session');
      return;
    }
    const serverUrl = this.o.syncServerUrl();
    const user = session.state === 'signed-in' ? { id: session.user.id, username: session.user.username } : null;
    if (!user || user.id !== this.user?.id || serverUrl !== this.serverUrl) {
      for (const r of this.replicas.values()) this.close(r);
      this.replicas.clear();
      this.user = user;
      this.serverUrl = serverUrl;
      if (!user) return;
      this.store.upsert({ serverUrl, docKey: userLibraryDocId(user.id), userId: user.id, kind: 'user-library', name: '', role: 'owner' }, this.now());
      this.open('user-library', user.id, 'owner');
      for (const row of this.store.rows(serverUrl, user.id, 'playlist')) this.open('playlist', row.docKey.slice('playlist:'.length), row.role);
      this.emitPlaylist(null);
    }
    for (const r of this.replicas.values()) if (!r.provider && !r.connecting) this.retryNow(r);
    if (session.state !== 'signed-in' || !session.accessToken) return;
    const library = this.replicas.get(userLibraryDocId(user.id));
    if (library?.state === 'synced') void this.marks.reconcile(this.marksTarget(library)); // a Subsonic or web change since the last sync
    try {
      const { playlists } = await this.api.list(serverUrl, session.accessToken);
      if (this.user?.id !== user.id || this.disposed) return;
      const listed = new Set(playlists.map((p) => p.id));
      for (const p of playlists) {
        this.store.upsert({ serverUrl, docKey: playlistDocId(p.id), userId: user.id, kind: 'playlist', name: p.name, role: p.role }, this.now());
        const r = this.replicas.get(playlistDocId(p.id));
        if (r) r.role = p.role;
        else this.open('playlist', p.id, p.role);
      }
      for (const r of [...this.replicas.values()]) {
        if (r.kind !== 'playlist' || listed.has(r.id)) continue;
        this.close(r);
        this.replicas.delete(r.key);
        this.store.remove(serverUrl, r.key, user.id);
      }
      this.emitPlaylist(null);
    } catch (e) {
      this.o.log.info({ err: e }, 'collab docs: the playlist list could not be fetched; keeping the local replicas');
    }
  }

  private open(kind: ReplicaKind, id: string, role: StudioRole | null): Replica {
    const key = kind === 'playlist' ? playlistDocId(id) : userLibraryDocId(id);
    const existing = this.replicas.get(key);
    if (existing) return existing;
    const doc = this.store.load(this.serverUrl, key);
    const r: Replica = { key, kind, id, doc, role, state: 'offline', provider: null, attempts: 0, retry: null, connecting: false, stopped: false };
    const serverUrl = this.serverUrl;
    doc.on('update', (update: Uint8Array) => {
      if (r.stopped) return;
      this.store.append(serverUrl, key, update);
      this.changed(r);
    });
    this.replicas.set(key, r);
    void this.connect(r);
    return r;
  }

  private async connect(r: Replica): Promise<void> {
    if (r.stopped || r.provider || r.connecting) return;
    r.connecting = true;
    this.setState(r, 'syncing');
    let token: string | null = null;
    try {
      token = await this.o.accessToken();
    } catch (e) {
      this.o.log.warn({ err: e, docKey: r.key }, 'collab docs: no access token');
    }
    r.connecting = false;
    if (r.stopped || r.provider) return;
    if (!token) {
      this.setState(r, 'offline');
      return this.scheduleRetry(r);
    }
    const provider = new WebsocketProvider(`${this.serverUrl.replace(/^http/, 'ws')}/sync`, r.key, r.doc, {
      connect: false,
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      resyncInterval: -1,
    });
    provider.awareness.setLocalState(null);
    r.provider = provider;
    provider.on('sync', (synced: boolean) => {
      if (!synced || r.provider !== provider) return;
      r.attempts = 0;
      this.setState(r, 'synced');
      // The document now holds every device's marks: merge them with the server's.
      if (r.kind === 'user-library') void this.marks.reconcile(this.marksTarget(r));
    });
    provider.on('connection-close', (event: { code?: number } | null) => {
      if (r.provider !== provider) return;
      provider.shouldConnect = false;
      r.provider = null;
      setImmediate(() => provider.destroy());
      this.setState(r, 'offline');
      if (event?.code === SyncCloseCode.FORBIDDEN) {
        this.o.log.warn({ docKey: r.key }, 'collab docs: no longer allowed to open this document; syncing stops');
        void this.refresh();
        return;
      }
      this.scheduleRetry(r);
    });
    provider.connect();
  }

  private scheduleRetry(r: Replica): void {
    if (r.stopped || r.retry) return;
    const delay = reconnectDelay(r.attempts, this.o.baseBackoffMs ?? 500, this.o.maxBackoffMs ?? 30_000);
    r.attempts = Math.min(r.attempts + 1, 16);
    r.retry = setTimeout(() => {
      r.retry = null;
      void this.connect(r);
    }, delay);
    r.retry.unref();
  }

  private retryNow(r: Replica): void {
    if (r.retry) clearTimeout(r.retry);
    r.retry = null;
    r.attempts = 0;
    void this.connect(r);
  }

  private close(r: Replica): void {
    r.stopped = true;
    if (r.retry) clearTimeout(r.retry);
    r.retry = null;
    r.provider?.destroy();
    r.provider = null;
    r.doc.destroy();
  }

  private setState(r: Replica, state: SyncState): void {
    if (r.state === state) return;
    r.state = state;
    this.changed(r);
  }

  private changed(r: Replica): void {
    if (r.kind === 'playlist') this.emitPlaylist(r.id);
    else this.o.events.emit('libraryState.changed', this.libraryState());
  }

  private emitPlaylist(playlistId: string | null): void {
    this.o.events.emit('sharedPlaylists.changed', { playlistId });
  }

  private summary(r: Replica): SharedPlaylistSummary {
    const view = new PlaylistDoc(r.doc).view();
    const row = this.user ? this.store.rows(this.serverUrl, this.user.id, 'playlist').find((x) => x.docKey === r.key) : undefined;
    return { id: r.id, name: view.name || row?.name || 'Untitled playlist', role: r.role, state: r.state, entryCount: view.entries.length };
  }

  private playlist(playlistId: string): Replica {
    const r = this.replicas.get(playlistDocId(playlistId));
    if (!r) throw new EncoreError('PLAYLIST_NOT_FOUND', 'This shared playlist is not on this device', { playlistId });
    return r;
  }

  /** Viewers' edits would be dropped by the server, so they are refused here rather than diverge. */
  private writable(playlistId: string): Replica {
    const r = this.playlist(playlistId);
    if (r.role === 'viewer') throw new EncoreError('FORBIDDEN', 'You can view this playlist but not change it', { playlistId });
    return r;
  }

  private marksTarget(r: Replica): MarksTarget {
    return { serverUrl: this.serverUrl, userId: r.id, doc: r.doc, live: () => !r.stopped && !this.disposed };
  }

  private library(): Replica {
    const r = this.user ? this.replicas.get(userLibraryDocId(this.user.id)) : undefined;
    if (!r) throw new EncoreError('UNAUTHENTICATED', 'Sign in to keep your library state in sync', { reason: 'signed-out' });
    return r;
  }

  private async requireUser(): Promise<User> {
    if (!this.user) await this.refresh();
    if (!this.user) throw new EncoreError('UNAUTHENTICATED', 'Sign in to share playlists', { reason: 'signed-out' });
    return this.user;
  }

  private async requireToken(): Promise<string> {
    const token = await this.o.accessToken();
    if (!token) throw new EncoreError('UNAUTHENTICATED', 'Sign in (and be online) to share playlists', { reason: 'signed-out-or-offline' });
    return token;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }
}
