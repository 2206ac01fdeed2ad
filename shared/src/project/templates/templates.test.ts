import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readProject } from '../read/readProject';
import { clipPlays } from '../read/snapshot';
import { createDemoProject } from './demoProject';
import { createEmptyProject } from './emptyProject';

describe('templates', () => {
  it('creates an empty project with a master track', () => {
    const doc = new Y.Doc();
    createEmptyProject(doc, { title: '  Sketch ' });
    const p = readProject(doc);
    expect(p).toMatchObject({ title: 'Sketch', tracks: [], tempo: [{ tick: 0, bpm: 120 }], meters: [{ tick: 0, numerator: 4, denominator: 4 }], issues: [] });
    expect(p.master?.kind).toBe('master');
  });

  it('refuses a document that already holds something, and an empty title', () => {
    const doc = new Y.Doc();
    createEmptyProject(doc, { title: 'A' });
    expect(() => createEmptyProject(doc, { title: 'B' })).toThrow(/empty document/);
    expect(() => createEmptyProject(new Y.Doc(), { title: '  ' })).toThrow(/title/);
  });

  it('builds the demo song: four instruments, a reverb return fed by sends, 110 BPM in 4/4', () => {
    const doc = new Y.Doc();
    createDemoProject(doc);
    const p = readProject(doc);
    expect(p.issues).toEqual([]);
    expect(p.tempo).toEqual([{ tick: 0, bpm: 110 }]);
    expect(p.meters).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
    expect(p.tracks.map((t) => t.name)).toEqual(['Drums', 'Bass', 'Chords', 'Lead', 'Reverb']);
    const byName = Object.fromEntries(p.tracks.map((t) => [t.name, t]));
    expect(byName.Drums?.clips).toHaveLength(4);
    expect(byName.Drums?.instrument).toEqual({ kind: 'drums', kit: 'Standard' });
    for (const name of ['Drums', 'Bass', 'Chords', 'Lead']) {
      const track = byName[name];
      expect(track?.clips.every((c) => clipPlays(track, c) && c.kind === 'midi' && c.notes.length > 0)).toBe(true);
    }
    expect(byName.Reverb?.devices.map((d) => d.kind)).toEqual(['reverb']);
    expect(byName.Chords?.sends[0]?.targetTrackId).toBe(byName.Reverb?.id);
    expect(byName.Lead?.sends[0]?.targetTrackId).toBe(byName.Reverb?.id);
    expect(byName.Chords?.automation[0]?.points.map((pt) => pt.value)).toEqual([600, 8000]);
    expect(p.markers.map((m) => m.name)).toEqual(['Intro', 'Theme']);
  });

  it('is deterministic', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createDemoProject(a);
    createDemoProject(b);
    expect(JSON.stringify(readProject(a))).toBe(JSON.stringify(readProject(b)));
  });
});
