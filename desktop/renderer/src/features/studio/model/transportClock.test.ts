import { describe, expect, it } from 'vitest';
import { MeterMap } from '@encore/shared/project/meterMap';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { formatBarsBeats, formatClock } from './position';
import { playheadAt } from './transportClock';

const tempo = new TempoMap([{ tick: 0, bpm: 120 }]);
const meters = new MeterMap([{ tick: 0, numerator: 4, denominator: 4 }]);

describe('the transport clock', () => {
  it('advances with the tempo and rests when stopped', () => {
    expect(playheadAt({ playing: true, anchorTick: 0, startedAt: 0 }, 500, tempo, null)).toBeCloseTo(960);
    expect(playheadAt({ playing: false, anchorTick: 480, startedAt: 0 }, 5000, tempo, null)).toBe(480);
  });

  it('wraps inside an enabled loop', () => {
    const loop = { start: 0, end: 3840, enabled: true };
    expect(playheadAt({ playing: true, anchorTick: 0, startedAt: 0 }, 2500, tempo, loop)).toBeCloseTo(960);
    expect(playheadAt({ playing: true, anchorTick: 0, startedAt: 0 }, 2500, tempo, { ...loop, enabled: false })).toBeCloseTo(4800);
  });

  it('prints positions as bars.beats.ticks and clock time', () => {
    expect(formatBarsBeats(8640, meters)).toBe('3.2.000');
    expect(formatBarsBeats(0, meters)).toBe('1.1.000');
    expect(formatClock(3840, tempo)).toBe('0:02.000');
    expect(formatClock(3840 * 40, tempo)).toBe('1:20.000');
  });
});
