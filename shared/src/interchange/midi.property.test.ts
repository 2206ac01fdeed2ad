import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { ProjectApi } from '../project/api/ProjectApi';
import { createIdGenerator, seededRandomBytes } from '../project/ids';
import { readProject } from '../project/read/readProject';
import { createEmptyProject } from '../project/templates/emptyProject';
import { exportMidi, importMidi } from './midi';
import { notesByTrack } from './midi.fixtures';

const note = fc.record({
  pitch: fc.integer({ min: 0, max: 127 }),
  tick: fc.integer({ min: 0, max: 40 * 3840 }),
  duration: fc.integer({ min: 1, max: 8 * 960 }),
  velocity: fc.integer({ min: 1, max: 127 }),
});
/** SMF pairs a note-off with the first open note of its pitch: same-pitch notes must not overlap. */
const notes = fc.array(note, { maxLength: 60 }).map((list) => {
  const byPitch = new Map<number, typeof list>();
  for (const n of [...list].sort((a, b) => a.tick - b.tick)) {
    const last = byPitch.get(n.pitch)?.at(-1);
    if (last && n.tick < last.tick + last.duration) continue;
    byPitch.set(n.pitch, [...(byPitch.get(n.pitch) ?? []), n]);
  }
  return [...byPitch.values()].flat();
});
const bpm = fc.integer({ min: 2000, max: 60000 }).map((n) => n / 100);
const meter = fc.record({ numerator: fc.integer({ min: 1, max: 32 }), denominator: fc.constantFrom(1, 2, 4, 8, 16, 32) as fc.Arbitrary<1 | 2 | 4 | 8 | 16 | 32> });

describe('MIDI round trip (property)', () => {
  it('doc → SMF → doc keeps notes, tempo and meter exactly', () => {
    fc.assert(
      fc.property(
        fc.array(notes, { minLength: 1, maxLength: 4 }),
        bpm,
        fc.array(fc.record({ tick: fc.integer({ min: 1, max: 200_000 }), bpm }), { maxLength: 5 }),
        fc.array(fc.record({ tick: fc.integer({ min: 1, max: 200_000 }), m: meter }), { maxLength: 4 }),
        meter,
        (tracks, bpm0, tempoChanges, meterChanges, meter0) => {
          const doc = new Y.Doc();
          createEmptyProject(doc, { title: 'Property', bpm: bpm0, ...meter0 });
          const api = new ProjectApi(doc, { origin: 'p', newId: createIdGenerator(seededRandomBytes(tracks.length)) });
          for (const t of tempoChanges) api.addTempoChange(t);
          for (const { tick, m } of meterChanges) api.addMeterChange({ tick, ...m });
          tracks.forEach((list, i) => {
            const trackId = api.createTrack({ kind: 'instrument', name: `T${i}` });
            if (list.length > 0) api.addMidiClip({ trackId, start: 0, length: Math.max(...list.map((n) => n.tick + n.duration)), notes: list });
          });
          const target = new Y.Doc();
          importMidi(target, exportMidi(doc));
          const a = readProject(doc);
          const b = readProject(target);
          expect(b.tempo).toEqual(a.tempo);
          expect(b.meters).toEqual(a.meters);
          const withNotes = a.tracks.filter((t) => t.clips.length > 0);
          expect(notesByTrack(b)).toEqual(notesByTrack({ ...a, tracks: withNotes }));
        },
      ),
      { numRuns: 60 },
    );
  });
});
