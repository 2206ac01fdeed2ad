import * as Y from 'yjs';
import { ProjectApi } from '../../project/api/ProjectApi';
import { createIdGenerator, seededRandomBytes } from '../../project/ids';
import { MASTER_ID } from '../../project/schema/layout';
import { createEmptyProject, TEMPLATE_ORIGIN } from '../../project/templates/emptyProject';

/** Stand-in audio bytes: the codec never decodes audio, it only carries and hashes it. */
export const VOX_BYTES = Uint8Array.from({ length: 4000 }, (_, i) => (i * 31) % 256);

/**
 * A project exercising every mapping: tempo and meter changes, instrument, audio and return
 * tracks, the four generic devices and two Encore-only ones, sends, routing, automation of
 * volume, pan, a send and device params, an audio clip with fades, markers.
 */
export function richProject(voxHash: string): Y.Doc {
  const doc = new Y.Doc();
  createEmptyProject(doc, { title: 'Round trip', bpm: 96, numerator: 3, denominator: 4 });
  const api = new ProjectApi(doc, { origin: TEMPLATE_ORIGIN, newId: createIdGenerator(seededRandomBytes(7)) });
  api.addTempoChange({ tick: 11520, bpm: 128 });
  api.addMeterChange({ tick: 11520, numerator: 7, denominator: 8 });
  const keys = api.createTrack({ kind: 'instrument', name: 'Keys', instrument: { kind: 'soundfont', program: 4, name: 'Electric Piano 1' } });
  const lead = api.createTrack({ kind: 'instrument', name: 'Lead', instrument: { kind: 'synth', waveform: 'square', voices: 8 } });
  const vox = api.createTrack({ kind: 'audio', name: 'Vox' });
  const verb = api.createTrack({ kind: 'bus', name: 'Verb' });
  const group = api.createTrack({ kind: 'bus', name: 'Group' });
  api.setVolume({ trackId: keys, volumeDb: -6.5 });
  api.setPan({ trackId: keys, pan: -0.25 });
  api.setMute({ trackId: keys, value: true });
  api.setSolo({ trackId: lead, value: true });
  api.setOutput({ trackId: lead, output: group });
  api.setVolume({ trackId: MASTER_ID, volumeDb: -1 });

  api.addMidiClip({ trackId: keys, start: 960, length: 7680, offset: 480, name: 'Chords', notes: [
    { pitch: 60, tick: 480, duration: 960, velocity: 1 },
    { pitch: 64, tick: 480, duration: 959, velocity: 64 },
    { pitch: 67, tick: 1441, duration: 1, velocity: 127 },
    { pitch: 0, tick: 7000, duration: 1160, velocity: 99 },
  ] });
  api.addMidiClip({ trackId: lead, start: 0, length: 3840, name: 'Line', notes: [{ pitch: 72, tick: 0, duration: 240, velocity: 100 }] });
  api.addAsset({ hash: voxHash, name: 'Vox take 1.wav', mimeType: 'audio/wav', byteLength: VOX_BYTES.byteLength, durationSeconds: 12.5, sampleRate: 48000, channels: 1 });
  const clip = api.addAudioClip({ trackId: vox, start: 1920, length: 3840, assetHash: voxHash, sourceOffset: 1.25, name: 'Vox' });
  api.setClipFades({ clipId: clip, fadeIn: 240, fadeOut: 480 });

  const eq = api.addDevice({ trackId: keys, kind: 'eq' });
  for (const [paramId, value] of Object.entries({ lowFreq: 80, lowGain: -4, lowMidFreq: 320, lowMidGain: 2.5, lowMidQ: 0.7, highMidFreq: 3100, highMidGain: -1.5, highMidQ: 4, highFreq: 11000, highGain: 3, output: -2 })) {
    api.setParam({ trackId: keys, deviceId: eq, paramId, value });
  }
  const comp = api.addDevice({ trackId: keys, kind: 'compressor' });
  for (const [paramId, value] of Object.entries({ threshold: -24, ratio: 3, attack: 5, release: 150, knee: 3, makeup: 2 })) api.setParam({ trackId: keys, deviceId: comp, paramId, value });
  const gate = api.addDevice({ trackId: vox, kind: 'gate' });
  for (const [paramId, value] of Object.entries({ threshold: -50, attack: 2, hold: 30, release: 200 })) api.setParam({ trackId: vox, deviceId: gate, paramId, value });
  api.setBypass({ trackId: vox, deviceId: gate, bypass: true });
  const limiter = api.addDevice({ trackId: MASTER_ID, kind: 'limiter' });
  api.setParam({ trackId: MASTER_ID, deviceId: limiter, paramId: 'ceiling', value: -1.5 });
  api.setParam({ trackId: MASTER_ID, deviceId: limiter, paramId: 'release', value: 80 });
  const filter = api.addDevice({ trackId: lead, kind: 'filter' });
  for (const [paramId, value] of Object.entries({ mode: 2, cutoff: 1500, resonance: 3 })) api.setParam({ trackId: lead, deviceId: filter, paramId, value });
  const reverb = api.addDevice({ trackId: verb, kind: 'reverb', preset: 'Room' });

  const send = api.addSend({ trackId: keys, targetTrackId: verb, levelDb: -9, pre: true });
  api.addSend({ trackId: vox, targetTrackId: verb, levelDb: -144 });

  api.addPoint({ trackId: keys, target: { kind: 'volume' }, tick: 0, value: -6, curve: 'linear' });
  api.addPoint({ trackId: keys, target: { kind: 'volume' }, tick: 3840, value: -12, curve: 'hold' });
  api.addPoint({ trackId: keys, target: { kind: 'pan' }, tick: 0, value: -0.5 });
  api.addPoint({ trackId: keys, target: { kind: 'pan' }, tick: 1920, value: 0.5 });
  api.addPoint({ trackId: keys, target: { kind: 'send', sendId: send }, tick: 960, value: -20 });
  api.addPoint({ trackId: keys, target: { kind: 'param', deviceId: eq, paramId: 'lowMidGain' }, tick: 0, value: 3 });
  api.addPoint({ trackId: keys, target: { kind: 'param', deviceId: eq, paramId: 'highMidFreq' }, tick: 960, value: 5000 });
  api.addPoint({ trackId: keys, target: { kind: 'param', deviceId: comp, paramId: 'attack' }, tick: 480, value: 12 });
  api.addPoint({ trackId: vox, target: { kind: 'param', deviceId: gate, paramId: 'threshold' }, tick: 0, value: -60, curve: 'hold' });
  api.addPoint({ trackId: MASTER_ID, target: { kind: 'param', deviceId: limiter, paramId: 'ceiling' }, tick: 7680, value: -3 });
  api.addPoint({ trackId: verb, target: { kind: 'param', deviceId: reverb, paramId: 'decay' }, tick: 0, value: 1.5 });
  api.addMarker({ tick: 0, name: 'Intro', color: '#112233' });
  api.addMarker({ tick: 11520, name: 'Odd bars' });
  return doc;
}
