import { decibels, ticks, PPQ } from '@encore/shared/units';
import type { AudioClipSnapshot, AutomationLaneSnapshot, MidiClipSnapshot, ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import type { AutomationCurve } from '@encore/shared/project/schema/automationPoint';
import type { AutomationTarget } from '@encore/shared/project/schema/automationLane';
import { laneKey } from '@encore/shared/project/schema/automationLane';
import type { DeviceWithParams } from '@encore/shared/project/schema/device';
import { defaultParams, type DeviceKind } from '@encore/shared/project/schema/deviceKinds';
import type { Instrument } from '@encore/shared/project/schema/instrument';

/**
 * Plain ProjectSnapshots for tests and benchmarks, without a Yjs document: the shape
 * readProject produces, with defaults for everything a test does not care about.
 */

export const beatsToTicks = (beats: number) => ticks(Math.round(beats * PPQ));

export interface TrackSpec {
  id: string;
  kind?: TrackSnapshot['kind'];
  volumeDb?: number;
  pan?: number;
  mute?: boolean;
  solo?: boolean;
  phaseInvert?: boolean;
  output?: string | null;
  instrument?: Instrument | null;
  devices?: readonly DeviceWithParams[];
  sends?: readonly { id: string; targetTrackId: string; levelDb: number; pre: boolean }[];
  automation?: readonly AutomationLaneSnapshot[];
  clips?: readonly (MidiClipSnapshot | AudioClipSnapshot)[];
}

/**
 * A track snapshot; instrument tracks get a sawtooth synth unless told otherwise.
 *
 * @example
 * track({ id: 'lead', kind: 'instrument', clips: [midiClip('c1', 'lead', 0, 4, [note(69, 0, 1)])] });
 */
export function track(spec: TrackSpec): TrackSnapshot {
  const kind = spec.kind ?? 'audio';
  return {
    id: spec.id,
    kind,
    name: spec.id,
    order: 'a0',
    color: '#888888',
    volumeDb: decibels(spec.volumeDb ?? 0),
    pan: spec.pan ?? 0,
    mute: spec.mute ?? false,
    solo: spec.solo ?? false,
    arm: false,
    phaseInvert: spec.phaseInvert ?? false,
    output: spec.output ?? null,
    instrument: kind === 'instrument' ? (spec.instrument ?? { kind: 'synth', waveform: 'sawtooth', voices: 16 }) : null,
    activeTakeId: null,
    devices: spec.devices ?? [],
    sends: (spec.sends ?? []).map((s) => ({ ...s, levelDb: decibels(s.levelDb) })),
    automation: spec.automation ?? [],
    clips: spec.clips ?? [],
    takes: [],
  };
}

/** A note at `beat` lasting `beats`. */
export const note = (pitch: number, beat: number, beats: number, velocity = 100, id = `n${pitch}-${beat}`) => ({
  id,
  pitch,
  tick: beatsToTicks(beat),
  duration: beatsToTicks(beats),
  velocity,
});

/** A MIDI clip from `startBeat` lasting `lengthBeats`. */
export function midiClip(id: string, trackId: string, startBeat: number, lengthBeats: number, notes: MidiClipSnapshot['notes']): MidiClipSnapshot {
  return { id, trackId, name: id, start: beatsToTicks(startBeat), length: beatsToTicks(lengthBeats), takeId: null, kind: 'midi', offset: ticks(0), notes };
}

/** An audio clip playing asset `assetHash` from `startBeat` for `lengthBeats`. */
export function audioClip(id: string, trackId: string, assetHash: string, startBeat: number, lengthBeats: number, extra: Partial<AudioClipSnapshot> = {}): AudioClipSnapshot {
  return {
    id,
    trackId,
    name: id,
    start: beatsToTicks(startBeat),
    length: beatsToTicks(lengthBeats),
    takeId: null,
    kind: 'audio',
    assetHash,
    sourceOffset: 0,
    gainDb: decibels(0),
    fadeIn: ticks(0),
    fadeOut: ticks(0),
    reversed: false,
    ...extra,
  };
}

/** A device with its kind's defaults, overridden by `params`. */
export function device(id: string, kind: DeviceKind, params: Record<string, number> = {}, order = 'a0'): DeviceWithParams {
  return { id, kind, order, bypass: false, preset: null, sidechainTrackId: null, params: { ...defaultParams(kind), ...params } };
}

/** An automation lane with points at beats. */
export function lane(target: AutomationTarget, points: readonly { beat: number; value: number; curve?: AutomationCurve; tension?: number }[]): AutomationLaneSnapshot {
  const key = laneKey(target);
  return {
    key,
    target,
    enabled: true,
    points: points.map((p, i) => ({ id: `p${i}`, lane: key, tick: beatsToTicks(p.beat), value: p.value, curve: p.curve ?? 'linear', tension: p.tension ?? 0 })),
  };
}

/**
 * A whole snapshot with a master track.
 *
 * @example
 * const snap = project([track({ id: 'a' })], { bpm: 120 });
 */
export function project(tracks: readonly TrackSnapshot[], options: { bpm?: number; master?: Partial<TrackSpec> } = {}): ProjectSnapshot {
  return {
    schemaVersion: 3,
    title: 'Test',
    loop: { start: ticks(0), end: ticks(PPQ * 16), enabled: false },
    tempo: [{ tick: ticks(0), bpm: options.bpm ?? 120 }],
    meters: [{ tick: ticks(0), numerator: 4, denominator: 4 }],
    markers: [],
    assets: [],
    tracks,
    master: track({ id: 'master', kind: 'master', ...options.master }),
    issues: [],
  };
}
