import { describe, expect, it } from 'vitest';
import { MeterMap } from '@encore/shared/project/meterMap';
import { clipMove, clipResize, drawnNote, notesMove, notesResize, previewClip, previewNotes } from './gestures';
import { parseSnap } from './grid';

const meters = new MeterMap([{ tick: 0, numerator: 4, denominator: 4 }]);
const clip = { id: 'c1', trackId: 't1', start: 3840, length: 3840 };
const quarter = parseSnap('1/4');

describe('clip gestures', () => {
  it('moves by the snapped amount, possibly to another track', () => {
    expect(clipMove(clip, 1000, null, quarter, meters)).toEqual({ op: 'moveClip', input: { clipId: 'c1', start: 4800 } });
    expect(clipMove(clip, 1000, 't2', quarter, meters)).toEqual({ op: 'moveClip', input: { clipId: 'c1', start: 4800, trackId: 't2' } });
    expect(clipMove(clip, 300, 't1', quarter, meters)).toBeNull();
    expect(clipMove(clip, -99_999, null, parseSnap('bar'), meters)?.input).toEqual({ clipId: 'c1', start: 0 });
  });

  it('resizes an edge on the grid and keeps a grid step', () => {
    expect(clipResize(clip, 'end', 1900, quarter, meters)).toEqual({ op: 'resizeClip', input: { clipId: 'c1', edge: 'end', tick: 9600 } });
    expect(clipResize(clip, 'end', -99_999, quarter, meters)?.input).toEqual({ clipId: 'c1', edge: 'end', tick: 4800 });
    expect(clipResize(clip, 'start', -99_999, quarter, meters, 1920)?.input).toEqual({ clipId: 'c1', edge: 'start', tick: 1920 });
    expect(clipResize(clip, 'start', 100, quarter, meters)).toBeNull();
  });

  it('previews what the edit leaves', () => {
    expect(previewClip(clip, clipResize(clip, 'start', 960, quarter, meters))).toEqual({ ...clip, start: 4800, length: 2880 });
    expect(previewClip(clip, clipMove(clip, 960, 't2', quarter, meters))).toEqual({ ...clip, start: 4800, trackId: 't2' });
  });
});

describe('note gestures', () => {
  const a = { id: 'a', pitch: 60, tick: 0, duration: 480 };
  const b = { id: 'b', pitch: 72, tick: 960, duration: 240 };

  it('moves the selection by the grabbed note’s snapped move, inside the clip and the keyboard', () => {
    expect(notesMove('c', a, [a, b], 500, 2, 3840, quarter, meters)?.input).toEqual({ clipId: 'c', noteIds: ['a', 'b'], deltaTicks: 960, deltaPitch: 2 });
    expect(notesMove('c', b, [a, b], -5000, 0, 3840, quarter, meters)).toBeNull();
    expect(notesMove('c', b, [a, b], 0, 100, 3840, quarter, meters)?.input).toMatchObject({ deltaPitch: 55 });
    expect(notesMove('c', a, [a], 100, 0, 3840, quarter, meters)).toBeNull();
  });

  it('resizes every selected note by the same snapped amount, never to nothing', () => {
    expect(notesResize('c', a, [a, b], 450, 0, quarter, meters)?.input.deltaTicks).toBe(480);
    expect(notesResize('c', a, [a, b], -2000, 0, parseSnap('off'), meters)?.input.deltaTicks).toBe(-239);
    expect(previewNotes([a, b], notesResize('c', a, [a, b], 450, 0, quarter, meters)).map((n) => n.duration)).toEqual([960, 720]);
  });

  it('draws a note from the grid line before the click, one step or as far as dragged', () => {
    expect(drawnNote(3840 + 1000, 3840 + 1000, 64, 3840, quarter, meters)).toEqual({ pitch: 64, tick: 960, duration: 960 });
    expect(drawnNote(3840 + 1000, 3840 + 3700, 64, 3840, quarter, meters)).toEqual({ pitch: 64, tick: 960, duration: 2880 });
  });
});
