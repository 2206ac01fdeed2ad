import { describe, expect, it } from 'vitest';
import { ParamSchedule } from './paramSchedule';

describe('ParamSchedule', () => {
  it('steps, ramps from the previous event, and cancels like an AudioParam', () => {
    const p = new ParamSchedule(1);
    expect(p.valueAt(0)).toBe(1);
    p.add(1, 0.5, false);
    p.add(2, 1.5, true);
    expect(p.valueAt(0.5)).toBe(1);
    expect(p.valueAt(1)).toBe(0.5);
    expect(p.valueAt(1.5)).toBeCloseTo(1, 12);
    expect(p.valueAt(3)).toBe(1.5);
    const q = new ParamSchedule(0);
    q.add(1, 1, true);
    q.cancel(0.5);
    expect(q.valueAt(2)).toBe(0);
  });

  it('reports a constant block without writing it, and fills a block a ramp crosses', () => {
    const p = new ParamSchedule(0.25);
    const out = new Float32Array(4);
    expect(p.block(0, 0.25, 4, out)).toBe(0.25);
    p.add(2, 1.25, true);
    expect(p.block(1, 0.25, 4, out)).toBeNaN();
    expect(Array.from(out)).toEqual([0.75, 0.875, 1, 1.125]);
  });
});
