import * as Y from 'yjs';
import { EncoreError } from '../../errors';
import { ProjectApi } from '../../project/api/ProjectApi';
import type { IdGenerator } from '../../project/ids';
import type { AutomationTarget } from '../../project/schema/automationLane';
import { DEFAULT_INSTRUMENT } from '../../project/schema/instrument';
import { MASTER_ID } from '../../project/schema/layout';
import { createEmptyProject, TEMPLATE_ORIGIN } from '../../project/templates/emptyProject';
import type { ImportPlan, PlannedDevice, PlannedSend, PlannedTarget, PlannedTrack } from './plan';

/**
 * Decides each track's Encore kind from its role and what it holds. A track holding both notes
 * and audio (a hybrid track) becomes an instrument track plus an audio track beside it.
 */
export function settleTrackKinds(plan: ImportPlan): Map<PlannedTrack, 'audio' | 'instrument' | 'bus' | 'master'> {
  const kinds = new Map<PlannedTrack, 'audio' | 'instrument' | 'bus' | 'master'>();
  const settled: PlannedTrack[] = [];
  for (const track of plan.tracks) {
    settled.push(track);
    if (track.role !== 'regular') {
      kinds.set(track, track.role);
      if (track.clips.length > 0) plan.warnings.push(`Track "${track.name}": ${track.role === 'master' ? 'the master' : 'return tracks'} cannot hold clips; ${track.clips.length} clip(s) were left out`);
      track.clips.length = 0;
      continue;
    }
    const midi = track.clips.some((c) => c.kind === 'midi');
    const audio = track.clips.some((c) => c.kind === 'audio');
    const instrument = midi || (!audio && (track.contentTypes.includes('notes') || track.instrument !== undefined || track.foreignInstrument !== undefined));
    kinds.set(track, instrument ? 'instrument' : 'audio');
    if (instrument && audio) {
      const twin: PlannedTrack = { ...track, key: `${track.key}#audio`, name: `${track.name.slice(0, 94)} audio`, devices: [], sends: [], points: [], clips: track.clips.filter((c) => c.kind === 'audio') };
      track.clips.splice(0, track.clips.length, ...track.clips.filter((c) => c.kind === 'midi'));
      kinds.set(twin, 'audio');
      settled.push(twin);
      plan.warnings.push(`Track "${track.name}" holds notes and audio; its audio clips moved to a new track "${twin.name}"`);
    }
    if (instrument && track.instrument === undefined) {
      track.instrument = DEFAULT_INSTRUMENT;
      if (track.foreignInstrument) plan.warnings.push(`Track "${track.name}": the instrument "${track.foreignInstrument}" is not available in Encore; the built-in synth plays its notes`);
    }
  }
  plan.tracks.splice(0, plan.tracks.length, ...settled);
  return kinds;
}

function attempt(plan: ImportPlan, what: string, op: () => void): void {
  try {
    op();
  } catch (e) {
    if (!(e instanceof EncoreError)) throw e;
    plan.warnings.push(`${what} was left out: ${e.message}`);
  }
}

function resolveTarget(t: PlannedTarget, devices: ReadonlyMap<PlannedDevice, string>, sends: ReadonlyMap<PlannedSend, string>): AutomationTarget | undefined {
  switch (t.kind) {
    case 'send': {
      const sendId = sends.get(t.send);
      return sendId === undefined ? undefined : { kind: 'send', sendId };
    }
    case 'param': {
      const deviceId = devices.get(t.device);
      return deviceId === undefined ? undefined : { kind: 'param', deviceId, paramId: t.paramId };
    }
    default:
      return { kind: t.kind };
  }
}

export interface WrittenProject {
  readonly doc: Y.Doc;
  readonly tracks: number;
  readonly notes: number;
}

/**
 * Writes a complete plan into a new document through the project API (so every record is
 * validated as if a user made it), under the template origin: nobody can undo an import.
 */
