import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setup } from '../testing.fixtures';
import { observeClip, observeProject, observeTrack, type ProjectChanges } from './observe';

describe('observation', () => {
  it('reports the ids each transaction touched, once per transaction', () => {
    const { doc, api } = setup('alice');
    const seen: ProjectChanges[] = [];
    const stop = observeProject(doc, (c) => seen.push(c));
    const t = api.createTrack({ kind: 'instrument' });
    const clip = api.addMidiClip({ trackId: t, start: 0, length: 960 });
    api.addNote({ clipId: clip, pitch: 60, tick: 0, duration: 10 });
    api.addDevice({ trackId: t, kind: 'eq' });
    api.setTempo({ bpm: 99 });
    expect(seen.map((c) => [[...c.tracks], [...c.clips], [...c.roots], c.origin])).toEqual([
      [[t], [], [], 'alice'],
      [[], [clip], [], 'alice'],
      [[], [clip], [], 'alice'],
      [[t], [], [], 'alice'],
      [[], [], ['tempo'], 'alice'],
    ]);
    stop();
    api.setTempo({ bpm: 100 });
    expect(seen).toHaveLength(5);
  });

  it('observes one track and one clip, including their deletion', () => {
    const { doc, api } = setup();
    const t = api.createTrack({ kind: 'instrument' });
    const other = api.createTrack({ kind: 'audio' });
    const clip = api.addMidiClip({ trackId: t, start: 0, length: 960 });
    const trackEvents: string[] = [];
    const clipEvents: string[] = [];
    const stopTrack = observeTrack(doc, t, (e) => trackEvents.push(e));
    observeClip(doc, clip, (e) => clipEvents.push(e));
    api.setPan({ trackId: t, pan: 1 });
    api.setPan({ trackId: other, pan: 1 });
    api.addDevice({ trackId: t, kind: 'gate' });
    api.addNote({ clipId: clip, pitch: 1, tick: 0, duration: 1 });
    api.deleteTrack({ trackId: t });
    expect(trackEvents).toEqual(['changed', 'changed', 'deleted']);
    expect(clipEvents).toEqual(['changed', 'deleted']);
    stopTrack();
    expect(() => observeTrack(doc, 'nope', () => undefined)).toThrow(/no track/);
    expect(() => observeClip(new Y.Doc(), 'nope', () => undefined)).toThrow(/no clip/);
  });
});
