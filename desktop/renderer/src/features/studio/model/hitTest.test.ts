import { describe, expect, it } from 'vitest';
import { clickSelect, noteAt, notesInMarquee, pitchToY, rowAt, yToPitch, zoneAt, type PlacedNote } from './hitTest';
import { scaleOf } from './timeScale';

const keys = { rowPx: 10 };
const time = scaleOf(96); // 0.1 px per tick
const notes: PlacedNote[] = [
  { id: 'a', pitch: 60, start: 0, duration: 960 },
  { id: 'b', pitch: 64, start: 960, duration: 480 },
  { id: 'c', pitch: 67, start: 1920, duration: 960 },
];

describe('hit testing', () => {
  it('finds edges and bodies, keeping small boxes movable', () => {
    expect(zoneAt(200, 3)).toBe('start');
    expect(zoneAt(200, 197)).toBe('end');
    expect(zoneAt(200, 100)).toBe('body');
    expect(zoneAt(9, 4.5)).toBe('body');
  });

  it('maps pitches to rows', () => {
    expect(pitchToY(keys, 127)).toBe(0);
    expect(yToPitch(keys, pitchToY(keys, 60) + 5)).toBe(60);
    expect(yToPitch(keys, -20)).toBe(127);
  });

  it('finds the note under the pointer and its end zone', () => {
    const y = pitchToY(keys, 64) + 5;
    expect(noteAt(notes, 100, y, time, keys)).toEqual({ id: 'b', zone: 'body' });
    expect(noteAt(notes, 143, y, time, keys)).toEqual({ id: 'b', zone: 'end' });
    expect(noteAt(notes, 50, y, time, keys)).toBeNull();
  });

  it('selects the notes a marquee touches, drawn either way', () => {
    const rect = { x0: 150, y0: pitchToY(keys, 58), x1: 50, y1: pitchToY(keys, 66) };
    expect(notesInMarquee(notes, rect, time, keys).sort()).toEqual(['a', 'b']);
    expect(notesInMarquee(notes, { x0: 200, y0: 0, x1: 300, y1: 1280 }, time, keys)).toEqual(['c']);
  });

  it('finds track rows and selects like a click', () => {
    const rows = [
      { id: 't1', top: 0, height: 60 },
      { id: 't2', top: 60, height: 60 },
    ];
    expect(rowAt(rows, 70)?.id).toBe('t2');
    expect(rowAt(rows, 500)?.id).toBe('t2');
    expect(rowAt([], 5)).toBeNull();
    expect(clickSelect(['a'], 'b', false)).toEqual(['b']);
    expect(clickSelect(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(clickSelect(['a', 'b'], 'a', true)).toEqual(['b']);
  });
});
