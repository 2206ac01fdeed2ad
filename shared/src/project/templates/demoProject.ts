import type * as Y from 'yjs';
import { PPQ } from '../../units';
import { ProjectApi } from '../api/ProjectApi';
import { createIdGenerator, seededRandomBytes, type IdGenerator } from '../ids';
import { createEmptyProject, TEMPLATE_ORIGIN } from './emptyProject';

const BAR = 4 * PPQ;
const EIGHTH = PPQ / 2;
/** A minor: i – VI – III – VII, one bar each, twice. Roots (bass octave) and triads. */
const ROOTS = [33, 29, 36, 31];
const TRIADS = [
  [57, 60, 64],
  [57, 60, 65],
  [55, 60, 64],
  [55, 59, 62],
];
/** The lead's theme over bars 5-8: [pitch, tick in bar units of eighths, length in eighths]. */
const THEME: [number, number, number][] = [
  [76, 0, 3], [74, 3, 1], [72, 4, 2], [69, 6, 2],
  [72, 8, 3], [74, 11, 1], [76, 12, 4],
  [79, 16, 3], [76, 19, 1], [74, 20, 2], [72, 22, 2],
  [71, 24, 4], [69, 28, 4],
];

export interface DemoProjectOptions {
  readonly title?: string;
  /** Ids for the demo's records; seeded (the same demo every time) by default. */
  readonly newId?: IdGenerator;
}

function drumPattern(): { pitch: number; tick: number; duration: number; velocity: number }[] {
  const notes = [];
  for (let bar = 0; bar < 2; bar++) {
    for (let e = 0; e < 8; e++) notes.push({ pitch: 42, tick: bar * BAR + e * EIGHTH, duration: 120, velocity: e % 2 === 0 ? 90 : 60 });
    for (const e of bar === 0 ? [0, 4] : [0, 3, 4]) notes.push({ pitch: 36, tick: bar * BAR + e * EIGHTH, duration: 240, velocity: 110 });
    for (const e of [2, 6]) notes.push({ pitch: 38, tick: bar * BAR + e * EIGHTH, duration: 240, velocity: 100 });
  }
  return notes;
}

/**
 * Writes the demo song into an empty doc: eight bars in A minor at 110 BPM, 4/4, with drums,
 * bass, chords and a lead on instrument tracks, a reverb return fed by sends, a few effects, a
 * filter sweep automated on the chords, and two markers. Not part of anyone's undo history.
 *
 * @example
 * const doc = new Y.Doc();
 * createDemoProject(doc);
 * readProject(doc).tracks.map((t) => t.name); // ['Drums', 'Bass', 'Chords', 'Lead', 'Reverb']
 */
export function createDemoProject(doc: Y.Doc, options: DemoProjectOptions = {}): void {
  createEmptyProject(doc, { title: options.title ?? 'Encore demo', bpm: 110 });
  const api = new ProjectApi(doc, { origin: TEMPLATE_ORIGIN, newId: options.newId ?? createIdGenerator(seededRandomBytes(0x5eed)) });
  doc.transact(() => {
    const drums = api.createTrack({ kind: 'instrument', name: 'Drums', instrument: { kind: 'drums', kit: 'Standard' } });
    const bass = api.createTrack({ kind: 'instrument', name: 'Bass', instrument: { kind: 'soundfont', program: 33, name: 'Electric Bass (finger)' } });
    const chords = api.createTrack({ kind: 'instrument', name: 'Chords', instrument: { kind: 'soundfont', program: 4, name: 'Electric Piano 1' } });
    const lead = api.createTrack({ kind: 'instrument', name: 'Lead', instrument: { kind: 'synth', waveform: 'square', voices: 4 } });
    const reverb = api.createTrack({ kind: 'bus', name: 'Reverb' });

    const beat = api.addMidiClip({ trackId: drums, start: 0, length: 2 * BAR, name: 'Beat', notes: drumPattern() });
    for (let bar = 2; bar < 8; bar += 2) api.duplicateClip({ clipId: beat, start: bar * BAR });
    api.addDevice({ trackId: drums, kind: 'compressor', preset: 'Drum bus' });

    const bassNotes = [];
    const chordNotes = [];
    for (let bar = 0; bar < 8; bar++) {
      const chord = bar % 4;
      for (let e = 0; e < 8; e++) bassNotes.push({ pitch: ROOTS[chord] as number, tick: bar * BAR + e * EIGHTH, duration: EIGHTH - 60, velocity: e === 0 ? 110 : 85 });
      for (const pitch of TRIADS[chord] as number[]) chordNotes.push({ pitch, tick: bar * BAR, duration: BAR - 60, velocity: 70 });
    }
    api.addMidiClip({ trackId: bass, start: 0, length: 8 * BAR, name: 'Bass line', notes: bassNotes });
    api.addDevice({ trackId: bass, kind: 'eq' });
    api.addMidiClip({ trackId: chords, start: 0, length: 8 * BAR, name: 'Chords', notes: chordNotes });
    const filter = api.addDevice({ trackId: chords, kind: 'filter' });
    const sweep = { kind: 'param', deviceId: filter, paramId: 'cutoff' } as const;
    api.addPoint({ trackId: chords, target: sweep, tick: 0, value: 600, curve: 'exponential' });
    api.addPoint({ trackId: chords, target: sweep, tick: 4 * BAR, value: 8000, curve: 'hold' });

    const theme = THEME.map(([pitch, at, len]) => ({ pitch, tick: at * EIGHTH, duration: len * EIGHTH - 30, velocity: 96 }));
    api.addMidiClip({ trackId: lead, start: 4 * BAR, length: 4 * BAR, name: 'Theme', notes: theme });
    api.addDevice({ trackId: lead, kind: 'delay', preset: 'Dotted eighth' });
    api.setVolume({ trackId: lead, volumeDb: -4 });

    api.addDevice({ trackId: reverb, kind: 'reverb', preset: 'Hall' });
    api.addSend({ trackId: chords, targetTrackId: reverb, levelDb: -10 });
    api.addSend({ trackId: lead, targetTrackId: reverb, levelDb: -8 });

    api.addMarker({ tick: 0, name: 'Intro' });
    api.addMarker({ tick: 4 * BAR, name: 'Theme' });
    api.setLoop({ start: 0, end: 8 * BAR, enabled: true });
  }, TEMPLATE_ORIGIN);
}
