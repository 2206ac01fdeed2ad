import { describe, expect, it } from 'vitest';
import type { AudioClipSnapshot, MidiClipSnapshot } from '../read/snapshot';
import { expectRejected, setup } from '../testing.fixtures';

const HASH = 'a'.repeat(64);
const asset = { hash: HASH, name: 'vox.wav', mimeType: 'audio/wav', byteLength: 1000, durationSeconds: 30, sampleRate: 48000, channels: 2 };

function withMidi() {
  const ctx = setup();
  const trackId = ctx.api.createTrack({ kind: 'instrument' });
  const clipId = ctx.api.addMidiClip({
    trackId,
    start: 3840,
    length: 3840,
    notes: [
      { pitch: 60, tick: 0, duration: 960 },
      { pitch: 62, tick: 1800, duration: 480, velocity: 90 },
      { pitch: 64, tick: 2400, duration: 480 },
    ],
  });
  const midi = () => ctx.read().tracks[0]?.clips as MidiClipSnapshot[];
  return { ...ctx, trackId, clipId, midi };
}

function withAudio() {
  const ctx = setup();
  const trackId = ctx.api.createTrack({ kind: 'audio' });
  ctx.api.setTempo({ bpm: 120 });
  ctx.api.addAsset(asset);
  const clipId = ctx.api.addAudioClip({ trackId, start: 1920, length: 3840, assetHash: HASH, sourceOffset: 1 });
  const audio = () => ctx.read().tracks[0]?.clips as AudioClipSnapshot[];
  return { ...ctx, trackId, clipId, audio };
}

