import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { isEncoreError } from '../../errors';
import { createIdGenerator, seededRandomBytes } from '../ids';
import { readProject } from '../read/readProject';
import type { ProjectSnapshot } from '../read/snapshot';
import { createEmptyProject } from '../templates/emptyProject';
import { ProjectApi } from './ProjectApi';

/** An operation chosen by index into what the peer's replica holds when it runs. */
type Op = { kind: number; a: number; b: number; c: number };
const op = fc.record({ kind: fc.nat(17), a: fc.nat(1000), b: fc.nat(1000), c: fc.nat(1000) });

function pick<T>(list: readonly T[], i: number): T | undefined {
  return list.length === 0 ? undefined : list[i % list.length];
}

function apply(api: ProjectApi, p: ProjectSnapshot, { kind, a, b, c }: Op): void {
  const track = pick(p.tracks, a);
  const instrument = pick(p.tracks.filter((t) => t.kind === 'instrument'), a);
  const bus = pick(p.tracks.filter((t) => t.kind === 'bus'), b);
  const clips = p.tracks.flatMap((t) => t.clips);
  const clip = pick(clips, b);
  const midi = pick(clips.filter((x) => x.kind === 'midi'), c);
  const notes = midi?.kind === 'midi' ? midi.notes : [];
  switch (kind) {
    case 0: return void api.createTrack({ kind: (['audio', 'instrument', 'bus'] as const)[a % 3] as 'audio', index: b % 5 });
    case 1: return void (track && api.deleteTrack({ trackId: track.id }));
    case 2: return void (track && api.renameTrack({ trackId: track.id, name: `T${c}` }));
    case 3: return void (track && api.setVolume({ trackId: track.id, volumeDb: -(c % 60) }));
    case 4: return void (track && api.moveTrack({ trackId: track.id, index: c % 6 }));
    case 5: return void (instrument && api.addMidiClip({ trackId: instrument.id, start: b * 96, length: 960 + c * 4, notes: [{ pitch: c % 128, tick: a % 900, duration: 60 }] }));
    case 6: return void (clip && api.moveClip({ clipId: clip.id, start: c * 48 }));
    case 7: return void (clip && clip.length > 1 && api.splitClip({ clipId: clip.id, tick: clip.start + 1 + (c % (clip.length - 1)) }));
    case 8: return void (clip && api.deleteClip({ clipId: clip.id }));
    case 9: return void (midi && api.addNote({ clipId: midi.id, pitch: a % 128, tick: b, duration: 1 + c }));
    case 10: return void (midi && notes.length > 0 && api.setVelocity({ clipId: midi.id, noteIds: [pick(notes, a)?.id as string], velocity: 1 + (b % 127) }));
    case 11: return void (midi && notes.length > 0 && api.quantizeNotes({ clipId: midi.id, grid: { division: 16, triplet: a % 2 === 0 } }));
    case 12: return void (track && track.kind !== 'master' && api.addDevice({ trackId: track.id, kind: 'eq', index: c % 3 }));
    case 13: {
      const device = pick(track?.devices ?? [], b);
      return void (track && device && api.setParam({ trackId: track.id, deviceId: device.id, paramId: 'output', value: (c % 48) - 24 }));
    }
    case 14: return void (track && bus && api.addSend({ trackId: track.id, targetTrackId: bus.id }));
    case 15: return void (track && api.addPoint({ trackId: track.id, target: { kind: 'pan' }, tick: c * 10, value: ((b % 200) - 100) / 100 }));
    case 16: return void api.addTempoChange({ tick: a * 960, bpm: 60 + (c % 120) });
    default: return void api.addMarker({ tick: a * 10, name: `M${b}` });
  }
}

describe('convergence', () => {
  it('peers editing offline converge to identical snapshots, in any delivery order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.array(fc.array(op, { maxLength: 25 }), { minLength: 3, maxLength: 3 }), fc.integer(), (peers, scripts, seed) => {
        const base = new Y.Doc();
        createEmptyProject(base, { title: 'Jam' });
        const docs = Array.from({ length: peers }, () => {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
          return doc;
        });
        const updates: { from: number; update: Uint8Array }[] = [];
        docs.forEach((doc, i) => {
          doc.on('update', (update: Uint8Array, origin: unknown) => {
            if (origin !== 'remote') updates.push({ from: i, update });
          });
          const api = new ProjectApi(doc, { origin: `user${i}`, newId: createIdGenerator(seededRandomBytes(seed + i * 7919)) });
          for (const o of scripts[i] ?? []) {
            try {
              apply(api, readProject(doc), o);
            } catch (e) {
              // Refusals (a loop, a duplicate send, an invalid result) are part of the game.
              if (!isEncoreError(e)) throw e;
            }
          }
        });
        const ids = (p: ProjectSnapshot) => [...p.tracks.map((t) => t.id), ...p.tracks.flatMap((t) => t.clips.map((c) => c.id))];
        const local = new Set(docs.flatMap((d) => ids(readProject(d))));
        // Deliver every update to every other peer, in a shuffled order.
        const order = updates.map((u, i) => ({ u, key: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 })).sort((x, y) => x.key - y.key);
        docs.forEach((doc, i) => {
          for (const { u } of order) if (u.from !== i) Y.applyUpdate(doc, u.update, 'remote');
        });
        const snapshots = docs.map((d) => JSON.stringify(readProject(d)));
        for (const s of snapshots) expect(s).toBe(snapshots[0]);
        // Nothing lost: with no deletions in play, every track and clip any peer made is in the merge.
        const merged = readProject(docs[0] as Y.Doc);
        expect(merged.master).not.toBeNull();
        if (!scripts.slice(0, peers).some((s) => s.some((o) => o.kind === 1 || o.kind === 8))) {
          expect(new Set(ids(merged))).toEqual(local);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('keeps both users’ concurrent inserts and field edits', () => {
    const base = new Y.Doc();
    createEmptyProject(base, { title: 'Jam' });
    const [x, y] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(x, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(y, Y.encodeStateAsUpdate(base));
    const ax = new ProjectApi(x, { origin: 'x', newId: createIdGenerator(seededRandomBytes(1)) });
    const t = ax.createTrack({ kind: 'instrument', name: 'Keys' });
    Y.applyUpdate(y, Y.encodeStateAsUpdate(x));
    const ay = new ProjectApi(y, { origin: 'y', newId: createIdGenerator(seededRandomBytes(2)) });
    ax.renameTrack({ trackId: t, name: 'Piano' });
    ay.setVolume({ trackId: t, volumeDb: -8 });
    ax.addMidiClip({ trackId: t, start: 0, length: 960 });
    ay.addMidiClip({ trackId: t, start: 960, length: 960 });
    ax.createTrack({ kind: 'bus', index: 0 });
    ay.createTrack({ kind: 'audio', index: 0 });
    Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)));
    Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
    const p = readProject(x);
    expect(JSON.stringify(readProject(y))).toBe(JSON.stringify(p));
    expect(p.tracks).toHaveLength(3);
    expect(p.tracks.find((tr) => tr.id === t)).toMatchObject({ name: 'Piano', volumeDb: -8 });
    expect(p.tracks.find((tr) => tr.id === t)?.clips).toHaveLength(2);
  });
});
