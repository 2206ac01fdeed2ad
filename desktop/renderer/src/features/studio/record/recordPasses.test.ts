import { describe, expect, it } from 'vitest';
import { logSegment, recordingPasses } from './recordPasses';

describe('recording passes', () => {
  const capture = { startTime: 10, sampleRate: 1000, frames: 5000 };

  it('moves the audio earlier by the latency', () => {
    const [pass] = recordingPasses(capture, [{ at: 10.5, song: 2 }], { latency: 0.01, punch: null, minSeconds: 0.05 });
    // Song 2 s was played at 10.5 and captured at 10.51: frame 510.
    expect(pass).toEqual({ from: 510, to: 5000, songStart: 2 });
  });

  it('makes one pass per loop cycle, and keeps only the punch range', () => {
    const segments = [
      { at: 10, song: 0 },
      { at: 12, song: 0 },
      { at: 14, song: 0 },
    ];
    const all = recordingPasses(capture, segments, { latency: 0, punch: null, minSeconds: 0.05 });
    expect(all.map((p) => [p.from, p.to, p.songStart])).toEqual([
      [0, 2000, 0],
      [2000, 4000, 0],
      [4000, 5000, 0],
    ]);
    const punched = recordingPasses(capture, segments, { latency: 0.1, punch: { start: 0.5, end: 1.5 }, minSeconds: 0.05 });
    expect(punched.map((p) => [p.from, p.to])).toEqual([
      [600, 1600],
      [2600, 3600],
      [4600, 5000],
    ]);
    expect(punched.every((p) => Math.abs(p.songStart - 0.5) < 1e-9)).toBe(true);
  });

  it('drops slivers and audio from before the capture', () => {
    const passes = recordingPasses(capture, [{ at: 9, song: 0 }, { at: 14.99, song: 0 }], { latency: 0, punch: null, minSeconds: 0.05 });
    expect(passes).toEqual([{ from: 0, to: 4990, songStart: 1 }]);
  });
});

describe('the transport log while recording', () => {
  it('lets the engine correct the optimistic play anchor, and ignores rebuilds that keep the mapping', () => {
    let log = logSegment([], { at: 5, song: 0 }, 5);
    expect(log).toEqual([{ at: 5, song: 0, optimistic: true }]);
    log = logSegment(log, { at: 7.05, song: 0 }, 5.02);
    expect(log).toEqual([{ at: 7.05, song: 0, optimistic: false }]);
    log = logSegment(log, { at: 8.05, song: 1 }, 8);
    expect(log).toHaveLength(1);
    log = logSegment(log, { at: 9.05, song: 0 }, 9);
    expect(log.map((s) => s.at)).toEqual([7.05, 9.05]);
  });
});
