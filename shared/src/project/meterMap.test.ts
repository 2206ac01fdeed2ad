import { describe, expect, it } from 'vitest';
import { PPQ, ticks } from '../units';
import { MeterMap, ticksPerBar } from './meterMap';

describe('MeterMap', () => {
  it('counts bars in 4/4', () => {
    const m = new MeterMap([{ tick: 0, numerator: 4, denominator: 4 }]);
    expect(ticksPerBar(4, 4)).toBe(4 * PPQ);
    expect(m.barToTick(2)).toBe(8 * PPQ);
    expect(m.tickToBar(ticks(9 * PPQ + 10))).toEqual({ bar: 2, beat: 1, tick: 10 });
    expect(m.nextBarLine(ticks(1))).toBe(4 * PPQ);
    expect(m.nextBarLine(ticks(4 * PPQ))).toBe(4 * PPQ);
  });

  it('follows meter changes, including one inside a bar', () => {
    const m = new MeterMap([
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 8 * PPQ, numerator: 7, denominator: 8 },
      { tick: 8 * PPQ + 7 * 480 + 480, numerator: 3, denominator: 4 },
    ]);
    expect(m.barToTick(3)).toBe(8 * PPQ + 7 * 480);
    expect(m.tickToBar(ticks(8 * PPQ + 480 * 2))).toEqual({ bar: 2, beat: 2, tick: 0 });
    // the 3/4 change lands one eighth into bar 3, which ends there and bar 4 starts
    expect(m.barToTick(4)).toBe(8 * PPQ + 8 * 480);
    expect(m.meterAt(ticks(20 * PPQ))).toEqual({ tick: 8 * PPQ + 8 * 480, numerator: 3, denominator: 4 });
  });
});
