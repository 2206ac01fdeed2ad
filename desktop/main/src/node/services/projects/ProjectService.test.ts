import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { connectProjectDoc } from '@encore/shared/host/connectProjectDoc';
import { ProjectApi } from '@encore/shared/project/api/ProjectApi';
import { readProject } from '@encore/shared/project/read/readProject';
import { PROJECT_SCHEMA_VERSION } from '@encore/shared/project/schema/migrations';
import { sha256 } from './BlobStore';
import { inProcessHostClient, projectHarness, projectRouter, type ProjectHarness } from './testing';

const json = (doc: Y.Doc) => JSON.stringify(readProject(doc));
const dump = (h: ProjectHarness) => ({
  projects: h.db.sqlite.prepare(`SELECT * FROM projects ORDER BY id`).all(),
  updates: h.db.sqlite.prepare(`SELECT id, project_id, hex(data) AS data FROM project_updates ORDER BY id`).all(),
  snapshots: h.db.sqlite.prepare(`SELECT project_id, hex(data) AS data FROM project_snapshots ORDER BY project_id`).all(),
});

/** A renderer-like replica connected through the router. */
async function replica(h: ProjectHarness, projectId: string) {
  const doc = new Y.Doc();
  const conn = connectProjectDoc(inProcessHostClient(h), projectId, doc);
  await conn.synced;
  return { doc, conn, api: new ProjectApi(doc, { origin: 'user' }) };
}

