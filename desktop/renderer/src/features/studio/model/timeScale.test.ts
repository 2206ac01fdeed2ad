import { describe, expect, it } from 'vitest';
import { follow, pxPerBeat, scaleOf, scrollBy, tickToX, xToTick, zoomAt } from './timeScale';

describe('the time scale', () => {
  it('maps ticks to pixels and back', () => {
    const s = scaleOf(48, 960);
    expect(tickToX(s, 1920)).toBeCloseTo(48);
    expect(xToTick(s, 96)).toBeCloseTo(2880);
  });

  it('zooms around an anchor, keeping its tick in place', () => {
    const s = scaleOf(40, 3840);
    const anchorTick = xToTick(s, 300);
    const z = zoomAt(s, 2, 300);
    expect(pxPerBeat(z)).toBeCloseTo(80);
    expect(xToTick(z, 300)).toBeCloseTo(anchorTick);
  });

  it('clamps zoom and never scrolls before the start', () => {
    expect(pxPerBeat(zoomAt(scaleOf(600), 10, 0))).toBe(640);
    expect(scrollBy(scaleOf(40, 100), -10_000).scrollTick).toBe(0);
  });

  it('pages to keep a followed playhead in view', () => {
    const s = scaleOf(40);
    expect(follow(s, 960, 800)).toBe(s);
    const paged = follow(s, 960 * 30, 800);
    expect(tickToX(paged, 960 * 30)).toBeCloseTo(80);
  });
});
