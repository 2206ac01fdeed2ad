import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProjectApi } from '../api/ProjectApi';
import { readProject } from '../read/readProject';
import { createEmptyProject } from '../templates/emptyProject';
import { MIGRATIONS, PROJECT_SCHEMA_VERSION, migrateProject } from './migrations';

/** A document as Encore wrote it at schema 1: tempo and meter on meta, tracks without phase invert. */
function versionOneDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 1);
    meta.set('title', 'Old song');
    meta.set('bpm', 95);
    meta.set('numerator', 3);
    meta.set('denominator', 4);
    meta.set('loop', { start: 0, end: 3840, enabled: false });
    for (const [id, kind, order] of [['master', 'master', 'V'], ['t1', 'audio', 'F']] as const) {
      const track = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id, kind, name: id, order, color: '#000000', volumeDb: 0, pan: 0, mute: false, solo: false, arm: false, output: null, instrument: null, activeTakeId: null })) track.set(k, v);
      for (const k of ['devices', 'sends', 'automationLanes', 'automationPoints']) track.set(k, new Y.Map());
      doc.getMap('tracks').set(id, track);
    }
  });
  return doc;
}

describe('migrations', () => {
  it('are numbered 2..current, in order, with unique ids', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: PROJECT_SCHEMA_VERSION - 1 }, (_, i) => i + 2));
    expect(new Set(MIGRATIONS.map((m) => m.id)).size).toBe(MIGRATIONS.length);
  });

  it('upgrade a version 1 document', () => {
    const doc = versionOneDoc();
    expect(() => readProject(doc)).toThrow(/run migrateProject/);
    expect(() => new ProjectApi(doc, { origin: 'a' })).toThrow(/run migrateProject/);
    expect(migrateProject(doc)).toEqual({ fromVersion: 1, toVersion: 3, applied: ['encore.project/2-tempo-and-meter-maps', 'encore.track/3-phase-invert'] });
    const p = readProject(doc);
    expect(p).toMatchObject({ schemaVersion: 3, title: 'Old song', tempo: [{ tick: 0, bpm: 95 }], meters: [{ tick: 0, numerator: 3, denominator: 4 }], issues: [] });
    expect(p.tracks[0]?.phaseInvert).toBe(false);
    expect(doc.getMap('meta').has('bpm')).toBe(false);
    expect(migrateProject(doc).applied).toEqual([]);
  });

  it('migration 3 alone: a version 2 document gains phase invert, keeping other fields', () => {
    const doc = versionOneDoc();
    MIGRATIONS[0]?.up(doc);
    doc.getMap('meta').set('schemaVersion', 2);
    (doc.getMap('tracks').get('t1') as Y.Map<unknown>).set('pan', 0.3);
    expect(migrateProject(doc).applied).toEqual(['encore.track/3-phase-invert']);
    expect(readProject(doc).tracks[0]).toMatchObject({ pan: 0.3, phaseInvert: false });
  });

  it('converge when two peers upgrade the same old document at once', () => {
    const a = versionOneDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateProject(a);
    migrateProject(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(JSON.stringify(readProject(a))).toBe(JSON.stringify(readProject(b)));
    expect(readProject(a).issues).toEqual([]);
  });

  it('refuse a document from a newer Encore, leaving it untouched', () => {
    const doc = new Y.Doc();
    createEmptyProject(doc, { title: 'Future' });
    doc.getMap('meta').set('schemaVersion', PROJECT_SCHEMA_VERSION + 1);
    doc.getMap('meta').set('hologram', { beams: 3 });
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => migrateProject(doc)).toThrow(/created by a newer Encore \(project format 4; this version opens up to 3\)/);
    expect(() => readProject(doc)).toThrow(/newer Encore/);
    expect(() => new ProjectApi(doc, { origin: 'a' })).toThrow(/newer Encore/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('stop an open ProjectApi writing once a peer upgrades the document past it', () => {
    const doc = new Y.Doc();
    createEmptyProject(doc, { title: 'Open' });
    const api = new ProjectApi(doc, { origin: 'a' });
    doc.getMap('meta').set('schemaVersion', PROJECT_SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => api.createTrack({ kind: 'audio' })).toThrow(/newer Encore/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('refuse a document with no project in it', () => {
    expect(() => migrateProject(new Y.Doc())).toThrow(/no Encore project/);
  });
});
