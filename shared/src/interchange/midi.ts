import { Midi } from './tonejsMidi';
import * as Y from 'yjs';
import { EncoreError } from '../errors';
import { PPQ, ticks } from '../units';
import { ProjectApi } from '../project/api/ProjectApi';
import { createIdGenerator, type IdGenerator } from '../project/ids';
import { MeterMap, ticksPerBar } from '../project/meterMap';
import { readProject } from '../project/read/readProject';
import { clipPlays, type TrackSnapshot } from '../project/read/snapshot';
import { ROOTS, root } from '../project/schema/layout';
import type { Instrument } from '../project/schema/instrument';
import { createEmptyProject, TEMPLATE_ORIGIN } from '../project/templates/emptyProject';
import { checkSmf } from './smfHeader';
import { canonicalBpm, DRUM_CHANNEL, encodableBpm, gmProgram, titleCase } from './gm';

export interface MidiImportOptions {
  /** The project title; the file's name event, else "Imported MIDI", when omitted. */
  readonly title?: string;
  readonly newId?: IdGenerator;
}

export interface MidiImportReport {
  readonly tracks: number;
  readonly notes: number;
  /** What was adapted to fit a project (clamped tempos, odd meters, tracks without notes). */
  readonly warnings: readonly string[];
}

interface PlannedTrack {
  name: string;
  instrument: Instrument;
  notes: { pitch: number; tick: number; duration: number; velocity: number }[];
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
type Denominator = 1 | 2 | 4 | 8 | 16 | 32;
const METER_DENOMINATORS = new Set<number>([1, 2, 4, 8, 16, 32]);

function parse(bytes: Uint8Array): { midi: Midi; ppq: number } {
  const { ppq } = checkSmf(bytes);
  try {
    return { midi: new Midi(bytes), ppq };
  } catch (e) {
    // midi-file throws strings; keep its words, they name the broken event.
    throw new EncoreError('BAD_REQUEST', `The MIDI file is corrupt: ${e instanceof Error ? e.message : String(e)}`, { reason: 'corrupt' });
  }
}

/**
 * Imports a Standard MIDI File (type 0 or 1) into an empty document: notes and velocities,
 * tempo and meter changes, track names, program changes as GM soundfont instruments, channel 10
 * as a drum machine; one clip per track from bar 1. The project is built in a scratch document
 * and merged in one update, so a bad file leaves `doc` untouched. Tracks without notes are skipped.
 *
 * @example
 * const doc = new Y.Doc();
 * const report = importMidi(doc, bytes, { title: 'Song' });
 * readProject(doc).tracks.length === report.tracks; // true
 */
export function importMidi(doc: Y.Doc, bytes: Uint8Array, options: MidiImportOptions = {}): MidiImportReport {
  if (ROOTS.some((name) => root(doc, name).size > 0)) throw new EncoreError('CONFLICT', 'MIDI files are imported into a new, empty project');
  const { midi, ppq } = parse(bytes);
  const scale = (t: number): number => Math.round((t * PPQ) / ppq);
  const warnings: string[] = [];

  const tempos = new Map<number, number>([[0, 120]]);
  for (const t of midi.header.tempos) {
    const bpm = canonicalBpm(t.bpm);
    if (bpm < 20 || bpm > 999) warnings.push(`Tempo ${bpm.toFixed(2)} BPM at tick ${t.ticks} was clamped to 20-999 BPM`);
    tempos.set(scale(t.ticks), clamp(bpm, 20, 999));
  }
  const meters = new Map<number, { numerator: number; denominator: Denominator }>([[0, { numerator: 4, denominator: 4 }]]);
  for (const m of midi.header.timeSignatures) {
    const [numerator = 4, denominator = 4] = m.timeSignature;
    if (numerator >= 1 && numerator <= 32 && METER_DENOMINATORS.has(denominator)) meters.set(scale(m.ticks), { numerator, denominator: denominator as Denominator });
    else warnings.push(`Time signature ${numerator}/${denominator} at tick ${m.ticks} was skipped`);
  }

  const planned: PlannedTrack[] = [];
  midi.tracks.forEach((track, i) => {
    if (track.notes.length === 0) {
      if (track.name.trim()) warnings.push(`Track "${track.name.trim()}" has no notes and was skipped`);
      return;
    }
    const drums = track.channel === DRUM_CHANNEL;
    const gmName = titleCase(track.instrument.name || 'acoustic grand piano').slice(0, 100);
    const instrument: Instrument = drums ? { kind: 'drums', kit: 'Standard' } : { kind: 'soundfont', program: clamp(track.instrument.number, 0, 127), name: gmName };
    const notes = track.notes.map((n) => {
      const tick = scale(n.ticks);
      return { pitch: n.midi, tick, duration: Math.max(1, scale(n.ticks + n.durationTicks) - tick), velocity: clamp(Math.round(n.velocity * 127), 1, 127) };
    });
    const name = (track.name.trim() || (drums ? 'Drums' : gmName) || `Track ${i + 1}`).slice(0, 100);
    planned.push({ name, instrument, notes });
  });

  const scratch = new Y.Doc();
  const title = (options.title ?? midi.header.name).trim().slice(0, 200) || 'Imported MIDI';
  const origin = meters.get(0) as { numerator: number; denominator: Denominator };
  createEmptyProject(scratch, { title, bpm: tempos.get(0) as number, ...origin });
  const api = new ProjectApi(scratch, { origin: TEMPLATE_ORIGIN, newId: options.newId ?? createIdGenerator() });
  const meterMap = new MeterMap([...meters].map(([tick, m]) => ({ tick, ...m })));
  scratch.transact(() => {
    for (const [tick, bpm] of tempos) if (tick > 0) api.addTempoChange({ tick, bpm });
    for (const [tick, m] of meters) if (tick > 0) api.addMeterChange({ tick, ...m });
    for (const track of planned) {
      const trackId = api.createTrack({ kind: 'instrument', name: track.name, instrument: track.instrument });
      const end = Math.max(...track.notes.map((n) => n.tick + n.duration));
      const length = Math.max(meterMap.nextBarLine(ticks(end)), ticksPerBar(origin.numerator, origin.denominator));
      api.addMidiClip({ trackId, start: 0, length, name: track.name, notes: track.notes });
    }
  });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), TEMPLATE_ORIGIN);
  scratch.destroy();
  return { tracks: planned.length, notes: planned.reduce((n, t) => n + t.notes.length, 0), warnings };
}

