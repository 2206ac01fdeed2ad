import { describe, expect, it } from 'vitest';
import { laneKey } from './automationLane';
import { AudioClip } from './clip';
import { DEVICE_KINDS, DEVICE_PARAMS, DEVICE_PRESETS, isValidParamValue, paramSpec } from './deviceKinds';
import { MeterChange } from './meterChange';
import { Note } from './note';
import { Track } from './track';

const track = { id: 't', kind: 'audio', name: 'A', order: 'V', color: '#000000', volumeDb: 0, pan: 0, mute: false, solo: false, arm: false, phaseInvert: false, output: null, instrument: null, activeTakeId: null };

describe('record schemas', () => {
  it('validate tracks, including the instrument rule', () => {
    expect(Track.safeParse(track).success).toBe(true);
    expect(Track.safeParse({ ...track, kind: 'instrument' }).success).toBe(false);
    expect(Track.safeParse({ ...track, instrument: { kind: 'drums', kit: 'x' } }).success).toBe(false);
    expect(Track.safeParse({ ...track, volumeDb: 13 }).success).toBe(false);
    expect(Track.safeParse({ ...track, order: 'V0' }).success).toBe(false);
    expect(Track.safeParse({ ...track, id: 'a b' }).success).toBe(false);
  });

  it('validate notes, meters and audio clip fades', () => {
    expect(Note.safeParse({ pitch: 127, tick: 0, duration: 1, velocity: 127 }).success).toBe(true);
    expect(Note.safeParse({ pitch: 128, tick: 0, duration: 1, velocity: 1 }).success).toBe(false);
    expect(Note.safeParse({ pitch: 1, tick: 0.5, duration: 1, velocity: 1 }).success).toBe(false);
    expect(Note.safeParse({ pitch: 1, tick: 0, duration: 0, velocity: 1 }).success).toBe(false);
    expect(MeterChange.safeParse({ tick: 0, numerator: 7, denominator: 8 }).success).toBe(true);
    expect(MeterChange.safeParse({ tick: 0, numerator: 7, denominator: 6 }).success).toBe(false);
    const clip = { id: 'c', trackId: 't', name: 'c', start: 0, length: 100, takeId: null, kind: 'audio', assetHash: 'a'.repeat(64), sourceOffset: 0, gainDb: 0, fadeIn: 60, fadeOut: 40, reversed: false };
    expect(AudioClip.safeParse(clip).success).toBe(true);
    expect(AudioClip.safeParse({ ...clip, fadeOut: 41 }).success).toBe(false);
  });

  it('have a consistent param table: defaults and presets within range', () => {
    for (const kind of DEVICE_KINDS) {
      const ids = DEVICE_PARAMS[kind].map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const spec of DEVICE_PARAMS[kind]) {
        expect(spec.min).toBeLessThan(spec.max);
        expect(isValidParamValue(spec, spec.default)).toBe(true);
      }
      for (const values of Object.values(DEVICE_PRESETS[kind])) {
        for (const [id, value] of Object.entries(values)) {
          const spec = paramSpec(kind, id);
          expect(spec && isValidParamValue(spec, value)).toBe(true);
        }
      }
    }
  });

  it('derive lane keys from targets', () => {
    expect(laneKey({ kind: 'volume' })).toBe('volume');
    expect(laneKey({ kind: 'send', sendId: 's1' })).toBe('send/s1');
    expect(laneKey({ kind: 'param', deviceId: 'd', paramId: 'mix' })).toBe('param/d/mix');
  });
});
