import { describe, expect, it } from 'vitest';
import { MeterMap } from '@encore/shared/project/meterMap';
import { gridLines, minLength, noteStep, parseSnap, quantizeGrid, snapId, snapTick, SNAP_IDS } from './grid';

const fourFour = new MeterMap([{ tick: 0, numerator: 4, denominator: 4 }]);

describe('snap grids', () => {
  it('parses every selector value and round-trips it', () => {
    for (const id of SNAP_IDS) expect(snapId(parseSnap(id))).toBe(id);
  });

  it('gives straight and triplet steps in ticks', () => {
    expect(noteStep({ kind: 'note', division: 4, triplet: false })).toBe(960);
    expect(noteStep({ kind: 'note', division: 16, triplet: false })).toBe(240);
    expect(noteStep({ kind: 'note', division: 8, triplet: true })).toBe(320);
    expect(noteStep({ kind: 'note', division: 64, triplet: false })).toBe(60);
  });

  it('snaps to the nearest line or the one before', () => {
    expect(snapTick(500, parseSnap('1/4'), fourFour)).toBe(960);
    expect(snapTick(470, parseSnap('1/4'), fourFour)).toBe(0);
    expect(snapTick(959, parseSnap('1/4'), fourFour, 'floor')).toBe(0);
    expect(snapTick(700, parseSnap('1/8T'), fourFour)).toBe(640);
    expect(snapTick(123.4, parseSnap('off'), fourFour)).toBe(123);
    expect(snapTick(-50, parseSnap('1/4'), fourFour)).toBe(0);
  });

  it('snaps to bar lines that follow meter changes', () => {
    const meters = new MeterMap([
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 3840, numerator: 3, denominator: 4 },
    ]);
    expect(snapTick(3840 + 1500, parseSnap('bar'), meters)).toBe(3840 + 2880);
    expect(snapTick(3840 + 1000, parseSnap('bar'), meters)).toBe(3840);
    expect(minLength(parseSnap('bar'), meters, 4000)).toBe(2880);
  });

  it('maps snaps to the quantize grids of the project API', () => {
    expect(quantizeGrid(parseSnap('1/16T'))).toEqual({ division: 16, triplet: true, dotted: false });
    expect(quantizeGrid(parseSnap('bar'))).toEqual({ division: 1, triplet: false, dotted: false });
  });

  it('thins grid lines as the view zooms out', () => {
    const close = gridLines(0, 3840, 0.2, fourFour, parseSnap('1/16'));
    expect(close.filter((l) => l.level === 'bar').map((l) => l.bar)).toEqual([1, 2]);
    expect(close.filter((l) => l.level === 'beat')).toHaveLength(3);
    expect(close.filter((l) => l.level === 'sub')).toHaveLength(12);
    const far = gridLines(0, 3840 * 64, 0.001, fourFour, parseSnap('1/16'));
    expect(far.every((l) => l.level === 'bar')).toBe(true);
    expect(far.length).toBeLessThan(40);
  });
});
