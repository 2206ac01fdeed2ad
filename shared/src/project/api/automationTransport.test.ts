import { describe, expect, it } from 'vitest';
import { expectRejected, setup } from '../testing.fixtures';

describe('ProjectApi: automation', () => {
  it('adds, moves and deletes points on volume, pan, send and param lanes', () => {
    const { doc, api, read } = setup();
    const t = api.createTrack({ kind: 'audio' });
    const bus = api.createTrack({ kind: 'bus' });
    const send = api.addSend({ trackId: t, targetTrackId: bus });
    const filter = api.addDevice({ trackId: t, kind: 'filter' });
    const p1 = api.addPoint({ trackId: t, target: { kind: 'volume' }, tick: 960, value: -6 });
    api.addPoint({ trackId: t, target: { kind: 'volume' }, tick: 0, value: 0, curve: 'bezier', tension: 0.5 });
    api.addPoint({ trackId: t, target: { kind: 'pan' }, tick: 0, value: -1, curve: 'hold' });
    api.addPoint({ trackId: t, target: { kind: 'send', sendId: send }, tick: 0, value: -20 });
    const cut = api.addPoint({ trackId: t, target: { kind: 'param', deviceId: filter, paramId: 'cutoff' }, tick: 0, value: 200, curve: 'exponential' });
    const lanes = read().tracks[0]?.automation ?? [];
    expect(lanes.map((l) => l.key)).toEqual(['pan', `param/${filter}/cutoff`, `send/${send}`, 'volume']);
    expect(lanes[3]?.points.map((p) => [p.tick, p.value, p.curve, p.tension])).toEqual([[0, 0, 'bezier', 0.5], [960, -6, 'linear', 0]]);
    api.movePoint({ trackId: t, pointId: p1, tick: 1920, value: -12 });
    expect(read().tracks[0]?.automation[3]?.points[1]).toMatchObject({ id: p1, tick: 1920, value: -12 });
    api.deletePoint({ trackId: t, pointId: cut });
    expect(read().tracks[0]?.automation[1]?.points).toEqual([]);
    api.setLaneEnabled({ trackId: t, target: { kind: 'pan' }, enabled: false });
    expect(read().tracks[0]?.automation[0]?.enabled).toBe(false);
    expectRejected(doc, () => api.addPoint({ trackId: t, target: { kind: 'pan' }, tick: 0, value: 2 }), 'VALIDATION_FAILED', /outside/);
    expectRejected(doc, () => api.addPoint({ trackId: t, target: { kind: 'param', deviceId: filter, paramId: 'cutoff' }, tick: 0, value: 5 }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.addPoint({ trackId: t, target: { kind: 'send', sendId: 'gone' }, tick: 0, value: 0 }), 'NOT_FOUND');
    expectRejected(doc, () => api.movePoint({ trackId: t, pointId: p1, value: 40 }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.deletePoint({ trackId: t, pointId: cut }), 'NOT_FOUND');
    expectRejected(doc, () => api.addPoint({ trackId: t, target: { kind: 'volume' }, tick: 0, value: 0, tension: 3 }), 'VALIDATION_FAILED');
  });
});

describe('ProjectApi: transport, markers, assets', () => {
  it('edits the tempo map, keeping one change per tick', () => {
    const { doc, api, read } = setup();
    api.setTempo({ bpm: 92.5 });
    const id = api.addTempoChange({ tick: 7680, bpm: 140 });
    expect(api.addTempoChange({ tick: 7680, bpm: 150 })).toBe(id);
    api.addTempoChange({ tick: 3840, bpm: 100 });
    expect(read().tempo).toEqual([{ tick: 0, bpm: 92.5 }, { tick: 3840, bpm: 100 }, { tick: 7680, bpm: 150 }]);
    api.removeTempoChange({ id });
    expect(read().tempo).toHaveLength(2);
    expectRejected(doc, () => api.removeTempoChange({ id: 'origin' }), 'BAD_REQUEST');
    expectRejected(doc, () => api.setTempo({ bpm: 5 }), 'VALIDATION_FAILED');
  });

  it('edits the meter map', () => {
    const { doc, api, read } = setup();
    api.addMeterChange({ tick: 0, numerator: 6, denominator: 8 });
    const id = api.addMeterChange({ tick: 2880 * 2, numerator: 5, denominator: 4 });
    expect(read().meters).toEqual([{ tick: 0, numerator: 6, denominator: 8 }, { tick: 5760, numerator: 5, denominator: 4 }]);
    api.removeMeterChange({ id });
    expect(read().meters).toHaveLength(1);
    expectRejected(doc, () => api.addMeterChange({ tick: 0, numerator: 4, denominator: 3 as 4 }), 'VALIDATION_FAILED');
  });

  it('sets the title and loop; adds, edits and removes markers; records assets once', () => {
    const { doc, api, read } = setup();
    api.setTitle({ title: 'Night drive' });
    api.setLoop({ start: 3840, end: 7680, enabled: true });
    const m = api.addMarker({ tick: 3840, name: 'Chorus' });
    api.editMarker({ markerId: m, name: 'Hook', tick: 0 });
    const asset = { hash: 'f'.repeat(64), name: 'kick.wav', mimeType: 'audio/wav', byteLength: 10, durationSeconds: 0.5, sampleRate: 44100, channels: 1 };
    api.addAsset(asset);
    api.addAsset({ ...asset, name: 'same bytes.wav' });
    const p = read();
    expect(p).toMatchObject({ title: 'Night drive', loop: { start: 3840, end: 7680, enabled: true } });
    expect(p.markers).toEqual([{ id: m, tick: 0, name: 'Hook', color: '#ffc53d' }]);
    expect(p.assets).toEqual([asset]);
    api.removeMarker({ markerId: m });
    expect(read().markers).toEqual([]);
    expectRejected(doc, () => api.setLoop({ start: 100, end: 100, enabled: true }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.addAsset({ ...asset, hash: 'XYZ' }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.removeMarker({ markerId: m }), 'NOT_FOUND');
  });
});