describe('ProjectService', () => {
  let h: ProjectHarness;
  afterEach(() => h.dispose());

  it('creates empty and demo projects, validates titles and lists them newest first', () => {
    h = projectHarness();
    const events: unknown[] = [];
    h.events.on('projects.changed', (e) => events.push(e));
    const empty = h.projects.create({ title: '  Sketch ' });
    h.clock.ms += 1000;
    const demo = h.projects.create({ template: 'demo' });
    expect(empty).toMatchObject({ title: 'Sketch', template: 'empty', deletedAt: null, openedAt: null });
    expect(demo).toMatchObject({ title: 'Encore demo', template: 'demo' });
    expect(readProject(h.store.loadDoc(demo.id)).tracks.map((t) => t.name)).toEqual(['Drums', 'Bass', 'Chords', 'Lead', 'Reverb']);
    expect(h.projects.list().map((p) => p.id)).toEqual([demo.id, empty.id]);
    expect(() => h.projects.create({ title: '   ' })).toThrow();
    expect(() => h.projects.create({ title: 'x'.repeat(201) })).toThrow();
    expect(() => h.projects.create({ title: 'bell\u0007' })).toThrow(/control/);
    expect(events).toEqual([
      { projectId: empty.id, change: 'created' },
      { projectId: demo.id, change: 'created' },
    ]);
  });

  it('renames through the document, so open replicas see the new title', async () => {
    h = projectHarness();
    const p = h.projects.create({ title: 'Old' });
    const r = await replica(h, p.id);
    expect(h.projects.get(p.id)).toMatchObject({ openedAt: new Date(h.clock.ms).toISOString(), updatedAt: p.updatedAt });
    h.clock.ms += 5000;
    expect(h.projects.rename(p.id, 'New')).toMatchObject({ title: 'New', updatedAt: new Date(h.clock.ms).toISOString() });
    expect(r.doc.getMap('meta').get('title')).toBe('New');
    // A title edited in the document by a renderer reaches the list too.
    r.api.setTitle({ title: 'From the renderer' });
    await r.conn.flushed();
    expect(h.projects.get(p.id).title).toBe('From the renderer');
    await r.conn.dispose();
  });

  it('connectProjectDoc releases its listeners and its subscription on dispose', async () => {
    h = projectHarness();
    const p = h.projects.create();
    const updateListeners = (doc: Y.Doc) => (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0;
    const before = h.events.listenerCount;
    const r = await replica(h, p.id);
    expect(h.events.listenerCount).toBe(before + 2);
    expect(updateListeners(r.doc)).toBe(1);
    await r.conn.dispose();
    expect(h.events.listenerCount).toBe(before);
    expect(updateListeners(r.doc)).toBe(0);
    // The host let go of the subscription; with nobody left the document unloads when idle.
    h.clock.ms += 10 * 60_000;
    h.projects.sweep();
    expect(h.projects.live.loadedCount).toBe(0);
    // Later local edits are not sent anywhere.
    r.api.createTrack({ kind: 'audio', name: 'Offline' });
    expect(readProject(h.store.loadDoc(p.id)).tracks).toEqual([]);
  });

  it('duplicates with a new id and the same content', () => {
    h = projectHarness();
    const p = h.projects.create({ template: 'demo', title: 'Song' });
    const copy = h.projects.duplicate(p.id);
    expect(copy.id).not.toBe(p.id);
    expect(copy).toMatchObject({ title: 'Song (copy)', template: 'demo' });
    const a = readProject(h.store.loadDoc(p.id));
    const b = readProject(h.store.loadDoc(copy.id));
    expect({ ...b, title: a.title }).toEqual(a);
    expect(h.projects.duplicate(p.id, 'Take 2').title).toBe('Take 2');
  });

  it('trashes, restores from the trash, and deletes forever only with a fresh confirmation', async () => {
    h = projectHarness();
    const p = h.projects.create({ title: 'Doomed' });
    const r = await replica(h, p.id);
    const resets: unknown[] = [];
    h.events.on('projects.doc.reset', (e) => resets.push(e));
    expect(() => h.projects.requestPurge(p.id)).toThrow(/trash before/);

    expect(h.projects.trash(p.id).deletedAt).not.toBeNull();
    expect(resets).toEqual([{ projectId: p.id, reason: 'trashed' }]);
    expect(h.projects.list().map((x) => x.id)).toEqual([]);
    expect(h.projects.list({ trash: true }).map((x) => x.id)).toEqual([p.id]);
    expect(() => h.projects.openDoc(p.id, new Uint8Array([0, 0]))).toThrow(/in the trash/);
    await expect(r.conn.flushed()).rejects.toThrow(/moved to the trash/);
    await r.conn.dispose();

    expect(h.projects.untrash(p.id).deletedAt).toBeNull();
    h.projects.trash(p.id);
    expect(() => h.projects.purge(p.id, 'guess')).toThrow(/Confirm/);
    const { confirmToken } = h.projects.requestPurge(p.id);
    h.clock.ms += 61_000;
    expect(() => h.projects.purge(p.id, confirmToken)).toThrow(/expired/);
    const fresh = h.projects.requestPurge(p.id);
    expect(h.projects.purge(p.id, fresh.confirmToken)).toEqual({ projectId: p.id });
    expect(() => h.projects.get(p.id)).toThrow(/no project/);
    expect(dump(h).updates).toEqual([]);
  });

  it('restores a version as a new change that every replica receives', async () => {
    h = projectHarness();
    const p = h.projects.create({ title: 'Song' });
    const a = await replica(h, p.id);
    const drums = a.api.createTrack({ kind: 'instrument', name: 'Drums' });
    a.api.addMidiClip({ trackId: drums, start: 0, length: 3840, notes: [{ pitch: 36, tick: 0, duration: 240 }] });
    await a.conn.flushed();
    const v1 = h.projects.saveVersion(p.id, 'Groove');
    const atV1 = json(a.doc);

    a.api.deleteTrack({ trackId: drums });
    a.api.createTrack({ kind: 'audio', name: 'Vocals' });
    a.api.setTempo({ bpm: 140 });
    await a.conn.flushed();
    const b = await replica(h, p.id);
    expect(json(b.doc)).toBe(json(a.doc));
    const rowsBefore = dump(h).updates.length;

    const { backup } = h.projects.restoreVersion(p.id, v1.id);
    expect(backup).toMatchObject({ kind: 'auto', name: 'Before restoring “Groove”' });
    expect(json(a.doc)).toBe(atV1);
    expect(json(b.doc)).toBe(atV1);
    expect(json(h.store.loadDoc(p.id))).toBe(atV1);
    // One new update on top; nothing in the log was rewritten.
    expect(dump(h).updates.length).toBe(rowsBefore + 1);
    expect(h.projects.listVersions(p.id).map((v) => v.name)).toEqual(['Before restoring “Groove”', 'Groove']);

    // The restore is an ordinary edit: restoring the backup brings the later state back.
    h.projects.restoreVersion(p.id, backup.id);
    expect(readProject(b.doc).tracks.map((t) => t.name)).toEqual(['Vocals']);
    expect(json(a.doc)).toBe(json(b.doc));
    await a.conn.dispose();
    await b.conn.dispose();
  });

  it('takes an automatic version every autoVersionMs of editing', () => {
    h = projectHarness({ service: { autoVersionMs: 60_000, autoVersionsKept: 2 } });
    const p = h.projects.create();
    const edit = (bpm: number) => h.projects.live.transact(p.id, (doc) => new ProjectApi(doc, { origin: 'x' }).setTempo({ bpm }));
    edit(100);
    expect(h.projects.listVersions(p.id)).toEqual([]);
    h.clock.ms += 60_000;
    edit(101);
    edit(102);
    expect(h.projects.listVersions(p.id).map((v) => v.kind)).toEqual(['auto']);
    for (let i = 0; i < 3; i++) {
      h.clock.ms += 60_000;
      edit(110 + i);
    }
    expect(h.projects.listVersions(p.id)).toHaveLength(2);
  });

  it('refuses a document from a newer Encore and leaves storage untouched', () => {
    h = projectHarness();
    const p = h.projects.create({ title: 'Future' });
    const future = h.store.loadDoc(p.id);
    future.on('update', (u: Uint8Array) => h.store.append(p.id, u));
    future.getMap('meta').set('schemaVersion', PROJECT_SCHEMA_VERSION + 1);
    const before = dump(h);
    const step1 = new Uint8Array([0, 1, 0]);
    for (const attempt of [() => h.projects.openDoc(p.id, step1), () => h.projects.rename(p.id, 'X'), () => h.projects.saveVersion(p.id, 'v'), () => h.projects.duplicate(p.id)]) {
      expect(attempt).toThrow(/created by a newer Encore/);
    }
    expect(dump(h)).toEqual(before);
    expect(h.projects.live.loadedCount).toBe(0);
  });

  it('ends lapsed subscriptions and unloads idle documents', async () => {
    h = projectHarness({ service: { leaseMs: 1000, idleMs: 5000 } });
    const p = h.projects.create();
    const r = await replica(h, p.id);
    expect(h.projects.live.loadedCount).toBe(1);
    h.clock.ms += 1001;
    h.projects.sweep();
    expect(h.projects.live.loadedCount).toBe(1);
    // The replica's next send finds its subscription gone, reopens, and its edit still lands.
    r.api.createTrack({ kind: 'audio', name: 'Late' });
    await r.conn.flushed();
    expect(readProject(h.store.loadDoc(p.id)).tracks.map((t) => t.name)).toEqual(['Late']);
    await r.conn.dispose();
    h.clock.ms += 5000;
    h.projects.sweep();
    expect(h.projects.live.loadedCount).toBe(0);
  });

  it('unloads the live document when an update cannot be stored, and says so', async () => {
    h = projectHarness();
    const p = h.projects.create();
    const r = await replica(h, p.id);
    const resets: unknown[] = [];
    h.events.on('projects.doc.reset', (e) => resets.push(e));
    const append = vi.spyOn(h.store, 'append').mockImplementationOnce(() => {
      throw new Error('SQLITE_FULL: database or disk is full');
    });
    expect(() => h.projects.rename(p.id, 'Never saved')).toThrow(/could not be saved/);
    expect(resets).toEqual([{ projectId: p.id, reason: 'storage-error' }]);
    append.mockRestore();
    expect(h.projects.get(p.id).title).toBe('Untitled project');
    // The replica resubscribes and keeps working.
    r.api.createTrack({ kind: 'bus', name: 'FX' });
    await r.conn.flushed();
    expect(readProject(h.store.loadDoc(p.id)).tracks.map((t) => t.name)).toEqual(['FX']);
    await r.conn.dispose();
  });

  describe('.encore export and import', () => {
    async function projectWithAudio() {
      const audio = new Uint8Array(10_000).map((_, i) => (i * 31) & 0xff);
      const hash = await h.blobs.put(audio);
      const p = h.projects.create({ title: 'With audio' });
      h.projects.live.transact(p.id, (doc) => {
        const api = new ProjectApi(doc, { origin: 'x' });
        api.addAsset({ hash, name: 'take.wav', mimeType: 'audio/wav', byteLength: audio.byteLength, durationSeconds: 1, sampleRate: 48000, channels: 1 });
        const track = api.createTrack({ kind: 'audio', name: 'Voice' });
        api.addAudioClip({ trackId: track, start: 0, length: 1920, assetHash: hash });
      });
      return { p, audio, hash };
    }

    it('round-trips a project with its assets into a new project on another machine', async () => {
      h = projectHarness();
      const { p, audio, hash } = await projectWithAudio();
      const file = await h.projects.exportProject(p.id);
      const original = json(h.store.loadDoc(p.id));
      h.dispose();

      h = projectHarness(); // a fresh data folder: nothing shared but the file
      const imported = await h.projects.importProject(file);
      expect(imported.id).not.toBe(p.id);
      expect(imported).toMatchObject({ title: 'With audio', template: 'empty' });
      expect(json(h.store.loadDoc(imported.id))).toBe(original);
      expect(await h.blobs.get(hash)).toEqual(audio);
    });

    it('exports to and imports from the host folders through the procedures', async () => {
      h = projectHarness();
      const { p } = await projectWithAudio();
      const host = inProcessHostClient(h);
      const out = await host.call('projects.export', { projectId: p.id });
      expect(out.fileName).toMatch(/^With audio \d{4}-\d\d-\d\d\.encore$/);
      const bytes = fs.readFileSync(path.join(h.dir, 'exports', out.fileName));
      expect(sha256(bytes)).toBe(out.sha256);
      expect((await host.call('projects.export', { projectId: p.id })).fileName).toMatch(/\(2\)\.encore$/);
      fs.mkdirSync(path.join(h.dir, 'imports'));
      fs.writeFileSync(path.join(h.dir, 'imports', 'song.encore'), bytes);
      const imported = await host.call('projects.import', { fileName: 'song.encore' });
      expect(imported.title).toBe('With audio');
      for (const fileName of ['../encore.db', '../exports/x.encore', '/etc/x.encore', '..\\x.encore', '.hidden.encore']) {
        expect(await projectRouter(h).dispatch('projects.import', { fileName })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      }
      await expect(host.call('projects.import', { fileName: 'nope.encore' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('imports nothing from a corrupt, truncated or newer file', async () => {
      h = projectHarness();
      const { p } = await projectWithAudio();
      const file = await h.projects.exportProject(p.id);
      const blobDirs = () => fs.readdirSync(h.blobs.root).sort();
      h.dispose();
      h = projectHarness();
      const before = dump(h);
      const flipped = new Uint8Array(file);
      const middle = Math.floor(file.length / 2);
      flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
      for (const bad of [file.slice(0, file.length - 100), file.slice(0, 200), flipped, new Uint8Array(0)]) {
        await expect(h.projects.importProject(bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      }
      expect(dump(h)).toEqual(before);
      expect(fs.existsSync(h.blobs.root) ? blobDirs() : []).toEqual([]);
    });
  });
});
