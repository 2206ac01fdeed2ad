import { describe, expect, it } from 'vitest';
import { ticks } from '@encore/shared/units';
import { parseSongTime, songSeconds } from './songTime';

const song = (bpm: number, meters: { tick: number; numerator: number; denominator: 1 | 2 | 4 | 8 | 16 | 32 }[]) => ({ tempo: [{ tick: ticks(0), bpm }], meters: meters.map((m) => ({ ...m, tick: ticks(m.tick) })) });

describe('song times on the command line', () => {
  it('parses seconds and bars:beats, and refuses anything else', () => {
    expect(parseSongTime('12.5', '--from')).toEqual({ kind: 'seconds', seconds: 12.5 });
    expect(parseSongTime('3s', '--from')).toEqual({ kind: 'seconds', seconds: 3 });
    expect(parseSongTime('9:2.5', '--to')).toEqual({ kind: 'bars', bar: 9, beat: 2.5 });
    for (const bad of ['', 'abc', '-1', '0:1', '2:0', '1:2:3', '1,5']) expect(() => parseSongTime(bad, '--to'), bad).toThrow(/--to must be seconds/);
  });

  it('places bars and beats on the tempo and the meters', () => {
    // 120 bpm 4/4: a bar is 2 s, a beat 0.5 s.
    expect(songSeconds({ kind: 'bars', bar: 1, beat: 1 }, song(120, []))).toBe(0);
    expect(songSeconds({ kind: 'bars', bar: 3, beat: 2 }, song(120, [{ tick: 0, numerator: 4, denominator: 4 }]))).toBeCloseTo(4.5, 9);
    // 6/8 at 120 quarter-notes a minute: an eighth is 0.25 s, a bar 1.5 s.
    expect(songSeconds({ kind: 'bars', bar: 2, beat: 3 }, song(120, [{ tick: 0, numerator: 6, denominator: 8 }]))).toBeCloseTo(2, 9);
    expect(songSeconds({ kind: 'seconds', seconds: 7 }, song(90, []))).toBe(7);
  });
});
