import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setup } from '../testing.fixtures';
import { clipPlays } from './snapshot';

describe('readProject', () => {
  it('skips and reports corrupt or foreign records instead of crashing', () => {
    const { doc, api, read } = setup();
    const keys = api.createTrack({ kind: 'instrument', name: 'Keys' });
    const clip = api.addMidiClip({ trackId: keys, start: 0, length: 960, notes: [{ pitch: 60, tick: 0, duration: 10 }] });
    const eq = api.addDevice({ trackId: keys, kind: 'eq' });
    doc.transact(() => {
      doc.getMap('tracks').set('junk', 'not a track');
      const bad = new Y.Map<unknown>();
      bad.set('id', 'bad');
      bad.set('kind', 'spaceship');
      doc.getMap('tracks').set('bad', bad);
      const notes = (doc.getMap('clips').get(clip) as Y.Map<unknown>).get('notes') as Y.Map<unknown>;
      notes.set('n-bad', { pitch: 300, tick: 0, duration: 1, velocity: 1 });
      const orphan = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: 'orphan', trackId: 'gone', kind: 'midi', name: 'x', start: 0, length: 1, offset: 0, takeId: null })) orphan.set(k, v);
      doc.getMap('clips').set('orphan', orphan);
      const keysMap = doc.getMap('tracks').get(keys) as Y.Map<unknown>;
      ((keysMap.get('devices') as Y.Map<Y.Map<unknown>>).get(eq)?.get('params') as Y.Map<unknown>).set('lowFreq', 1e9);
      keysMap.set('output', 'gone');
      doc.getMap('tempo').set('weird', { tick: -5, bpm: 'fast' });
      doc.getMap('markers').set('m', 42);
    });
    const p = read();
    expect(p.tracks.map((t) => t.name)).toEqual(['Keys']);
    expect(p.tracks[0]?.output).toBeNull();
    expect(p.tracks[0]?.devices[0]?.params.lowFreq).toBe(100);
    const c = p.tracks[0]?.clips[0];
    expect(c?.kind === 'midi' && c.notes.map((n) => n.pitch)).toEqual([60]);
    expect(p.issues.map((i) => i.path).sort()).toEqual(
      ['clips/orphan', `clips/${clip}/notes/n-bad`, 'markers/m', 'tempo/weird', 'tracks/bad', `tracks/${keys}`, `tracks/${keys}/devices/${eq}/params/lowFreq`, 'tracks/junk'].sort(),
    );
    expect(Object.isFrozen(p.tracks[0]?.clips)).toBe(true);
  });

  it('repairs a missing tempo origin and reports it', () => {
    const { doc, read } = setup();
    doc.getMap('tempo').delete('origin');
    const p = read();
    expect(p.tempo).toEqual([{ tick: 0, bpm: 120 }]);
    expect(p.issues).toEqual([{ path: 'tempo/origin', message: 'missing: the default at tick 0 is used' }]);
  });

  it('tells which clips play', () => {
    expect(clipPlays({ activeTakeId: 't1' }, { takeId: null })).toBe(true);
    expect(clipPlays({ activeTakeId: 't1' }, { takeId: 't1' })).toBe(true);
    expect(clipPlays({ activeTakeId: 't1' }, { takeId: 't2' })).toBe(false);
    expect(clipPlays({ activeTakeId: null }, { takeId: 't2' })).toBe(false);
  });
});