export function writePlan(plan: ImportPlan, newId: IdGenerator): WrittenProject {
  const kinds = settleTrackKinds(plan);
  const doc = new Y.Doc();
  const origin = plan.meters.get(0) ?? { numerator: 4, denominator: 4 };
  createEmptyProject(doc, { title: plan.title, bpm: plan.tempo.get(0) ?? 120, ...origin });
  const api = new ProjectApi(doc, { origin: TEMPLATE_ORIGIN, newId });
  const trackIds = new Map<PlannedTrack, string>();
  const byChannel = new Map<string, PlannedTrack>();
  const deviceIds = new Map<PlannedDevice, string>();
  const sendIds = new Map<PlannedSend, string>();
  let notes = 0;
  doc.transact(() => {
    for (const [tick, bpm] of plan.tempo) if (tick > 0) api.addTempoChange({ tick, bpm });
    for (const [tick, m] of plan.meters) if (tick > 0) api.addMeterChange({ tick, ...m });
    for (const asset of plan.assets.values()) api.addAsset(asset);
    for (const track of plan.tracks) {
      const kind = kinds.get(track) ?? 'audio';
      const id = kind === 'master' ? MASTER_ID : api.createTrack({ kind, name: track.name, ...(track.color ? { color: track.color } : {}), ...(kind === 'instrument' ? { instrument: track.instrument ?? DEFAULT_INSTRUMENT } : {}) });
      trackIds.set(track, id);
      if (track.channelId && !byChannel.has(track.channelId)) byChannel.set(track.channelId, track);
      api.setVolume({ trackId: id, volumeDb: track.volumeDb });
      api.setPan({ trackId: id, pan: track.pan });
      if (track.mute) api.setMute({ trackId: id, value: true });
      if (track.solo) api.setSolo({ trackId: id, value: true });
      for (const device of track.devices) {
        const deviceId = api.addDevice({ trackId: id, kind: device.kind });
        deviceIds.set(device, deviceId);
        for (const [paramId, value] of Object.entries(device.params)) api.setParam({ trackId: id, deviceId, paramId, value });
        if (device.bypass) api.setBypass({ trackId: id, deviceId, bypass: true });
      }
    }
    for (const track of plan.tracks) {
      const id = trackIds.get(track) as string;
      const dest = track.destination === undefined ? undefined : byChannel.get(track.destination);
      if (dest && kinds.get(dest) === 'bus' && id !== MASTER_ID) attempt(plan, `The routing of track "${track.name}" into "${dest.name}"`, () => api.setOutput({ trackId: id, output: trackIds.get(dest) as string }));
      for (const send of track.sends) {
        const target = byChannel.get(send.destination);
        if (!target || kinds.get(target) !== 'bus') {
          plan.warnings.push(`Track "${track.name}": a send to a channel that is not a return track was left out`);
          continue;
        }
        attempt(plan, `The send from "${track.name}" to "${target.name}"`, () => {
          sendIds.set(send, api.addSend({ trackId: id, targetTrackId: trackIds.get(target) as string, levelDb: send.levelDb, pre: send.pre }));
        });
      }
      for (const clip of track.clips) {
        if (clip.kind === 'midi') {
          api.addMidiClip({ trackId: id, start: clip.start, length: clip.length, offset: clip.offset, name: clip.name, notes: clip.notes });
          notes += clip.notes.length;
        } else {
          const clipId = api.addAudioClip({ trackId: id, start: clip.start, length: clip.length, name: clip.name, assetHash: clip.assetHash, sourceOffset: clip.sourceOffset });
          if (clip.fadeIn > 0 || clip.fadeOut > 0) api.setClipFades({ clipId, fadeIn: clip.fadeIn, fadeOut: clip.fadeOut });
        }
      }
    }
    for (const track of plan.tracks) {
      const id = trackIds.get(track) as string;
      let lost = 0;
      for (const point of track.points) {
        const target = resolveTarget(point.target, deviceIds, sendIds);
        if (!target) lost++;
        else api.addPoint({ trackId: id, target, tick: point.tick, value: point.value, curve: point.curve });
      }
      if (lost > 0) plan.warnings.push(`Track "${track.name}": ${lost} automation point(s) of a send that was left out were dropped`);
    }
    for (const marker of plan.markers) api.addMarker({ tick: marker.tick, name: marker.name, ...(marker.color ? { color: marker.color } : {}) });
  }, TEMPLATE_ORIGIN);
  return { doc, tracks: plan.tracks.filter((t) => kinds.get(t) !== 'master').length, notes };
}
