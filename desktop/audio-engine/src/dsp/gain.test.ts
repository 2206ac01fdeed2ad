import { describe, expect, it } from 'vitest';
import { decibels } from '@encore/shared/units';
import { applyGainRamp, dbToGain, gainToDb } from './gain';
import { balanceGains, panGains, panMono } from './pan';

describe('dB and gain', () => {
  it('converts both ways, with -144 dB as silence', () => {
    expect(dbToGain(decibels(0))).toBe(1);
    expect(dbToGain(decibels(-6.0206))).toBeCloseTo(0.5, 4);
    expect(dbToGain(decibels(-144))).toBe(0);
    expect(gainToDb(0)).toBe(-144);
    expect(gainToDb(-0.5)).toBeCloseTo(-6.0206, 3);
    expect(gainToDb(dbToGain(decibels(-23.5)))).toBeCloseTo(-23.5, 9);
  });

  it('ramps a gain across a block', () => {
    const block = new Float32Array(4).fill(1);
    applyGainRamp(block, 1, 0);
    expect([...block]).toEqual([0.75, 0.5, 0.25, 0]);
  });
});

describe('constant-power pan', () => {
  it('is -3.01 dB each side at centre', () => {
    const { left, right } = panGains(0);
    expect(gainToDb(left)).toBeCloseTo(-3.0103, 3);
    expect(gainToDb(right)).toBeCloseTo(-3.0103, 3);
  });

  it('is exact silence on the far side when hard panned', () => {
    expect(panGains(-1)).toEqual({ left: 1, right: 0 });
    expect(panGains(1)).toEqual({ left: 0, right: 1 });
    expect(panGains(-7)).toEqual({ left: 1, right: 0 });
  });

  it('keeps power constant everywhere', () => {
    for (let p = -1; p <= 1; p += 0.05) {
      const { left, right } = panGains(p);
      expect(left * left + right * right).toBeCloseTo(1, 12);
    }
  });

  it('balances a stereo signal at unity in the centre, fading only the far side', () => {
    expect(balanceGains(0).left).toBeCloseTo(1, 12);
    expect(balanceGains(0).right).toBeCloseTo(1, 12);
    expect(balanceGains(1)).toEqual({ left: 0, right: 1 });
    expect(balanceGains(0.5).right).toBe(1);
    expect(balanceGains(0.5).left).toBeCloseTo(Math.SQRT2 * Math.cos((1.5 * Math.PI) / 4), 12);
  });

  it('pans a mono block', () => {
    const l = new Float32Array(2);
    const r = new Float32Array(2);
    panMono(new Float32Array([1, -1]), -1, l, r);
    expect([...l, ...r].map((v) => v + 0)).toEqual([1, -1, 0, 0]);
  });
});
