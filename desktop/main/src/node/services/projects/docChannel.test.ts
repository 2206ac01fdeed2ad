import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createHostClient, type HostClient, type HostTransport } from '@encore/shared/host/client';
import { HOST_PROTOCOL_VERSION, HostReplyFrame } from '@encore/shared/host/contract';
import { connectProjectDoc } from '@encore/shared/host/connectProjectDoc';
import type { Result } from '@encore/shared/result';
import { ProjectApi } from '@encore/shared/project/api/ProjectApi';
import { readProject } from '@encore/shared/project/read/readProject';
import { startBrowserMode, type BrowserModeHandle } from '../../../browser-mode/server';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { tempDir } from '../../db/testing';
import { createProcedures } from '../../host/procedures';
import { createRouter } from '../../host/router';
import { silentLogger } from '../../logger';
import { createHostServices, type HostServices } from '../hostServices';
import { ProjectStore } from './ProjectStore';

/** What the renderer's browser-mode transport does: JSON frames over the /host socket. */
async function wsHostClient(handle: BrowserModeHandle): Promise<{ host: HostClient; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${handle.port}/host`, { headers: { origin: handle.origin, cookie: `encore_host_${handle.port}=${handle.token}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 1;
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  ws.on('message', (data) => {
    const frame = HostReplyFrame.parse(JSON.parse(data.toString()));
    if ('event' in frame) for (const l of listeners.get(frame.event) ?? []) l(frame.payload);
    else {
      waiting.get(frame.id)?.(frame.ok ? { ok: true, value: frame.value } : (frame as Result<unknown>));
      waiting.delete(frame.id);
    }
  });
  const transport: HostTransport = {
    call: (method, params) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ v: HOST_PROTOCOL_VERSION, id, method, params }));
      }),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
  };
  return { host: createHostClient(transport), close: () => ws.close() };
}

const json = (doc: Y.Doc) => JSON.stringify(readProject(doc));

describe('the project document channel over the browser-mode WebSocket', () => {
  const tmp = tempDir();
  let services: HostServices;
  let handle: BrowserModeHandle;

  beforeAll(async () => {
    const dist = path.join(tmp.dir, 'dist');
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Encore</title>');
    const config = loadConfig({ ENCORE_DATA_DIR: path.join(tmp.dir, 'data'), ENCORE_RENDERER_DIST: dist });
    services = createHostServices(config, silentLogger());
    const router = createRouter(createProcedures(services, 'browser'), silentLogger());
    handle = await startBrowserMode({ router, events: services.events, rendererDist: dist, port: 0, serverUrls: () => [], log: silentLogger() });
  });
  afterAll(async () => {
    await handle.close();
    await services.dispose();
    tmp.cleanup();
  });

  it('keeps two renderer replicas and the host converged, and stores every acknowledged edit', async () => {
    const a = await wsHostClient(handle);
    const b = await wsHostClient(handle);
    const project = await a.host.call('projects.create', { template: 'demo', title: 'Jam' });
    expect((await b.host.call('projects.list', {})).map((p) => p.id)).toEqual([project.id]);

    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const connA = connectProjectDoc(a.host, project.id, docA);
    const connB = connectProjectDoc(b.host, project.id, docB);
    await Promise.all([connA.synced, connB.synced]);
    expect(readProject(docA).tracks.map((t) => t.name)).toEqual(['Drums', 'Bass', 'Chords', 'Lead', 'Reverb']);
    expect(json(docB)).toBe(json(docA));

    // Concurrent edits on both replicas.
    const apiA = new ProjectApi(docA, { origin: 'alice' });
    const apiB = new ProjectApi(docB, { origin: 'bob' });
    const keys = apiA.createTrack({ kind: 'instrument', name: 'Keys' });
    apiB.createTrack({ kind: 'audio', name: 'Vocals' });
    apiA.addMidiClip({ trackId: keys, start: 0, length: 3840, notes: [{ pitch: 60, tick: 0, duration: 480 }] });
    apiB.setTempo({ bpm: 96 });
    await Promise.all([connA.flushed(), connB.flushed()]);
    await expect.poll(() => json(docA) === json(docB)).toBe(true);
    expect(readProject(docA).tracks.map((t) => t.name)).toEqual(expect.arrayContaining(['Keys', 'Vocals']));
    expect(readProject(docA).tempo).toEqual([{ tick: 0, bpm: 96 }]);

    // Host-side changes (a rename, a restore) reach both replicas as updates.
    const version = await a.host.call('projects.versions.save', { projectId: project.id, name: 'Before cleanup' });
    apiB.deleteTrack({ trackId: keys });
    await connB.flushed();
    await a.host.call('projects.rename', { projectId: project.id, title: 'Jam session' });
    await b.host.call('projects.versions.restore', { projectId: project.id, versionId: version.id });
    await expect.poll(() => readProject(docA).tracks.some((t) => t.name === 'Keys') && json(docA) === json(docB)).toBe(true);
    expect(readProject(docB).title).toBe('Jam session');

    // What the host stored is exactly what the replicas hold (read from SQLite with a new connection).
    const second = openDatabase({ path: services.config.dbPath });
    try {
      expect(json(new ProjectStore({ db: second }).loadDoc(project.id))).toBe(json(docA));
    } finally {
      second.dispose();
    }

    await connA.dispose();
    await connB.dispose();
    a.close();
    b.close();
    expect(services.projects.live.isLoaded(project.id)).toBe(true);
    services.projects.sweep();
  });

  it('refuses a malformed sync message and an unknown subscription with clear errors', async () => {
    const c = await wsHostClient(handle);
    const project = await c.host.call('projects.create', {});
    await expect(c.host.call('projects.doc.open', { projectId: project.id, syncStep1: 'AgA=' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: /sync step 1/ });
    await expect(c.host.call('projects.doc.sync', { subscriptionId: 'x'.repeat(21), messages: ['AAA='] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    c.close();
  });
});
