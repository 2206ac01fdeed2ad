import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostClient } from '@encore/shared/host/client';
import { connectProjectDoc, type ProjectDocConnection } from '@encore/shared/host/connectProjectDoc';
import { ProjectsChanged, type ProjectSummary, type ProjectTemplate } from '@encore/shared/host/projects';
import { readProject } from '@encore/shared/project/read/readProject';
import { codeOf, studioMessage } from './studioErrors';
import { createProjectSession, type ProjectSession } from './projectSession';

/** What a project card shows beyond the summary, read from the document itself. */
export interface ProjectStats {
  readonly bpm: number;
  readonly trackCount: number;
  /** The summary's updatedAt the stats were read at: re-read when it moves. */
  readonly readAt: string;
}

export type OpenProject =
  | { readonly state: 'opening'; readonly projectId: string }
  | { readonly state: 'open'; readonly projectId: string; readonly session: ProjectSession }
  | { readonly state: 'failed'; readonly projectId: string; readonly error: string };

export interface ProjectsState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly projects: readonly ProjectSummary[];
  readonly stats: Readonly<Record<string, ProjectStats>>;
  readonly error: string | null;
  readonly open: OpenProject | null;
}

export interface ProjectsModel {
  readonly store: StoreApi<ProjectsState>;
  /** The host the list talks to (the trash, versions and file import screens use it too). */
  readonly host: HostClient;
  load(): Promise<void>;
  create(template: ProjectTemplate, title?: string): Promise<ProjectSummary>;
  rename(projectId: string, title: string): Promise<void>;
  duplicate(projectId: string): Promise<void>;
  remove(projectId: string): Promise<void>;
  /** Opens a project in the editor: a live replica synced with the host. */
  openProject(projectId: string): Promise<void>;
  closeProject(): Promise<void>;
  dispose(): void;
}

const message = studioMessage;

/**
 * The projects list and the open project, over the host's projects procedures. The list
 * follows `projects.changed` events (another window creating or trashing a project); each
 * card's tempo and track count are read once per edit from the document.
 *
 * @example
 * const projects = createProjectsModel(host, () => 'user-ada');
 * await projects.load();
 * await projects.openProject(projects.store.getState().projects[0].id);
 */
export function createProjectsModel(host: HostClient, userOrigin: () => string): ProjectsModel {
  const store = createStore<ProjectsState>(() => ({ status: 'idle', projects: [], stats: {}, error: null, open: null }));
  let connection: ProjectDocConnection | null = null;
  let disposed = false;
  const reading = new Set<string>();

  const readStats = async (summary: ProjectSummary): Promise<void> => {
    const key = `${summary.id}@${summary.updatedAt}`;
    if (reading.has(key) || store.getState().stats[summary.id]?.readAt === summary.updatedAt) return;
    reading.add(key);
    const doc = new Y.Doc();
    const conn = connectProjectDoc(host, summary.id, doc);
    try {
      await conn.synced;
      const snapshot = readProject(doc);
      const stats: ProjectStats = { bpm: snapshot.tempo[0]?.bpm ?? 120, trackCount: snapshot.tracks.length, readAt: summary.updatedAt };
      if (!disposed) store.setState((s) => ({ stats: { ...s.stats, [summary.id]: stats } }));
    } finally {
      reading.delete(key);
      await conn.dispose();
      doc.destroy();
    }
  };

  const load = async (): Promise<void> => {
    store.setState((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: null }));
    try {
      const projects = await host.call('projects.list', { trash: false });
      if (disposed) return;
      store.setState({ status: 'ready', projects });
      await Promise.all(projects.map((p) => readStats(p).catch(() => undefined)));
    } catch (e) {
      store.setState({ status: 'error', error: message(e) });
    }
  };

  const offChanged = host.on('projects.changed', (payload) => {
    if (ProjectsChanged.safeParse(payload).success) void load();
  });

  const closeProject = async (): Promise<void> => {
    const open = store.getState().open;
    store.setState({ open: null });
    const conn = connection;
    connection = null;
    if (open?.state === 'open') open.session.dispose();
    if (conn) await conn.dispose();
  };

  return {
    store,
    host,
    load,
    async create(template, title) {
      const created = await host.call('projects.create', title === undefined ? { template } : { template, title });
      await load();
      return created;
    },
    async rename(projectId, title) {
      await host.call('projects.rename', { projectId, title });
      await load();
    },
    async duplicate(projectId) {
      await host.call('projects.duplicate', { projectId });
      await load();
    },
    async remove(projectId) {
      if (store.getState().open?.projectId === projectId) await closeProject();
      await host.call('projects.delete', { projectId });
      await load();
    },
    async openProject(projectId) {
      await closeProject();
      store.setState({ open: { state: 'opening', projectId } });
      const doc = new Y.Doc();
      const conn = connectProjectDoc(host, projectId, doc, {
        onError: (e) => {
          if (codeOf(e) === 'PROJECT_NOT_FOUND' && store.getState().open?.projectId === projectId) {
            void closeProject().then(() => store.setState({ open: { state: 'failed', projectId, error: message(e) } }));
          }
        },
      });
      connection = conn;
      try {
        await conn.synced;
        if (connection !== conn) return;
        // One history per opened editor: undo never reverts another window's (or person's) edits.
        const session = createProjectSession(doc, { origin: `${userOrigin()}:${crypto.randomUUID()}` });
        store.setState({ open: { state: 'open', projectId, session } });
      } catch (e) {
        if (connection === conn) {
          connection = null;
          await conn.dispose();
          store.setState({ open: { state: 'failed', projectId, error: message(e) } });
        }
      }
    },
    closeProject,
    dispose() {
      disposed = true;
      offChanged();
      void closeProject();
    },
  };
}
