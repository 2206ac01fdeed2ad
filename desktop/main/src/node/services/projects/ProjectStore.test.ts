import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProjectApi } from '@encore/shared/project/api/ProjectApi';
import { createIdGenerator, seededRandomBytes } from '@encore/shared/project/ids';
import { readProject } from '@encore/shared/project/read/readProject';
import { createEmptyProject } from '@encore/shared/project/templates/emptyProject';
import { applyEdit, editArbitrary } from './randomEdits';
import { projectHarness, type ProjectHarness } from './testing';

/** A new project in the store and a live doc whose every update is appended, as the host does. */
function liveProject(h: ProjectHarness, seed = 1) {
  const doc = new Y.Doc();
  createEmptyProject(doc, { title: 'Song' });
  const project = h.store.create({ title: 'Song', template: 'empty' }, Y.encodeStateAsUpdate(doc));
  doc.on('update', (u: Uint8Array) => h.store.append(project.id, u));
  const api = new ProjectApi(doc, { origin: 'me', newId: createIdGenerator(seededRandomBytes(seed)) });
  return { doc, api, id: project.id };
}

const json = (doc: Y.Doc) => JSON.stringify(readProject(doc));
const rowCount = (h: ProjectHarness, table: string) => h.db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('ProjectStore', () => {
  let h: ProjectHarness;
  afterEach(() => h.dispose());

  it('appends one row per update and reloads the same project', () => {
    h = projectHarness();
    const { doc, api, id } = liveProject(h);
    const bass = api.createTrack({ kind: 'instrument', name: 'Bass' });
    api.addMidiClip({ trackId: bass, start: 0, length: 3840, notes: [{ pitch: 36, tick: 0, duration: 480 }] });
    api.setTempo({ bpm: 98 });
    expect(h.store.logStats(id).rows).toBe(4); // the initial state + three edits
    const loaded = h.store.loadDoc(id);
    expect(json(loaded)).toBe(json(doc));
    expect(readProject(loaded).tracks[0]?.clips[0]).toMatchObject({ kind: 'midi', notes: [{ pitch: 36 }] });
  });

  it('keeps every update through compaction at any point (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(editArbitrary, fc.boolean()), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 1000 }), (steps, seed) => {
        h = projectHarness();
        try {
          const { doc, api, id } = liveProject(h, seed);
          for (const [edit, compactAfter] of steps) {
            applyEdit(api, edit);
            if (compactAfter) {
              h.store.compact(id);
              expect(h.store.logStats(id).rows).toBe(0);
            }
          }
          expect(json(h.store.loadDoc(id))).toBe(json(doc));
          h.store.compact(id);
          expect(json(h.store.loadDoc(id))).toBe(json(doc));
        } finally {
          h.dispose();
        }
      }),
      { numRuns: 60 },
    );
    h = projectHarness(); // for afterEach
  });

  it('compacts by itself past the row threshold, in one transaction', () => {
    h = projectHarness({ store: { compactAfterRows: 5 } });
    const { doc, api, id } = liveProject(h);
    for (let i = 0; i < 12; i++) api.createTrack({ kind: 'audio', name: `T${i}` });
    expect(h.store.logStats(id).rows).toBeLessThan(5);
    expect(rowCount(h, 'project_snapshots')).toBe(1);
    expect(json(h.store.loadDoc(id))).toBe(json(doc));
  });

  it('refuses a corrupt row with an error naming the project and writes nothing', () => {
    h = projectHarness();
    const { api, id } = liveProject(h);
    api.createTrack({ kind: 'audio', name: 'Keep me' });
    h.db.sqlite.prepare(`INSERT INTO project_updates (project_id, data, created_at) VALUES (?, ?, 'now')`).run(id, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f, 0x01, 0x02]));
    const before = h.db.sqlite.prepare(`SELECT id, hex(data) AS data FROM project_updates ORDER BY id`).all();
    expect(() => h.store.loadDoc(id)).toThrow(new RegExp(`Project “Song” \\(${id}\\) cannot be loaded: update #\\d+ is corrupt`));
    expect(() => h.store.compact(id)).toThrow(/cannot be loaded|cannot be merged/);
    expect(h.db.sqlite.prepare(`SELECT id, hex(data) AS data FROM project_updates ORDER BY id`).all()).toEqual(before);
    expect(rowCount(h, 'project_snapshots')).toBe(0);
  });

  it('refuses a stored document that holds no project', () => {
    h = projectHarness();
    const p = h.store.create({ title: 'Empty', template: 'empty' }, Y.encodeStateAsUpdate(new Y.Doc()));
    expect(() => h.store.loadDoc(p.id)).toThrow(/holds no project/);
  });

  it('saves, lists (newest first) and prunes versions', () => {
    h = projectHarness();
    const { doc, id } = liveProject(h);
    const a = h.store.saveVersion(id, { name: 'A', kind: 'named' }, doc);
    h.clock.ms += 1000;
    h.store.saveVersion(id, { name: 'auto 1', kind: 'auto' }, doc);
    h.clock.ms += 1000;
    h.store.saveVersion(id, { name: 'auto 2', kind: 'auto' }, doc);
    expect(h.store.listVersions(id).map((v) => v.name)).toEqual(['auto 2', 'auto 1', 'A']);
    expect(h.store.pruneAutoVersions(id, 1)).toBe(1);
    expect(h.store.listVersions(id).map((v) => v.name)).toEqual(['auto 2', 'A']);
    expect(h.store.version(id, a.id).state.byteLength).toBe(a.byteLength);
    expect(() => h.store.version(id, 'x'.repeat(21))).toThrow(/no version/);
  });
});
