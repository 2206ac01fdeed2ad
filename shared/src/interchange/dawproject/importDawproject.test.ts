import { describe, expect, it } from 'vitest';
import { readProject } from '../../project/read/readProject';
import { importDawproject } from './importDawproject';
import { material, sha256 } from './node.fixtures';

const notesOf = (track: { clips: readonly { kind: string }[] }) =>
  track.clips.flatMap((c) => (c.kind === 'midi' ? (c as unknown as { notes: { pitch: number; tick: number; duration: number; velocity: number }[] }).notes : []));

describe('importDawproject: files saved by Bitwig Studio 5.3', () => {
  it('note-regions: three instrument tracks with their looping note clips, an effect return, 110 BPM 4/4', async () => {
    const result = await importDawproject(material('note-regions.dawproject'), { sha256 });
    const p = readProject(result.doc);
    expect(p.issues).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(p.title).toBe('Imported DAWproject');
    expect(p.tempo).toEqual([{ tick: 0, bpm: 110 }]);
    expect(p.meters).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
    expect(p.tracks.map((t) => [t.name, t.kind])).toEqual([['Inst 1', 'instrument'], ['Inst 2', 'instrument'], ['Inst 3', 'instrument'], ['FX 1', 'bus']]);
    expect(p.master?.name).toBe('Master');
    const [inst1, inst2, inst3] = p.tracks;
    // Volume 0.316228 (linear) is -10 dB; pan 0.5 (normalized) is centre.
    expect(inst1?.volumeDb).toBeCloseTo(-10, 4);
    expect(inst1?.pan).toBe(0);
    expect(inst1?.color).toBe('#ff5706');
    // Bitwig writes every possible send disabled at zero: none is a real send.
    expect(p.tracks.every((t) => t.sends.length === 0)).toBe(true);
    // Clip 1: 4 beats from 0, a 2-beat loop of 8 sixteenths, unrolled to 16 notes.
    expect(inst1?.clips).toHaveLength(1);
    expect(inst1?.clips[0]).toMatchObject({ kind: 'midi', start: 0, length: 3840, offset: 0 });
    const n1 = notesOf(inst1 as never);
    expect(n1).toHaveLength(16);
    expect(n1.slice(0, 8).map((n) => n.pitch)).toEqual([60, 63, 67, 69, 72, 68, 65, 62]);
    expect(n1.every((n) => n.duration === 240 && n.velocity === 100)).toBe(true);
    expect(n1[8]).toMatchObject({ pitch: 60, tick: 1920 });
    // Clip 2 starts at beat 1 and plays from content beat 1: 4 notes, then the loop twice.
    expect(inst2?.clips[0]).toMatchObject({ start: 960, length: 2880 });
    expect(notesOf(inst2 as never).map((n) => n.pitch).slice(0, 5)).toEqual([72, 68, 65, 62, 60]);
    expect(notesOf(inst2 as never)).toHaveLength(12);
    // Clip 3 plays from content beat 0.5 with a 1-beat loop holding a two-note chord at 0.
    const n3 = notesOf(inst3 as never);
    expect(n3).toHaveLength(15);
    expect(n3.slice(0, 4).map((n) => [n.pitch, n.tick])).toEqual([[67, 0], [69, 240], [60, 480], [72, 480]]);
    expect(result.notes).toBe(16 + 12 + 15);
    expect(result.tracks).toBe(4);
    expect(result.assets.size).toBe(0);
  });

  it('eq: the generic EQ+ becomes a high-pass filter and two EQs holding all five shelf and bell bands', async () => {
    const result = await importDawproject(material('eq.dawproject'), { sha256 });
    const p = readProject(result.doc);
    expect(p.issues).toEqual([]);
    const eqTrack = p.tracks.find((t) => t.name === 'EQ+');
    expect(eqTrack?.kind).toBe('bus');
    expect(eqTrack?.devices.map((d) => d.kind)).toEqual(['filter', 'eq', 'eq']);
    const [filter, eq1, eq2] = eqTrack?.devices ?? [];
    // Band 1: high pass at semitone 58.506 (MIDI key) = 240 Hz, Q 1.0375.
    expect(filter?.params.mode).toBe(1);
    expect(filter?.params.cutoff).toBeCloseTo(240, 2);
    expect(filter?.params.resonance).toBeCloseTo(1.037528, 5);
    // Bands 2-4: bell 900 Hz -9 dB, high shelf 12 kHz +6 dB, bell 2 kHz +12 dB Q 2.
    expect(eq1?.params).toMatchObject({ lowMidGain: -9, lowMidQ: 1, highMidGain: 12, highMidQ: 2, highGain: 6, lowGain: 0 });
    expect(eq1?.params.lowMidFreq).toBeCloseTo(900, 2);
    expect(eq1?.params.highMidFreq).toBeCloseTo(2000, 2);
    expect(eq1?.params.highFreq).toBeCloseTo(12000, 1);
    // Bands 5-6 continue in a second EQ.
    expect(eq2?.params.lowMidGain).toBeCloseTo(10.294118, 5);
    expect(eq2?.params.lowMidFreq).toBeCloseTo(1173.43, 1);
    expect(eq2?.params.highMidGain).toBeCloseTo(-5.589767, 5);
    expect(eq2?.params.highMidFreq).toBeCloseTo(487.71, 1);
    expect(eq2?.params).toMatchObject({ lowGain: 0, highGain: 0 });
    expect(result.warnings).toEqual(['Track "EQ+": EQ "EQ+" has more bands than one Encore EQ; it became 2 EQs in a row']);
  });

  it('imports into a given empty document in one update', async () => {
    const { Doc } = await import('yjs');
    const into = new Doc();
    const updates: unknown[] = [];
    into.on('update', (u: Uint8Array) => updates.push(u));
    const result = await importDawproject(material('note-regions.dawproject'), { sha256, into, title: 'Regions' });
    expect(result.doc).toBe(into);
    expect(updates).toHaveLength(1);
    expect(readProject(into).title).toBe('Regions');
  });
});