describe('ProjectApi: clips', () => {
  it('adds MIDI and audio clips with their defaults', () => {
    const { midi } = withMidi();
    expect(midi()[0]).toMatchObject({ kind: 'midi', start: 3840, length: 3840, offset: 0, takeId: null, name: 'MIDI clip' });
    expect(midi()[0]?.notes.map((n) => n.velocity)).toEqual([100, 90, 100]);
    const { audio } = withAudio();
    expect(audio()[0]).toMatchObject({ kind: 'audio', name: 'vox.wav', gainDb: 0, fadeIn: 0, fadeOut: 0, reversed: false, sourceOffset: 1 });
  });

  it('moves clips in time and between tracks of their kind', () => {
    const { doc, api, read, clipId, trackId } = withMidi();
    const other = api.createTrack({ kind: 'instrument' });
    const audio = api.createTrack({ kind: 'audio' });
    api.moveClip({ clipId, start: 0, trackId: other });
    const p = read();
    expect(p.tracks.find((t) => t.id === trackId)?.clips).toEqual([]);
    expect(p.tracks.find((t) => t.id === other)?.clips[0]?.start).toBe(0);
    expectRejected(doc, () => api.moveClip({ clipId, start: 0, trackId: audio }), 'BAD_REQUEST');
    expectRejected(doc, () => api.moveClip({ clipId, start: -1 }), 'VALIDATION_FAILED');
  });

  it('trims a MIDI clip by either edge without moving its notes in time', () => {
    const { doc, api, clipId, midi } = withMidi();
    api.resizeClip({ clipId, edge: 'start', tick: 3840 + 960 });
    expect(midi()[0]).toMatchObject({ start: 4800, length: 2880, offset: 960 });
    api.resizeClip({ clipId, edge: 'end', tick: 9000 });
    expect(midi()[0]).toMatchObject({ start: 4800, length: 4200, offset: 960 });
    expect(midi()[0]?.notes[0]).toMatchObject({ tick: 0, pitch: 60 });
    expectRejected(doc, () => api.resizeClip({ clipId, edge: 'start', tick: 3000 }), 'BAD_REQUEST', /before its content/);
    expectRejected(doc, () => api.resizeClip({ clipId, edge: 'end', tick: 4800 }), 'BAD_REQUEST');
  });

  it('splits a MIDI clip, dividing its notes', () => {
    const { doc, api, clipId, midi } = withMidi();
    const right = api.splitClip({ clipId, tick: 3840 + 2000 });
    const [left, second] = midi();
    expect(left).toMatchObject({ id: clipId, start: 3840, length: 2000, offset: 0 });
    expect(left?.notes.map((n) => [n.pitch, n.tick, n.duration])).toEqual([[60, 0, 960], [62, 1800, 200]]);
    expect(second).toMatchObject({ id: right, start: 5840, length: 1840, offset: 0 });
    expect(second?.notes.map((n) => [n.pitch, n.tick, n.duration])).toEqual([[64, 400, 480]]);
    expectRejected(doc, () => api.splitClip({ clipId, tick: 3840 }), 'BAD_REQUEST');
  });

  it('splits, trims and fades audio keeping the source aligned', () => {
    const { doc, api, clipId, audio } = withAudio();
    api.setClipFades({ clipId, fadeIn: 480, fadeOut: 960 });
    const right = api.splitClip({ clipId, tick: 1920 + 960 });
    expect(audio()[0]).toMatchObject({ id: clipId, length: 960, sourceOffset: 1, fadeIn: 480, fadeOut: 0 });
    expect(audio()[1]).toMatchObject({ id: right, start: 2880, length: 2880, sourceOffset: 1.5, fadeIn: 0, fadeOut: 960 });
    api.resizeClip({ clipId: right, edge: 'start', tick: 2880 + 1920 });
    expect(audio()[1]).toMatchObject({ start: 4800, length: 960, sourceOffset: 2.5, fadeOut: 960 });
    api.resizeClip({ clipId, edge: 'start', tick: 0 });
    expect(audio()[0]).toMatchObject({ start: 0, length: 2880, sourceOffset: 0 });
    api.moveClip({ clipId, start: 960 });
    expectRejected(doc, () => api.resizeClip({ clipId, edge: 'start', tick: 480 }), 'BAD_REQUEST', /start of its audio/);
    expectRejected(doc, () => api.setClipFades({ clipId, fadeIn: 2000, fadeOut: 1000 }), 'BAD_REQUEST');
  });

  it('splits a reversed audio clip: the left half plays the end of the span', () => {
    const { api, clipId, audio } = withAudio();
    api.setClipReverse({ clipId, reversed: true });
    api.splitClip({ clipId, tick: 1920 + 960 });
    expect(audio().map((c) => [c.sourceOffset, c.reversed])).toEqual([[2.5, true], [1, true]]);
  });

  it('sets gain, reverse and name; duplicates and deletes clips', () => {
    const { doc, api, read, clipId, trackId, audio } = withAudio();
    api.setClipGain({ clipId, gainDb: -6 });
    api.renameClip({ clipId, name: 'Take A' });
    const copy = api.duplicateClip({ clipId });
    expect(audio().map((c) => [c.id, c.start, c.gainDb, c.name])).toEqual([[clipId, 1920, -6, 'Take A'], [copy, 5760, -6, 'Take A']]);
    api.deleteClip({ clipId });
    expect(audio().map((c) => c.id)).toEqual([copy]);
    expectRejected(doc, () => api.deleteClip({ clipId }), 'NOT_FOUND');
    expectRejected(doc, () => api.addAudioClip({ trackId, start: 0, length: 10, assetHash: 'b'.repeat(64) }), 'NOT_FOUND', /asset/);
    const midiTrack = api.createTrack({ kind: 'instrument' });
    const m = api.addMidiClip({ trackId: midiTrack, start: 0, length: 960, notes: [{ pitch: 1, tick: 0, duration: 1 }] });
    expectRejected(doc, () => api.setClipGain({ clipId: m, gainDb: 0 }), 'BAD_REQUEST');
    const dup = api.duplicateClip({ clipId: m, start: 9600 });
    const clips = read().tracks.find((t) => t.id === midiTrack)?.clips as MidiClipSnapshot[];
    expect(clips[1]).toMatchObject({ id: dup, start: 9600 });
    expect(clips[1]?.notes[0]?.id).not.toBe(clips[0]?.notes[0]?.id);
    expect(clips[1]?.notes.map((n) => n.pitch)).toEqual([1]);
  });

  it('records takes and selects the one that plays', () => {
    const { doc, api, read, trackId } = withMidi();
    const t1 = api.addTake({ trackId });
    const c1 = api.addMidiClip({ trackId, start: 0, length: 960, takeId: t1 });
    const t2 = api.addTake({ trackId, name: 'Better' });
    api.addMidiClip({ trackId, start: 0, length: 960, takeId: t2 });
    let track = read().tracks[0];
    expect(track?.takes.map((t) => t.name)).toEqual(['Take 1', 'Better']);
    expect(track?.activeTakeId).toBe(t2);
    api.selectTake({ trackId, takeId: t1 });
    track = read().tracks[0];
    expect(track?.activeTakeId).toBe(t1);
    expect(track?.clips.find((c) => c.id === c1)?.takeId).toBe(t1);
    expectRejected(doc, () => api.selectTake({ trackId, takeId: 'nope' }), 'NOT_FOUND');
  });
});
