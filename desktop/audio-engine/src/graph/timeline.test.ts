import { describe, expect, it } from 'vitest';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { audioClip, beatsToTicks, lane, midiClip, note, project, track } from '../testing/snapshotBuilder';
import { eventsValueAt, laneEvents, laneValueAt, IDENTITY } from './automation';
import { resolveRouting } from './routing';
import { lowerBound, songEnd, trackTimeline } from './timeline';

const tempo = new TempoMap([{ tick: 0, bpm: 120 }]);

describe('timeline', () => {
  it('places notes in seconds, cut by their clip, offset by its content origin', () => {
    const clip = { ...midiClip('c', 'i', 4, 2, [note(60, 0, 1), note(62, 1, 4), note(64, 2.5, 1)]), offset: beatsToTicks(1) };
    const t = trackTimeline(track({ id: 'i', kind: 'instrument', clips: [clip] }), tempo);
    // Content beat 0 precedes the offset: not heard. Beat 1 plays at clip start (2 s), cut at 3 s.
    expect(t.notes.map((n) => [n.on, n.off, n.pitch])).toEqual([
      [2, 3, 62],
      [2.75, 3, 64],
    ]);
    expect(t.end).toBe(3);
  });

  it('orders note-offs separately from note-ons', () => {
    const t = trackTimeline(track({ id: 'i', kind: 'instrument', clips: [midiClip('c', 'i', 0, 8, [note(60, 0, 4), note(62, 1, 1)])] }), tempo);
    expect([...t.offOrder].map((i) => t.notes[i]!.pitch)).toEqual([62, 60]);
  });

  it('turns audio clip fades into seconds and finds the song end', () => {
    const clip = audioClip('a', 'au', 'h'.repeat(64), 2, 4, { fadeIn: beatsToTicks(1), fadeOut: beatsToTicks(0.5) });
    const snap = project([track({ id: 'au', clips: [clip] })]);
    const t = trackTimeline(snap.tracks[0]!, tempo);
    expect(t.clips[0]).toMatchObject({ start: 1, end: 3, fadeIn: 0.5, fadeOut: 0.25 });
    expect(songEnd(snap, tempo)).toBe(3);
  });

  it('binary-searches sorted keys', () => {
    expect(lowerBound([1, 3, 5], 4, (x) => x)).toBe(2);
    expect(lowerBound([1, 3, 5], 0, (x) => x)).toBe(0);
    expect(lowerBound([1, 3, 5], 9, (x) => x)).toBe(3);
  });
});

describe('automation', () => {
  const points = lane({ kind: 'pan' }, [
    { beat: 0, value: -1 },
    { beat: 2, value: 1, curve: 'hold' },
    { beat: 4, value: 0 },
  ]).points;

  it('interpolates lane values by curve', () => {
    expect(laneValueAt(points, 0)).toBe(-1);
    expect(laneValueAt(points, beatsToTicks(1))).toBe(0);
    expect(laneValueAt(points, beatsToTicks(3))).toBe(1);
    expect(laneValueAt(points, beatsToTicks(9))).toBe(0);
    const exp = lane({ kind: 'pan' }, [
      { beat: 0, value: 0.1, curve: 'exponential' },
      { beat: 2, value: 0.4 },
    ]).points;
    expect(laneValueAt(exp, beatsToTicks(1))).toBeCloseTo(0.2, 9);
  });

  it('writes one ramp per linear segment and steps for holds', () => {
    const events = laneEvents(lane({ kind: 'pan' }, [{ beat: 0, value: -1 }, { beat: 2, value: 1, curve: 'hold' }, { beat: 4, value: 0 }]), tempo, IDENTITY);
    expect(events).toEqual([
      { time: 0, value: -1, ramp: false },
      { time: 1, value: 1, ramp: true },
      { time: 2, value: 0, ramp: false },
    ]);
    expect(eventsValueAt(events, 0.5)).toBe(0);
    expect(eventsValueAt(events, 1.5)).toBe(1);
  });

  it('samples curves that are not linear in the param', () => {
    const events = laneEvents(lane({ kind: 'volume' }, [{ beat: 0, value: -40 }, { beat: 2, value: 0 }]), tempo, { map: (db) => 10 ** (db / 20), linear: false });
    expect(events.length).toBe(51);
    expect(eventsValueAt(events, 0.5)).toBeCloseTo(0.1, 3);
  });
});

describe('routing', () => {
  const bus = (id: string, output: string | null = null) => track({ id, kind: 'bus', output });

  it('mute silences; without solo everything else plays', () => {
    const { audible } = resolveRouting(project([track({ id: 'a', mute: true }), track({ id: 'b' })]));
    expect([...audible]).toEqual([['a', false], ['b', true]]);
  });

  it('solo keeps the soloed track and the buses it feeds; a soloed bus keeps its members', () => {
    const snap = project([
      track({ id: 'a', solo: true, sends: [{ id: 's', targetTrackId: 'verb', levelDb: 0, pre: false }] }),
      track({ id: 'b', sends: [{ id: 's2', targetTrackId: 'verb', levelDb: 0, pre: false }] }),
      track({ id: 'c', output: 'grp' }),
      bus('verb'),
      bus('grp'),
    ]);
    expect(Object.fromEntries(resolveRouting(snap).audible)).toEqual({ a: true, b: false, c: false, verb: true, grp: false });
    expect(Object.fromEntries(resolveRouting(snap, ['grp']).audible)).toEqual({ a: false, b: false, c: true, verb: false, grp: true });
  });

  it('breaks output loops and drops sends that would feed back', () => {
    const snap = project([
      bus('x', 'y'),
      { ...bus('y', 'x') },
      track({ id: 'z', kind: 'bus', sends: [{ id: 's', targetTrackId: 'x', levelDb: 0, pre: true }], output: 'x' }),
      track({ id: 'w', kind: 'bus', output: null, sends: [] }),
    ]);
    const r = resolveRouting({ ...snap, tracks: [...snap.tracks.slice(0, 3), { ...snap.tracks[3]!, sends: [{ id: 'back', targetTrackId: 'w', levelDb: 0 as never, pre: false }] }] });
    expect(r.output.get('x')).toBeNull();
    expect(r.output.get('y')).toBe('x');
    expect(r.sends.get('w')).toEqual([]);
    expect(r.issues.length).toBe(2);
  });
});
