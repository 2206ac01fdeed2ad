import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PPQ, seconds, ticks } from '../units';
import { TempoMap } from './tempoMap';

describe('TempoMap', () => {
  it('converts at a constant tempo', () => {
    const map = new TempoMap([{ tick: 0, bpm: 120 }]);
    expect(map.ticksToSeconds(ticks(PPQ))).toBe(0.5);
    expect(map.ticksToSeconds(ticks(PPQ * 4 * 10))).toBe(20);
    expect(map.secondsToTicks(seconds(1))).toBe(2 * PPQ);
    expect(map.bpmAt(ticks(123456))).toBe(120);
  });

  it('converts across several changes', () => {
    const map = new TempoMap([
      { tick: 0, bpm: 120 },
      { tick: 4 * PPQ, bpm: 60 },
      { tick: 6 * PPQ, bpm: 240 },
    ]);
    expect(map.ticksToSeconds(ticks(4 * PPQ))).toBe(2);
    expect(map.ticksToSeconds(ticks(5 * PPQ))).toBe(3);
    expect(map.ticksToSeconds(ticks(6 * PPQ))).toBe(4);
    expect(map.ticksToSeconds(ticks(10 * PPQ))).toBe(5);
    expect(map.secondsToTicks(seconds(4.5))).toBe(8 * PPQ);
    expect(map.secondsBetween(ticks(3 * PPQ), ticks(5 * PPQ))).toBe(1.5);
    expect(map.bpmAt(ticks(6 * PPQ - 1))).toBe(60);
  });

  it('sorts its input and lets a later duplicate tick win', () => {
    const map = new TempoMap([{ tick: PPQ, bpm: 60 }, { tick: 0, bpm: 120 }, { tick: PPQ, bpm: 30 }]);
    expect(map.ticksToSeconds(ticks(2 * PPQ))).toBe(0.5 + 2);
  });

  it('rejects an empty map and non-positive tempos', () => {
    expect(() => new TempoMap([])).toThrow(RangeError);
    expect(() => new TempoMap([{ tick: 0, bpm: 0 }])).toThrow(RangeError);
  });

  it('round-trips ticks → seconds → ticks over random maps', () => {
    const point = fc.record({ tick: fc.integer({ min: 1, max: 1e7 }), bpm: fc.double({ min: 20, max: 999, noNaN: true }) });
    fc.assert(
      fc.property(fc.double({ min: 20, max: 999, noNaN: true }), fc.array(point, { maxLength: 20 }), fc.integer({ min: 0, max: 2e7 }), (bpm0, rest, t) => {
        const map = new TempoMap([{ tick: 0, bpm: bpm0 }, ...rest]);
        const back = map.secondsToTicks(map.ticksToSeconds(ticks(t)));
        expect(Math.abs(back - t)).toBeLessThan(1e-6);
        expect(Math.round(back)).toBe(t);
      }),
    );
  });
});
