import { Midi } from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isEncoreError } from '../errors';
import { ProjectApi } from '../project/api/ProjectApi';
import { createIdGenerator, seededRandomBytes } from '../project/ids';
import { readProject } from '../project/read/readProject';
import { createEmptyProject } from '../project/templates/emptyProject';
import { createDemoProject } from '../project/templates/demoProject';
import { exportMidi, importMidi } from './midi';
import { notesByTrack } from './midi.fixtures';

const BAR = 3840;

function expectRefused(bytes: Uint8Array, code: string, message: RegExp): void {
  const doc = new Y.Doc();
  const before = Y.encodeStateAsUpdate(doc);
  let error: unknown;
  try {
    importMidi(doc, bytes);
  } catch (e) {
    error = e;
  }
  expect(isEncoreError(error) && error.code).toBe(code);
  expect((error as Error).message).toMatch(message);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  expect(doc.getMap('tracks').size + doc.getMap('meta').size).toBe(0);
}

describe('MIDI export → import', () => {
  it('round-trips the demo song: notes, tempo, meter, names, instruments', () => {
    const source = new Y.Doc();
    createDemoProject(source);
    const api = new ProjectApi(source, { origin: 'test', newId: createIdGenerator(seededRandomBytes(3)) });
    api.addTempoChange({ tick: 4 * BAR, bpm: 128.5 });
    api.addMeterChange({ tick: 6 * BAR, numerator: 7, denominator: 8 });
    const bytes = exportMidi(source);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('MThd');

    const target = new Y.Doc();
    const report = importMidi(target, bytes);
    const a = readProject(source);
    const b = readProject(target);
    expect(report).toMatchObject({ tracks: 4, warnings: [] });
    expect(b.title).toBe('Encore demo');
    expect(b.tempo).toEqual(a.tempo);
    expect(b.meters).toEqual(a.meters);
    const instrumentTracks = a.tracks.filter((t) => t.kind === 'instrument');
    expect(notesByTrack(b)).toEqual(notesByTrack({ ...a, tracks: instrumentTracks }));
    expect(b.tracks.map((t) => t.instrument)).toEqual([
      { kind: 'drums', kit: 'Standard' },
      { kind: 'soundfont', program: 33, name: 'Electric Bass (finger)' },
      { kind: 'soundfont', program: 4, name: 'Electric Piano 1' },
      { kind: 'soundfont', program: 80, name: 'Lead 1 (square)' },
    ]);
    expect(b.issues).toEqual([]);
  });

  it('exports only what clips play: trimmed content and inactive takes stay out', () => {
    const doc = new Y.Doc();
    createEmptyProject(doc, { title: 'Trim' });
    const api = new ProjectApi(doc, { origin: 'test' });
    const keys = api.createTrack({ kind: 'instrument', name: 'Keys' });
    const clip = api.addMidiClip({ trackId: keys, start: BAR, length: BAR, notes: [{ pitch: 60, tick: 0, duration: 960 }, { pitch: 62, tick: 1920, duration: 3840 }] });
    api.resizeClip({ clipId: clip, edge: 'start', tick: BAR + 960 });
    const take = api.addTake({ trackId: keys });
    api.addMidiClip({ trackId: keys, start: 0, length: BAR, takeId: take, notes: [{ pitch: 70, tick: 0, duration: 10 }] });
    api.selectTake({ trackId: keys, takeId: null });
    const target = new Y.Doc();
    importMidi(target, exportMidi(doc));
    expect(notesByTrack(readProject(target))).toEqual({ Keys: ['62:5760:1920:100'] });
  });
});

