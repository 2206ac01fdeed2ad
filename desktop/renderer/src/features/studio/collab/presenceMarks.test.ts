import { describe, expect, it } from 'vitest';
import { scaleOf, tickToX } from '../model/timeScale';
import type { Peer } from './collabModel';
import { arrangementMarks, pianoRollMarks } from './presenceMarks';

const bob: Peer = {
  clientId: 7,
  user: { name: 'bob', color: '#0090ff' },
  presence: { trackId: 't2', clipId: 'c2', clipIds: ['c2', 'c3'], playhead: 3840, openClipId: 'c2', noteIds: ['n1'] },
  cursor: { view: 'arrangement', tick: 1920, trackId: 't2', lane: 0.5 },
};
const rows = [
  { id: 't1', top: 0, clipHeight: 68 },
  { id: 't2', top: 124, clipHeight: 68 },
];
const clips = [
  { id: 'c1', trackId: 't1', start: 0, length: 960 },
  { id: 'c2', trackId: 't2', start: 3840, length: 7680 },
  { id: 'c3', trackId: 't2', start: 15360, length: 960 },
];

describe('arrangementMarks', () => {
  it('places selection, playhead and pointer from musical time with the local scale', () => {
    for (const scale of [scaleOf(28), scaleOf(112, 1920)]) {
      const [m] = arrangementMarks([bob], { scale, rows, clips });
      expect(m!.playheadX).toBe(tickToX(scale, 3840));
      expect(m!.track).toEqual({ id: 't2', top: 124, height: 68 });
      expect(m!.clips.map((c) => c.id)).toEqual(['c2', 'c3']);
      expect(m!.clips[0]).toMatchObject({ left: tickToX(scale, 3840), top: 124, width: 7680 * scale.pxPerTick, height: 68 });
      expect(m!.cursor).toEqual({ x: tickToX(scale, 1920), y: 124 + 34 });
    }
  });

  it('drops marks on tracks and clips this replica does not have (yet), and piano-roll pointers', () => {
    const ghost: Peer = { ...bob, presence: { trackId: 'gone', clipId: 'gone', playhead: 0 }, cursor: { view: 'pianoRoll', tick: 0, clipId: 'c2', pitch: 60 } };
    const [m] = arrangementMarks([ghost], { scale: scaleOf(28), rows, clips });
    expect(m).toMatchObject({ track: null, clips: [], cursor: null, playheadX: 0 });
  });

  it('reads the single clipId older peers publish', () => {
    const old: Peer = { ...bob, presence: { trackId: 't1', clipId: 'c1', playhead: 0 } };
    expect(arrangementMarks([old], { scale: scaleOf(28), rows, clips })[0]!.clips.map((c) => c.id)).toEqual(['c1']);
  });
});

describe('pianoRollMarks', () => {
  it('shows the pointer and notes only in the clip they belong to', () => {
    const inRoll: Peer = { ...bob, cursor: { view: 'pianoRoll', tick: 4800, clipId: 'c2', pitch: 60 } };
    const scale = scaleOf(80, 3840);
    const [m] = pianoRollMarks([inRoll], 'c2', scale, 13);
    expect(m).toMatchObject({ cursor: { x: tickToX(scale, 4800), y: 67 * 13 }, noteIds: ['n1'], playheadX: 0 });
    expect(pianoRollMarks([inRoll], 'c3', scale, 13)[0]).toMatchObject({ cursor: null, noteIds: [] });
  });
});
