import path from 'node:path';
import { createHostClient, type HostClient } from '@encore/shared/host/client';
import { hostContract, type HostEvent } from '@encore/shared/host/contract';
import { HostEventBus } from '../../../common/hostEventBus';
import { createRouter, type HostProcedures, type HostRouter } from '../../host/router';
import { openDatabase, type EncoreDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { silentLogger } from '../../logger';
import { BlobStore } from './BlobStore';
import { createProjectProcedures } from './projectProcedures';
import { ProjectService, type ProjectServiceOptions } from './ProjectService';
import { ProjectStore, type ProjectStoreOptions } from './ProjectStore';

export interface ProjectHarness {
  dir: string;
  db: EncoreDatabase;
  events: HostEventBus;
  store: ProjectStore;
  blobs: BlobStore;
  projects: ProjectService;
  /** A fake clock the service reads; advance with `clock.ms += n`. */
  clock: { ms: number };
  dispose(): void;
}

/** A project service over a fresh database file and blob folder, with a controllable clock and no timers. */
export function projectHarness(o: { store?: Partial<ProjectStoreOptions>; service?: Partial<ProjectServiceOptions> } = {}): ProjectHarness {
  const tmp = tempDir('encore-projects-');
  const clock = { ms: Date.parse('2025-03-01T12:00:00.000Z') };
  const now = () => new Date(clock.ms);
  const db = openDatabase({ path: path.join(tmp.dir, 'encore.db') });
  const events = new HostEventBus();
  const store = new ProjectStore({ db, now, ...o.store });
  const blobs = new BlobStore({ root: path.join(tmp.dir, 'blobs') });
  const projects = new ProjectService({ store, blobs, events, log: silentLogger(), sweepMs: 0, now, ...o.service });
  return {
    dir: tmp.dir,
    db,
    events,
    store,
    blobs,
    projects,
    clock,
    dispose() {
      projects.dispose();
      events.dispose();
      db.dispose();
      tmp.cleanup();
    },
  };
}

/**
 * A host client that reaches the project procedures through the real router in-process, with
 * JSON round trips as a transport would do, and events from the harness's bus.
 */
export function inProcessHostClient(h: ProjectHarness): HostClient {
  const router = projectRouter(h);
  const wire = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  return createHostClient({
    call: async (method, params) => wire(await router.dispatch(method, wire(params))),
    on: (event: HostEvent, listener: (payload: unknown) => void) => h.events.onAny((e, payload) => e === event && listener(wire(payload))),
  });
}

/** The real router with the project procedures (every other procedure throws). */
export function projectRouter(h: ProjectHarness): HostRouter {
  const notHere = () => {
    throw new Error('not part of the project harness');
  };
  const procedures = { ...Object.fromEntries(Object.keys(hostContract).map((m) => [m, notHere])), ...createProjectProcedures(h.projects, h.dir) } as HostProcedures;
  return createRouter(procedures, silentLogger());
}