function audibleNotes(track: TrackSnapshot): { pitch: number; tick: number; duration: number; velocity: number }[] {
  const out = [];
  for (const clip of track.clips) {
    if (clip.kind !== 'midi' || !clipPlays(track, clip)) continue;
    const origin = clip.start - clip.offset;
    const end = clip.start + clip.length;
    for (const n of clip.notes) {
      if (n.tick < clip.offset || n.tick >= clip.offset + clip.length) continue;
      const tick = origin + n.tick;
      out.push({ pitch: n.pitch, tick, duration: Math.min(n.duration, end - tick), velocity: n.velocity });
    }
  }
  return out.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
}

/**
 * Exports the project as a type 1 Standard MIDI File at 960 PPQ: a conductor track with the
 * tempo and meter maps, then one track per instrument track with its name, GM program and the
 * notes its clips play (trimmed to the clips, inactive takes left out). Drums go to channel 10.
 *
 * @example
 * const bytes = exportMidi(doc); // Uint8Array, hand it to the host to save as .mid
 */
export function exportMidi(doc: Y.Doc): Uint8Array {
  const project = readProject(doc);
  const midi = new Midi();
  midi.fromJSON({
    header: {
      name: project.title,
      ppq: PPQ,
      meta: [],
      keySignatures: [],
      tempos: project.tempo.map((t) => ({ ticks: t.tick, bpm: encodableBpm(t.bpm) })),
      timeSignatures: project.meters.map((m) => ({ ticks: m.tick, timeSignature: [m.numerator, m.denominator] })),
    },
    tracks: [],
  });
  let channel = 0;
  for (const track of project.tracks) {
    if (track.kind !== 'instrument' || track.instrument === null) continue;
    const out = midi.addTrack();
    out.name = track.name;
    if (track.instrument.kind === 'drums') out.channel = DRUM_CHANNEL;
    else {
      out.channel = channel;
      channel = channel + 1 === DRUM_CHANNEL ? channel + 2 : (channel + 1) % 16;
    }
    out.instrument.number = gmProgram(track.instrument);
    // @tonejs/midi writes floor(velocity * 127): aim at the middle of the step.
    for (const n of audibleNotes(track)) out.addNote({ midi: n.pitch, ticks: n.tick, durationTicks: n.duration, velocity: (n.velocity + 0.5) / 127 });
  }
  return midi.toArray();
}
