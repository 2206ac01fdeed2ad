import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProjectApi } from './ProjectApi';
import { createUndoManager } from './undo';
import { createIdGenerator, seededRandomBytes } from '../ids';
import { readProject } from '../read/readProject';
import { createEmptyProject } from '../templates/emptyProject';

function twoUsers() {
  const doc = new Y.Doc();
  createEmptyProject(doc, { title: 'Shared' });
  const alice = { user: 'alice' };
  const bob = { user: 'bob' };
  return {
    doc,
    a: new ProjectApi(doc, { origin: alice, newId: createIdGenerator(seededRandomBytes(1)) }),
    b: new ProjectApi(doc, { origin: bob, newId: createIdGenerator(seededRandomBytes(2)) }),
    undoA: createUndoManager(doc, alice),
    undoB: createUndoManager(doc, bob),
  };
}

describe('per-user undo', () => {
  it("undoes only the user's own edits, one API call per step", () => {
    const { doc, a, b, undoA, undoB } = twoUsers();
    const track = a.createTrack({ kind: 'instrument', name: 'Keys' });
    b.setVolume({ trackId: track, volumeDb: -10 });
    a.renameTrack({ trackId: track, name: 'Piano' });
    const clip = a.addMidiClip({ trackId: track, start: 0, length: 3840, notes: [{ pitch: 60, tick: 0, duration: 960 }] });
    a.splitClip({ clipId: clip, tick: 1920 });
    expect(readProject(doc).tracks[0]?.clips).toHaveLength(2);

    expect(undoA.undo()).toBe(true); // the split, as one step
    expect(readProject(doc).tracks[0]?.clips).toHaveLength(1);
    undoA.undo(); // the clip
    undoA.undo(); // the rename
    const track0 = readProject(doc).tracks[0];
    expect(track0).toMatchObject({ name: 'Keys', volumeDb: -10, clips: [] });
    expect(undoB.canUndo).toBe(true);
    undoB.undo();
    expect(readProject(doc).tracks[0]?.volumeDb).toBe(0);
    undoA.redo();
    expect(readProject(doc).tracks[0]?.name).toBe('Piano');
  });

  it("leaves B's edit when A undoes an edit made before it, across replicas", () => {
    const { doc, a, undoA } = twoUsers();
    const track = a.createTrack({ kind: 'audio' });
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const bobRemote = new ProjectApi(remote, { origin: 'bob', newId: createIdGenerator(seededRandomBytes(9)) });
    bobRemote.setPan({ trackId: track, pan: 0.5 });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'provider');
    a.setMute({ trackId: track, value: true });
    a.setPan({ trackId: track, pan: -0.5 });
    bobRemote.setVolume({ trackId: track, volumeDb: -20 });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'provider');
    undoA.undo(); // A's pan: back to Bob's 0.5, not to 0
    undoA.undo(); // A's mute
    expect(readProject(doc).tracks[0]).toMatchObject({ mute: false, pan: 0.5, volumeDb: -20 });
    undoA.redo();
    expect(readProject(doc).tracks[0]).toMatchObject({ mute: true, pan: 0.5, volumeDb: -20 });
  });

  it('reports stack changes, clears and disposes', () => {
    const { a, undoA } = twoUsers();
    const states: string[] = [];
    const off = undoA.subscribe((s) => states.push(`${s.canUndo}/${s.canRedo}`));
    expect(undoA.canUndo).toBe(false);
    expect(undoA.undo()).toBe(false);
    a.createTrack({ kind: 'bus' });
    undoA.undo();
    undoA.redo();
    undoA.clear();
    off();
    a.createTrack({ kind: 'bus' });
    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(['true/false', 'false/true', 'true/false', 'false/false']);
    undoA.dispose();
    expect(undoA.canUndo).toBe(false);
  });
});
