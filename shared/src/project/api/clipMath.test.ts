import { describe, expect, it } from 'vitest';
import { TempoMap } from '../tempoMap';
import { fitFades, splitAudio, splitNotes, trimAudioEnd, trimAudioStart } from './clipMath';
import { gridTicks, quantizeTick } from './quantize';

const tempo = new TempoMap([{ tick: 0, bpm: 120 }, { tick: 1920, bpm: 60 }]);

describe('clip math', () => {
  it('divides notes at the split: before stays (cut), after moves (rebased)', () => {
    const notes = [
      { id: 'a', tick: 0, duration: 240 },
      { id: 'b', tick: 400, duration: 400 },
      { id: 'c', tick: 480, duration: 100 },
      { id: 'd', tick: 900, duration: 10 },
    ];
    const { left, right } = splitNotes(notes, 480);
    expect(left).toEqual([{ id: 'a', tick: 0, duration: 240 }, { id: 'b', tick: 400, duration: 80 }]);
    expect(right).toEqual([{ id: 'c', tick: 0, duration: 100 }, { id: 'd', tick: 420, duration: 10 }]);
  });

  it('splits audio forwards and reversed, across a tempo change', () => {
    const clip = { start: 960, length: 1920, sourceOffset: 2, reversed: false };
    // 960→1920 at 120 BPM is 0.5 s; 1920→2880 at 60 BPM is 1 s.
    expect(splitAudio(clip, 1920, tempo)).toEqual({ left: 2, right: 2.5 });
    expect(splitAudio({ ...clip, reversed: true }, 1920, tempo)).toEqual({ left: 3, right: 2 });
  });

  it('trims audio edges with the source offset that keeps the audio in place', () => {
    const clip = { start: 960, length: 1920, sourceOffset: 2, reversed: false };
    expect(trimAudioStart(clip, 1920, tempo)).toBe(2.5);
    expect(trimAudioStart(clip, 0, tempo)).toBe(1.5);
    expect(trimAudioEnd(clip, 1920, tempo)).toBe(2);
    expect(trimAudioStart({ ...clip, reversed: true }, 1920, tempo)).toBe(2);
    expect(trimAudioEnd({ ...clip, reversed: true }, 1920, tempo)).toBe(3);
  });

  it('fits fades into a shorter clip', () => {
    expect(fitFades(100, 100, 150)).toEqual({ fadeIn: 100, fadeOut: 50 });
    expect(fitFades(300, 100, 150)).toEqual({ fadeIn: 150, fadeOut: 0 });
  });

  it('computes straight, triplet and dotted grids', () => {
    expect(gridTicks({ division: 4, triplet: false, dotted: false })).toBe(960);
    expect(gridTicks({ division: 16, triplet: false, dotted: false })).toBe(240);
    expect(gridTicks({ division: 8, triplet: true, dotted: false })).toBe(320);
    expect(gridTicks({ division: 16, triplet: true, dotted: false })).toBe(160);
    expect(gridTicks({ division: 8, triplet: false, dotted: true })).toBe(720);
  });

  it('quantizes with strength', () => {
    expect(quantizeTick(250, 240, 1)).toBe(240);
    expect(quantizeTick(370, 240, 1)).toBe(480);
    expect(quantizeTick(300, 240, 0.5)).toBe(270);
    expect(quantizeTick(300, 240, 0)).toBe(300);
    expect(quantizeTick(330, 320, 1)).toBe(320);
  });
});