describe('MIDI import', () => {
  it('imports a type 1 file written by @tonejs/midi, scaling 480 PPQ to 960', () => {
    const midi = new Midi();
    midi.header.setTempo(90);
    midi.header.timeSignatures.push({ ticks: 0, timeSignature: [3, 4] });
    midi.header.update();
    midi.header.name = 'Waltz';
    const guitar = midi.addTrack();
    guitar.name = 'Nylon';
    guitar.instrument.number = 24;
    guitar.addNote({ midi: 64, ticks: 0, durationTicks: 480, velocity: 100 / 127 });
    guitar.addNote({ midi: 67, ticks: 480, durationTicks: 240, velocity: 0.5 });
    const kit = midi.addTrack();
    kit.channel = 9;
    kit.addNote({ midi: 36, ticks: 0, durationTicks: 120, velocity: 1 });

    const doc = new Y.Doc();
    importMidi(doc, midi.toArray());
    const p = readProject(doc);
    expect(p.title).toBe('Waltz');
    expect(p.tempo).toEqual([{ tick: 0, bpm: 90 }]);
    expect(p.meters).toEqual([{ tick: 0, numerator: 3, denominator: 4 }]);
    expect(p.tracks.map((t) => [t.name, t.instrument])).toEqual([
      ['Nylon', { kind: 'soundfont', program: 24, name: 'Acoustic Guitar (nylon)' }],
      ['Drums', { kind: 'drums', kit: 'Standard' }],
    ]);
    expect(notesByTrack(p)).toEqual({ Nylon: ['64:0:960:100', '67:960:480:63'], Drums: ['36:0:240:127'] });
    expect(p.tracks[0]?.clips[0]).toMatchObject({ start: 0, length: 2880, offset: 0 });
  });

  it('imports a type 0 file, one track per channel', () => {
    // prettier-ignore
    const events = [
      0x00, 0xff, 0x51, 0x03, 0x07, 0xa1, 0x20, // 120 BPM
      0x00, 0xff, 0x58, 0x04, 0x06, 0x03, 0x18, 0x08, // 6/8
      0x00, 0xc0, 40, // violin on channel 1
      0x00, 0x90, 60, 80, 0x00, 0x99, 38, 90, // C4 on ch 1, snare on ch 10
      0x30, 0x80, 60, 0, 0x00, 0x89, 38, 0, // both off after 48 ticks
      0x00, 0xff, 0x2f, 0x00,
    ];
    const bytes = new Uint8Array([
      ...[0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96],
      ...[0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, events.length],
      ...events,
    ]);
    const doc = new Y.Doc();
    const report = importMidi(doc, bytes, { title: 'Type 0' });
    const p = readProject(doc);
    expect(report.tracks).toBe(2);
    expect(p.meters).toEqual([{ tick: 0, numerator: 6, denominator: 8 }]);
    expect(p.tracks.map((t) => t.instrument?.kind)).toEqual(['soundfont', 'drums']);
    expect(p.tracks[0]?.instrument).toMatchObject({ program: 40, name: 'Violin' });
    expect(notesByTrack(p)).toEqual({ Violin: ['60:0:480:80'], Drums: ['38:0:480:90'] });
  });

  it('refuses a text file renamed .mid', () => {
    expectRefused(Uint8Array.from('This is my song, honest.\n', (ch) => ch.charCodeAt(0)), 'UNSUPPORTED_MEDIA_TYPE', /text file, not a Standard MIDI File/);
  });

  it('refuses random bytes', () => {
    expectRefused(new Uint8Array([0x00, 0x01, 0xfe, 0x80, 0x12]), 'UNSUPPORTED_MEDIA_TYPE', /not a Standard MIDI File/);
  });

  it('refuses a truncated file', () => {
    const doc = new Y.Doc();
    createDemoProject(doc);
    const bytes = exportMidi(doc);
    expectRefused(bytes.subarray(0, Math.floor(bytes.length / 2)), 'BAD_REQUEST', /truncated/);
    expectRefused(bytes.subarray(0, 10), 'BAD_REQUEST', /truncated/);
  });

  it('refuses corrupt events', () => {
    const events = [0x00, 0x40, 0x40, 0x00, 0xff, 0x2f, 0x00]; // a data byte with no status before it
    const bytes = new Uint8Array([...[0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 1, 1, 0xe0], ...[0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, events.length], ...events]);
    expectRefused(bytes, 'BAD_REQUEST', /^The MIDI file is corrupt: /);
  });

  it('refuses a file with zero tracks', () => {
    expectRefused(new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 0, 1, 0xe0]), 'BAD_REQUEST', /no tracks/);
  });

  it('imports only into an empty document', () => {
    const doc = new Y.Doc();
    createEmptyProject(doc, { title: 'Busy' });
    const before = Y.encodeStateAsUpdate(doc);
    const demo = new Y.Doc();
    createDemoProject(demo);
    expect(() => importMidi(doc, exportMidi(demo))).toThrow(/empty project/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
