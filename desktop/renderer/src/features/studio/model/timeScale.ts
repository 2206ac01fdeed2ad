import { PPQ } from '@encore/shared/units';

/**
 * The horizontal mapping of an editor: `x = (tick - scrollTick) * pxPerTick`, x measured from
 * the left edge of the timeline's viewport. Immutable; zoom and scroll return a new scale.
 */
export interface TimeScale {
  readonly pxPerTick: number;
  readonly scrollTick: number;
}

/** Zoom limits in pixels per quarter note. */
export const MIN_PX_PER_BEAT = 3;
export const MAX_PX_PER_BEAT = 640;

export const tickToX = (s: TimeScale, tick: number): number => (tick - s.scrollTick) * s.pxPerTick;
export const xToTick = (s: TimeScale, x: number): number => s.scrollTick + x / s.pxPerTick;

export function pxPerBeat(s: TimeScale): number {
  return s.pxPerTick * PPQ;
}

/** A scale showing `pxPerBeat` pixels per quarter note from `scrollTick`. */
export function scaleOf(pxPerBeatValue: number, scrollTick = 0): TimeScale {
  return { pxPerTick: clampPxPerBeat(pxPerBeatValue) / PPQ, scrollTick: Math.max(0, scrollTick) };
}

const clampPxPerBeat = (v: number) => Math.min(MAX_PX_PER_BEAT, Math.max(MIN_PX_PER_BEAT, v));

/**
 * Zooms by `factor` keeping the tick under `anchorX` where it is (the mouse for Ctrl+wheel,
 * the playhead for +/-).
 *
 * @example
 * zoomAt(scaleOf(40), 2, 100); // 80 px per beat; the tick at x=100 stays at x=100
 */
export function zoomAt(s: TimeScale, factor: number, anchorX: number): TimeScale {
  const anchorTick = xToTick(s, anchorX);
  const next = clampPxPerBeat(pxPerBeat(s) * factor) / PPQ;
  return { pxPerTick: next, scrollTick: Math.max(0, anchorTick - anchorX / next) };
}

/** Scrolls by a pixel delta (positive to the right), never before the song's start. */
export function scrollBy(s: TimeScale, dx: number): TimeScale {
  return { ...s, scrollTick: Math.max(0, s.scrollTick + dx / s.pxPerTick) };
}

/** Scrolls just enough to keep `tick` in the viewport, paging like a DAW's follow mode. */
export function follow(s: TimeScale, tick: number, widthPx: number): TimeScale {
  const x = tickToX(s, tick);
  if (x >= 0 && x <= widthPx * 0.9) return s;
  return { ...s, scrollTick: Math.max(0, tick - (widthPx * 0.1) / s.pxPerTick) };
}
