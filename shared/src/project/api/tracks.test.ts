import { describe, expect, it } from 'vitest';
import { expectRejected, setup } from '../testing.fixtures';

describe('ProjectApi: tracks and mixer', () => {
  it('creates tracks of each kind in order, with defaults', () => {
    const { api, read } = setup();
    const audio = api.createTrack({ kind: 'audio' });
    const keys = api.createTrack({ kind: 'instrument', name: 'Keys', instrument: { kind: 'soundfont', program: 0, name: 'Acoustic Grand Piano' } });
    const first = api.createTrack({ kind: 'bus', name: 'Verb', index: 0 });
    const p = read();
    expect(p.tracks.map((t) => t.id)).toEqual([first, audio, keys]);
    expect(p.tracks[1]).toMatchObject({ kind: 'audio', name: 'Audio 1', volumeDb: 0, pan: 0, mute: false, solo: false, arm: false, phaseInvert: false, output: null, instrument: null });
    expect(p.tracks[2]?.instrument).toMatchObject({ kind: 'soundfont', program: 0 });
    expect(api.createTrack({ kind: 'instrument' })).toBeTypeOf('string');
    expect(read().tracks.at(-1)?.instrument).toEqual({ kind: 'synth', waveform: 'sawtooth', voices: 16 });
  });

  it('renames, recolours, moves and sets every mixer field', () => {
    const { api, read } = setup();
    const a = api.createTrack({ kind: 'audio' });
    const b = api.createTrack({ kind: 'instrument' });
    api.renameTrack({ trackId: a, name: 'Vox' });
    api.setTrackColor({ trackId: a, color: '#123456' });
    api.setVolume({ trackId: a, volumeDb: -6.5 });
    api.setPan({ trackId: a, pan: -0.25 });
    api.setMute({ trackId: a, value: true });
    api.setSolo({ trackId: a, value: true });
    api.setArm({ trackId: a, value: true });
    api.setPhaseInvert({ trackId: a, value: true });
    api.moveTrack({ trackId: b, index: 0 });
    api.setInstrument({ trackId: b, instrument: { kind: 'drums', kit: '808' } });
    const p = read();
    expect(p.tracks.map((t) => t.id)).toEqual([b, a]);
    expect(p.tracks[1]).toMatchObject({ name: 'Vox', color: '#123456', volumeDb: -6.5, pan: -0.25, mute: true, solo: true, arm: true, phaseInvert: true });
    expect(p.tracks[0]?.instrument).toEqual({ kind: 'drums', kit: '808' });
    api.setVolume({ trackId: 'master', volumeDb: -3 });
    expect(read().master?.volumeDb).toBe(-3);
  });

  it('moves and inserts tracks by their index in the arrangement, whatever key the master holds', () => {
    const { api, read } = setup();
    const [a, b, , d] = ['A', 'B', 'C', 'D'].map((name) => api.createTrack({ kind: 'audio', name }));
    const names = () => read().tracks.map((t) => t.name);
    api.moveTrack({ trackId: a as string, index: 2 });
    expect(names()).toEqual(['B', 'C', 'A', 'D']);
    api.moveTrack({ trackId: d as string, index: 1 });
    expect(names()).toEqual(['B', 'D', 'C', 'A']);
    api.moveTrack({ trackId: b as string, index: 3 });
    expect(names()).toEqual(['D', 'C', 'A', 'B']);
    api.createTrack({ kind: 'bus', name: 'E', index: 1 });
    expect(names()).toEqual(['D', 'E', 'C', 'A', 'B']);
    expect(read().master?.id).toBe('master');
  });

    it('routes into buses and refuses feedback loops', () => {
    const { doc, api, read } = setup();
    const src = api.createTrack({ kind: 'audio' });
    const bus1 = api.createTrack({ kind: 'bus' });
    const bus2 = api.createTrack({ kind: 'bus' });
    api.setOutput({ trackId: src, output: bus1 });
    api.setOutput({ trackId: bus1, output: bus2 });
    expect(read().tracks.find((t) => t.id === src)?.output).toBe(bus1);
    expectRejected(doc, () => api.setOutput({ trackId: bus2, output: bus1 }), 'BAD_REQUEST', /feed the track back/);
    expectRejected(doc, () => api.addSend({ trackId: bus2, targetTrackId: bus1 }), 'BAD_REQUEST', /feed the track back/);
    expectRejected(doc, () => api.setOutput({ trackId: src, output: src }), 'BAD_REQUEST');
  });

  it('deletes a track with its clips, takes, sends, sidechains and routings', () => {
    const { api, read } = setup();
    const bus = api.createTrack({ kind: 'bus' });
    const keys = api.createTrack({ kind: 'instrument' });
    const drums = api.createTrack({ kind: 'instrument' });
    api.addTake({ trackId: keys });
    api.addMidiClip({ trackId: keys, start: 0, length: 960 });
    const send = api.addSend({ trackId: drums, targetTrackId: bus });
    api.addPoint({ trackId: drums, target: { kind: 'send', sendId: send }, tick: 0, value: -6 });
    api.setOutput({ trackId: drums, output: bus });
    const comp = api.addDevice({ trackId: drums, kind: 'compressor' });
    api.setSidechain({ trackId: drums, deviceId: comp, sourceTrackId: keys });
    api.deleteTrack({ trackId: keys });
    api.deleteTrack({ trackId: bus });
    const p = read();
    expect(p.tracks.map((t) => t.id)).toEqual([drums]);
    expect(p.tracks[0]).toMatchObject({ output: null, sends: [], automation: [] });
    expect(p.tracks[0]?.devices[0]?.sidechainTrackId).toBeNull();
    expect(p.issues).toEqual([]);
  });

  it('rejects bad input and impossible edits without writing', () => {
    const { doc, api } = setup();
    const bus = api.createTrack({ kind: 'bus' });
    expectRejected(doc, () => api.createTrack({ kind: 'drum' as 'bus' }), 'VALIDATION_FAILED', /createTrack/);
    expectRejected(doc, () => api.createTrack({ kind: 'audio', instrument: { kind: 'drums', kit: 'x' } }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.setVolume({ trackId: bus, volumeDb: 40 }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.setPan({ trackId: bus, pan: Number.NaN }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.renameTrack({ trackId: bus, name: '   ' }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.renameTrack({ trackId: 'nope', name: 'x' }), 'TRACK_NOT_FOUND');
    expectRejected(doc, () => api.setArm({ trackId: bus, value: true }), 'BAD_REQUEST');
    expectRejected(doc, () => api.setInstrument({ trackId: bus, instrument: { kind: 'drums', kit: 'x' } }), 'BAD_REQUEST');
    expectRejected(doc, () => api.deleteTrack({ trackId: 'master' }), 'BAD_REQUEST', /master/);
    expectRejected(doc, () => api.moveTrack({ trackId: 'master', index: 0 }), 'BAD_REQUEST');
  });
});
