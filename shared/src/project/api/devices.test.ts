import { describe, expect, it } from 'vitest';
import { DEVICE_KINDS, DEVICE_PARAMS, defaultParams } from '../schema/deviceKinds';
import { expectRejected, setup } from '../testing.fixtures';

describe('ProjectApi: devices and sends', () => {
  it('adds every kind with its default params, in chain order', () => {
    const { api, read } = setup();
    const t = api.createTrack({ kind: 'audio' });
    const ids = DEVICE_KINDS.map((kind) => api.addDevice({ trackId: t, kind }));
    const devices = read().tracks[0]?.devices ?? [];
    expect(devices.map((d) => d.id)).toEqual(ids);
    for (const d of devices) expect(d).toMatchObject({ bypass: false, preset: null, params: defaultParams(d.kind) });
    expect(Object.keys(devices[0]?.params ?? {})).toEqual(DEVICE_PARAMS.eq.map((s) => s.id));
  });

  it('moves, bypasses, sets params, applies presets and removes devices', () => {
    const { doc, api, read } = setup();
    const t = api.createTrack({ kind: 'audio' });
    const eq = api.addDevice({ trackId: t, kind: 'eq' });
    const comp = api.addDevice({ trackId: t, kind: 'compressor', preset: 'Gentle' });
    const verb = api.addDevice({ trackId: t, kind: 'reverb', index: 1 });
    expect(read().tracks[0]?.devices.map((d) => d.id)).toEqual([eq, verb, comp]);
    api.moveDevice({ trackId: t, deviceId: eq, index: 2 });
    expect(read().tracks[0]?.devices.map((d) => d.id)).toEqual([verb, comp, eq]);
    expect(read().tracks[0]?.devices[1]).toMatchObject({ preset: 'Gentle', params: { threshold: -12, ratio: 2, knee: 6 } });
    api.setParam({ trackId: t, deviceId: comp, paramId: 'ratio', value: 8 });
    api.setBypass({ trackId: t, deviceId: verb, bypass: true });
    expect(read().tracks[0]?.devices[1]).toMatchObject({ preset: null, params: { ratio: 8 } });
    expect(read().tracks[0]?.devices[0]?.bypass).toBe(true);
    api.applyPreset({ trackId: t, deviceId: verb, preset: 'Hall' });
    expect(read().tracks[0]?.devices[0]).toMatchObject({ preset: 'Hall', params: { decay: 3.5, preDelay: 30, mix: 100 } });
    api.addPoint({ trackId: t, target: { kind: 'param', deviceId: comp, paramId: 'threshold' }, tick: 0, value: -30 });
    api.removeDevice({ trackId: t, deviceId: comp });
    expect(read().tracks[0]).toMatchObject({ automation: [] });
    expect(read().tracks[0]?.devices.map((d) => d.id)).toEqual([verb, eq]);
    expectRejected(doc, () => api.setParam({ trackId: t, deviceId: eq, paramId: 'lowFreq', value: 5 }), 'VALIDATION_FAILED', /20…20000/);
    expectRejected(doc, () => api.setParam({ trackId: t, deviceId: eq, paramId: 'nope', value: 5 }), 'VALIDATION_FAILED');
    expectRejected(doc, () => api.applyPreset({ trackId: t, deviceId: eq, preset: 'Nope' }), 'NOT_FOUND');
    expectRejected(doc, () => api.removeDevice({ trackId: t, deviceId: comp }), 'NOT_FOUND');
  });

  it('validates stepped params and sidechains', () => {
    const { doc, api, read } = setup();
    const t = api.createTrack({ kind: 'audio' });
    const kick = api.createTrack({ kind: 'instrument' });
    const filter = api.addDevice({ trackId: t, kind: 'filter' });
    const gate = api.addDevice({ trackId: t, kind: 'gate' });
    api.setParam({ trackId: t, deviceId: filter, paramId: 'mode', value: 2 });
    expectRejected(doc, () => api.setParam({ trackId: t, deviceId: filter, paramId: 'mode', value: 1.5 }), 'VALIDATION_FAILED');
    api.setSidechain({ trackId: t, deviceId: gate, sourceTrackId: kick });
    expect(read().tracks[0]?.devices[1]?.sidechainTrackId).toBe(kick);
    expectRejected(doc, () => api.setSidechain({ trackId: t, deviceId: filter, sourceTrackId: kick }), 'BAD_REQUEST');
    expectRejected(doc, () => api.setSidechain({ trackId: t, deviceId: gate, sourceTrackId: t }), 'BAD_REQUEST');
  });

  it('adds sends pre or post fader, sets their level, removes them with their automation', () => {
    const { doc, api, read } = setup();
    const t = api.createTrack({ kind: 'audio' });
    const bus = api.createTrack({ kind: 'bus' });
    const send = api.addSend({ trackId: t, targetTrackId: bus });
    expect(read().tracks[0]?.sends).toEqual([{ id: send, targetTrackId: bus, levelDb: -12, pre: false }]);
    api.setSendLevel({ trackId: t, sendId: send, levelDb: -3 });
    api.setSendPre({ trackId: t, sendId: send, pre: true });
    expect(read().tracks[0]?.sends[0]).toMatchObject({ levelDb: -3, pre: true });
    expectRejected(doc, () => api.addSend({ trackId: t, targetTrackId: bus }), 'CONFLICT');
    expectRejected(doc, () => api.addSend({ trackId: bus, targetTrackId: t }), 'BAD_REQUEST', /bus/);
    api.addPoint({ trackId: t, target: { kind: 'send', sendId: send }, tick: 0, value: -6 });
    api.removeSend({ trackId: t, sendId: send });
    expect(read().tracks[0]).toMatchObject({ sends: [], automation: [] });
  });
});
