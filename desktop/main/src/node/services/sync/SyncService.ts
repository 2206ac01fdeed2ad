import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as sync from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SyncCloseCode, type Collaborator, type StudioRole } from '@encore/shared/api/studio';
import type { RestoreVersionResponse, ServerVersion } from '@encore/shared/api/studioVersions';
import { EncoreError } from '@encore/shared/errors';
import type { AssetTransfer, ProjectSyncStatus, SharedProject, SyncState } from '@encore/shared/host/collab';
import { ProjectTitle, type ProjectSummary } from '@encore/shared/host/projects';
import { assertSupportedVersion, documentVersion } from '@encore/shared/project/schema/migrations';
import type { Disposable } from '../../../common/disposable';
import type { HostEventBus } from '../../../common/hostEventBus';
import type { EncoreDatabase } from '../../db/database';
import type { Logger } from '../../logger';
import type { ProjectService } from '../projects/ProjectService';
import type { AssetSync } from './assetSync';
import { reconnectDelay } from './backoff';
import { StudioApi } from './studioApi';

export interface SyncServiceOptions {
  db: EncoreDatabase;
  events: HostEventBus;
  projects: ProjectService;
  /** A fresh access token, or null when signed out or offline. */
  accessToken: () => Promise<string | null>;
  syncServerUrl: () => string;
  log: Logger;
  api?: StudioApi;
  /** Uploads and fetches the audio assets of synced projects (none: assets stay local). */
  assets?: AssetSync;
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`, each jittered to 50–100 %. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long `share`/`openShared` wait for the first exchange with the server. */
  firstSyncTimeoutMs?: number;
}

/** Awareness updates the renderer sent: relayed upstream, never echoed back to renderers. */
const RENDERER_ORIGIN = Symbol('encore.renderer-awareness');
const MESSAGE_AWARENESS = 1;

interface MappingRow {
  project_id: string;
  server_project_id: string;
  role: StudioRole | null;
  paused: number;
}

interface Link {
  readonly projectId: string;
  readonly serverProjectId: string;
  role: StudioRole | null;
  paused: boolean;
  state: SyncState;
  doc: Y.Doc | null;
  awareness: awarenessProtocol.Awareness | null;
  provider: WebsocketProvider | null;
  /** The host subscription that keeps the live document loaded while it is shared. */
  pin: { subscriptionId: string; timer: NodeJS.Timeout } | null;
  /** The document's state vector when it was last in step with the server. */
  syncedVector: Map<number, number> | null;
  rendererClients: Set<number>;
  attempts: number;
  retry: NodeJS.Timeout | null;
  connecting: boolean;
  stopped: boolean;
  waiters: Set<() => void>;
}

/**
 * Syncs every shared project's host replica with the sync-server over the y-websocket protocol.
 * The provider is attached to the live Y.Doc of {@link ProjectService}, so what arrives from the
 * server is stored in SQLite by the project store's own path and pushed to renderers, and every
 * local edit (renderer, host) goes upstream. Reconnects with jittered exponential backoff and a
 * fresh access token each time; relays awareness between renderers and the server; reports a
 * sync state per project (`collab.status`).
 *
 * @example
 * const sync = new SyncService({ db, events, projects, accessToken, syncServerUrl, log });
 * await sync.share(projectId); // now on the server, syncing
 */
export class SyncService implements Disposable {
  private readonly links = new Map<string, Link>();
  private readonly api: StudioApi;
  private readonly offs: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly o: SyncServiceOptions) {
    this.api = o.api ?? new StudioApi();
    this.offs.push(
      o.events.on('projects.changed', () => this.reconcile()),
      o.events.on('projects.doc.reset', ({ projectId, reason }) => {
        const link = this.links.get(projectId);
        if (!link) return;
        this.detach(link);
        if (reason === 'storage-error') this.attach(link);
        else this.reconcile();
      }),
      o.events.on('session.changed', () => this.retryAllNow()),
      o.events.on('connectivity.changed', (c) => {
        if (c.syncServer === 'online') this.retryAllNow();
      }),
    );
    this.reconcile();
  }

  status(projectId: string): ProjectSyncStatus {
    this.o.projects.get(projectId);
    const link = this.links.get(projectId);
    if (link) return this.statusOf(link);
    const row = this.row(projectId);
    return { projectId, state: row ? 'offline' : 'local', serverProjectId: row?.server_project_id ?? null, role: row?.role ?? null, paused: row ? row.paused === 1 : false };
  }

  /** Creates the project on the server (its own id, mapped here) and syncs it; resolves after the first exchange or a timeout. */
  async share(projectId: string): Promise<ProjectSyncStatus> {
    const project = this.o.projects.get(projectId);
    if (project.deletedAt !== null) throw new EncoreError('CONFLICT', `“${project.title}” is in the trash; restore it first`, { projectId, reason: 'project-in-trash' });
    if (!this.row(projectId)) {
      const token = await this.requireToken();
      const { project: created } = await this.api.createProject(this.base(), token, { name: project.title, description: '' });
      this.insertRow(projectId, created.id, created.role);
      this.o.log.info({ projectId, serverProjectId: created.id }, 'project shared');
    }
    this.reconcile();
    const link = this.links.get(projectId);
    if (link) await this.firstSync(link);
    return this.status(projectId);
  }

  setPaused(projectId: string, paused: boolean): ProjectSyncStatus {
    const row = this.row(projectId);
    if (!row) throw new EncoreError('CONFLICT', 'This project is not shared', { projectId, reason: 'project-not-shared' });
    this.write(() => this.o.db.sqlite.prepare('UPDATE shared_projects SET paused = ? WHERE project_id = ?').run(paused ? 1 : 0, projectId));
    const link = this.links.get(projectId);
    if (link) {
      link.paused = paused;
      this.detach(link);
      this.attach(link);
    }
    return this.status(projectId);
  }

  async members(projectId: string): Promise<Collaborator[]> {
    const row = this.requireRow(projectId);
    const { collaborators } = await this.api.listCollaborators(this.base(), await this.requireToken(), row.server_project_id);
    return collaborators;
  }

  async invite(projectId: string, username: string, role: StudioRole): Promise<Collaborator> {
    const row = this.requireRow(projectId);
    const { collaborator } = await this.api.addCollaborator(this.base(), await this.requireToken(), row.server_project_id, { username, role });
    return collaborator;
  }

  /** The shared history of a shared project, from the server. */
  async versions(projectId: string): Promise<ServerVersion[]> {
    const row = this.requireRow(projectId);
    return (await this.api.listVersions(this.base(), await this.requireToken(), row.server_project_id)).versions;
  }

  async saveVersion(projectId: string, name: string): Promise<ServerVersion> {
    const row = this.requireRow(projectId);
    return (await this.api.createVersion(this.base(), await this.requireToken(), row.server_project_id, name)).version;
  }

  /**
   * Restores a server version: the server applies it to the live document as a new change,
   * which reaches this replica (and every collaborator's) through the sync socket.
   */
  async restoreVersion(projectId: string, versionId: string): Promise<RestoreVersionResponse> {
    const row = this.requireRow(projectId);
    return this.api.restoreVersion(this.base(), await this.requireToken(), row.server_project_id, versionId);
  }

  async sharedWithMe(): Promise<SharedProject[]> {
    const { projects } = await this.api.listProjects(this.base(), await this.requireToken());
    const local = new Map(this.rows().map((r) => [r.server_project_id, r.project_id]));
    return projects.map((project) => ({ project, localProjectId: local.get(project.id) ?? null }));
  }

  /** The local replica of a server project: found, or created from the server's state. */
  async openShared(serverProjectId: string): Promise<ProjectSummary> {
    const existing = this.rows().find((r) => r.server_project_id === serverProjectId);
    if (existing) {
      const p = this.o.projects.get(existing.project_id);
      return p.deletedAt === null ? p : this.o.projects.untrash(p.id);
    }
    const token = await this.requireToken();
    const { project } = await this.api.getProject(this.base(), token, serverProjectId);
    const doc = new Y.Doc();
    try {
      const provider = this.provider(serverProjectId, doc, token, new awarenessProtocol.Awareness(doc));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new EncoreError('OFFLINE', 'The shared project could not be downloaded in time; try again', { serverProjectId })), this.o.firstSyncTimeoutMs ?? 20_000);
          provider.on('sync', (synced: boolean) => {
            if (synced) {
              clearTimeout(timer);
              resolve();
            }
          });
          provider.connect();
        });
      } finally {
        provider.awareness.destroy();
        provider.destroy();
      }
      if (documentVersion(doc) === null) throw new EncoreError('CONFLICT', `“${project.name}” has no content on the server yet; ask its owner to open it while online`, { serverProjectId, reason: 'shared-project-empty' });
      assertSupportedVersion(doc);
      const title = ProjectTitle.safeParse(doc.getMap('meta').get('title'));
      const summary = this.o.projects.store.create({ title: title.success ? title.data : ProjectTitle.parse(project.name.slice(0, 200)), template: null }, Y.encodeStateAsUpdate(doc));
      this.insertRow(summary.id, serverProjectId, project.role);
      this.o.events.emit('projects.changed', { projectId: summary.id, change: 'created' });
      return summary;
    } finally {
      doc.destroy();
    }
  }

  /** Asset uploads and downloads of a shared project that are not done. */
  assetTransfers(projectId: string): AssetTransfer[] {
    this.o.projects.get(projectId);
    return this.o.assets?.list(projectId) ?? [];
  }

  /** Applies the renderer's own awareness change and relays it upstream. */
  relayAwareness(projectId: string, update: Uint8Array): boolean {
    const link = this.links.get(projectId);
    if (!link?.awareness) return false;
    const before = new Set(link.awareness.getStates().keys());
    awarenessProtocol.applyAwarenessUpdate(link.awareness, update, RENDERER_ORIGIN);
    for (const id of link.awareness.getStates().keys()) if (!before.has(id)) link.rendererClients.add(id);
    for (const id of link.rendererClients) if (!link.awareness.getStates().has(id)) link.rendererClients.delete(id);
    return true;
  }

  /** Every collaborator's awareness state (not the host's own), for a renderer catching up. */
  awarenessSnapshot(projectId: string): Uint8Array | null {
    const link = this.links.get(projectId);
    if (!link?.awareness) return null;
    const clients = [...link.awareness.getStates().keys()].filter((id) => id !== link.awareness?.clientID);
    return clients.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(link.awareness, clients);
  }

  dispose(): void {
    this.disposed = true;
    this.o.assets?.dispose();
    for (const off of this.offs.splice(0)) off();
    for (const link of this.links.values()) {
      link.stopped = true;
      this.detach(link);
    }
    this.links.clear();
  }

  /** Starts links for shared, active projects of this server; stops the others. */
  private reconcile(): void {
    if (this.disposed) return;
    const wanted = new Map<string, MappingRow>();
    for (const r of this.rows()) {
      const p = this.o.projects.store.find(r.project_id);
      if (p && p.deletedAt === null) wanted.set(r.project_id, r);
    }
    for (const [id, link] of this.links) {
      if (wanted.has(id)) continue;
      link.stopped = true;
      this.detach(link);
      this.links.delete(id);
    }
    for (const [id, r] of wanted) {
      if (this.links.has(id)) continue;
      const link: Link = {
        projectId: id,
        serverProjectId: r.server_project_id,
        role: r.role,
        paused: r.paused === 1,
        state: 'offline',
        doc: null,
        awareness: null,
        provider: null,
        pin: null,
        syncedVector: null,
        rendererClients: new Set(),
        attempts: 0,
        retry: null,
        connecting: false,
        stopped: false,
        waiters: new Set(),
      };
      this.links.set(id, link);
      this.attach(link);
    }
  }

  /** Loads and pins the live document, then connects unless paused. */
  private attach(link: Link): void {
    if (link.stopped || link.doc) return;
    try {
      const doc = this.o.projects.live.acquire(link.projectId);
      const step1 = encoding.createEncoder();
      sync.writeSyncStep1(step1, new Y.Doc());
      const { subscriptionId, leaseMs } = this.o.projects.live.open(link.projectId, encoding.toUint8Array(step1));
      const timer = setInterval(() => {
        try {
          this.o.projects.live.keepAlive(subscriptionId);
        } catch {
          // The document was unloaded under us (an error, a reset): load it again.
          this.detach(link);
          this.attach(link);
        }
      }, Math.max(1000, Math.floor(leaseMs / 3)));
      timer.unref();
      link.pin = { subscriptionId, timer };
      link.doc = doc;
      link.awareness = new awarenessProtocol.Awareness(doc);
      link.awareness.setLocalState(null);
      link.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === RENDERER_ORIGIN || !link.awareness) return;
        const changed = [...added, ...updated, ...removed].filter((id) => !link.rendererClients.has(id));
        if (changed.length === 0) return;
        const update = awarenessProtocol.encodeAwarenessUpdate(link.awareness, changed);
        this.o.events.emit('collab.awareness', { projectId: link.projectId, update: Buffer.from(update).toString('base64') });
      });
    } catch (e) {
      this.o.log.error({ err: e, projectId: link.projectId }, 'could not load a shared project for syncing');
      this.detach(link);
      this.setState(link, 'offline');
      return;
    }
    if (link.paused) this.setState(link, 'offline');
    else void this.connect(link);
  }

  private detach(link: Link): void {
    this.o.assets?.unwatch(link.projectId);
    if (link.retry) clearTimeout(link.retry);
    link.retry = null;
    if (link.provider) {
      link.provider.destroy();
      link.provider = null;
    }
    if (link.awareness) {
      link.awareness.destroy();
      link.awareness = null;
    }
    link.rendererClients.clear();
    if (link.pin) {
      clearInterval(link.pin.timer);
      this.o.projects.live.close(link.pin.subscriptionId);
      link.pin = null;
    }
    if (link.state === 'synced' || link.state === 'merged') this.rememberSynced(link);
    link.doc = null;
    link.connecting = false;
    this.setState(link, 'offline');
  }

  private async connect(link: Link): Promise<void> {
    if (link.stopped || link.paused || !link.doc || link.provider || link.connecting) return;
    link.connecting = true;
    this.setState(link, 'syncing');
    let token: string | null = null;
    try {
      token = await this.o.accessToken();
    } catch (e) {
      this.o.log.warn({ err: e, projectId: link.projectId }, 'no access token for syncing');
    }
    link.connecting = false;
    if (link.stopped || link.paused || !link.doc || link.provider) return;
    if (!token) {
      this.setState(link, 'offline');
      this.scheduleRetry(link);
      return;
    }
    const doc = link.doc;
    const awareness = link.awareness ?? new awarenessProtocol.Awareness(doc);
    const provider = this.provider(link.serverProjectId, doc, token, awareness);
    link.provider = provider;
    const offlineEdits = link.syncedVector !== null && advanced(Y.decodeStateVector(Y.encodeStateVector(doc)), link.syncedVector);
    provider.on('sync', (synced: boolean) => {
      if (!synced || link.provider !== provider) return;
      link.attempts = 0;
      link.syncedVector = null;
      this.setState(link, offlineEdits ? 'merged' : 'synced');
      // The server rejects a viewer's uploads anyway; an unknown role tries and learns.
      this.o.assets?.watch(link.projectId, link.serverProjectId, doc, link.role !== 'viewer');
      // Renderers' presence goes up again at once rather than at their next renewal.
      if (link.rendererClients.size > 0 && provider.ws?.readyState === WebSocket.OPEN) {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...link.rendererClients]));
        provider.ws.send(encoding.toUint8Array(e));
      }
      for (const w of link.waiters) w();
      link.waiters.clear();
    });
    provider.on('connection-close', (event: { code?: number } | null) => {
      if (link.provider !== provider) return;
      // Our own backoff and a fresh token replace the provider's fixed-URL retry.
      provider.shouldConnect = false;
      if (link.state === 'synced' || link.state === 'merged') this.rememberSynced(link);
      link.provider = null;
      setImmediate(() => provider.destroy());
      const code = event?.code;
      if (code === SyncCloseCode.FORBIDDEN) {
        this.o.log.warn({ projectId: link.projectId }, 'removed from a shared project, or it was deleted; syncing stops');
        this.setState(link, 'offline');
        return;
      }
      this.setState(link, 'offline');
      this.scheduleRetry(link);
    });
    provider.connect();
  }

  private provider(serverProjectId: string, doc: Y.Doc, token: string, awareness: awarenessProtocol.Awareness): WebsocketProvider {
    const wsBase = `${this.base().replace(/^http/, 'ws')}/sync`;
    return new WebsocketProvider(wsBase, serverProjectId, doc, {
      connect: false,
      awareness,
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      resyncInterval: -1,
    });
  }

  private scheduleRetry(link: Link): void {
    if (link.stopped || link.paused || link.retry) return;
    const base = this.o.baseBackoffMs ?? 500;
    const max = this.o.maxBackoffMs ?? 30_000;
    const delay = reconnectDelay(link.attempts, base, max);
    link.attempts = Math.min(link.attempts + 1, 16);
    link.retry = setTimeout(() => {
      link.retry = null;
      void this.connect(link);
    }, delay);
    link.retry.unref();
  }

  private retryAllNow(): void {
    for (const link of this.links.values()) {
      if (link.provider || link.paused || link.stopped) continue;
      if (link.retry) clearTimeout(link.retry);
      link.retry = null;
      link.attempts = 0;
      void this.connect(link);
    }
  }

  private rememberSynced(link: Link): void {
    if (link.doc && !link.syncedVector) link.syncedVector = Y.decodeStateVector(Y.encodeStateVector(link.doc));
  }

  private firstSync(link: Link): Promise<void> {
    if (link.state === 'synced' || link.state === 'merged' || link.paused) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        link.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.o.firstSyncTimeoutMs ?? 20_000);
      link.waiters.add(done);
    });
  }

  private setState(link: Link, state: SyncState): void {
    if (link.state === state) return;
    link.state = state;
    if (this.o.projects.store.find(link.projectId)) this.o.events.emit('collab.status', this.statusOf(link));
  }

  private statusOf(link: Link): ProjectSyncStatus {
    return { projectId: link.projectId, state: link.state, serverProjectId: link.serverProjectId, role: link.role, paused: link.paused };
  }

  private base(): string {
    return this.o.syncServerUrl();
  }

  private async requireToken(): Promise<string> {
    const token = await this.o.accessToken();
    if (!token) throw new EncoreError('UNAUTHENTICATED', 'Sign in (and be online) to share projects', { reason: 'signed-out-or-offline' });
    return token;
  }

  private rows(): MappingRow[] {
    return this.o.db.sqlite.prepare('SELECT project_id, server_project_id, role, paused FROM shared_projects WHERE server_url = ? ORDER BY shared_at, project_id').all(this.base()) as MappingRow[];
  }

  private row(projectId: string): MappingRow | undefined {
    return this.o.db.sqlite.prepare('SELECT project_id, server_project_id, role, paused FROM shared_projects WHERE project_id = ? AND server_url = ?').get(projectId, this.base()) as MappingRow | undefined;
  }

  private requireRow(projectId: string): MappingRow {
    this.o.projects.get(projectId);
    const row = this.row(projectId);
    if (!row) throw new EncoreError('CONFLICT', 'Share this project first', { projectId, reason: 'project-not-shared' });
    return row;
  }

  private insertRow(projectId: string, serverProjectId: string, role: StudioRole): void {
    this.write(() =>
      this.o.db.sqlite
        .prepare('INSERT INTO shared_projects (project_id, server_url, server_project_id, role, shared_at) VALUES (?, ?, ?, ?, ?)')
        .run(projectId, this.base(), serverProjectId, role, new Date().toISOString()),
    );
  }

  private write(fn: () => void): void {
    this.o.db.sqlite.transaction(fn).immediate();
  }
}

/** True when `now` holds updates beyond `then` (a client with a higher clock, or a new client). */
function advanced(now: Map<number, number>, then: Map<number, number>): boolean {
  for (const [client, clock] of now) if (clock > (then.get(client) ?? 0)) return true;
  return false;
}
