import { segmentValue } from '@encore/audio-engine/graph/automation';
import type { AutomationPointSnapshot } from '@encore/shared/project/read/snapshot';

/** How a lane maps ticks and values to its pixels. */
export interface LaneGeometry {
  tickToX(tick: number): number;
  /** Value → y in the lane (0 at the top). */
  valueToY(value: number): number;
  /** The lane's drawn width: the path runs flat to it after the last point. */
  readonly width: number;
}

/** Curved segments are drawn as this many straight pieces (the engine's own shape function). */
const CURVE_PIECES = 24;

/**
 * The SVG path of a lane: flat before the first point and after the last, each segment shaped by
 * its first point's curve exactly as the engine plays it (`segmentValue`).
 *
 * @example
 * lanePath(points, { tickToX: (t) => t / 10, valueToY: (v) => 50 - v * 50, width: 400 }); // 'M0,50L0,50…'
 */
export function lanePath(points: readonly AutomationPointSnapshot[], g: LaneGeometry): string {
  const first = points[0];
  if (!first) return '';
  const xy = (x: number, y: number) => `${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}`;
  const parts = [`M${xy(Math.min(0, g.tickToX(first.tick)), g.valueToY(first.value))}`];
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as AutomationPointSnapshot;
    parts.push(`L${xy(g.tickToX(a.tick), g.valueToY(a.value))}`);
    const b = points[i + 1];
    if (!b) continue;
    if (a.curve === 'hold') parts.push(`L${xy(g.tickToX(b.tick), g.valueToY(a.value))}`);
    else if (a.curve !== 'linear') {
      for (let k = 1; k < CURVE_PIECES; k++) {
        const t = k / CURVE_PIECES;
        parts.push(`L${xy(g.tickToX(a.tick + (b.tick - a.tick) * t), g.valueToY(segmentValue(a, b, t)))}`);
      }
    }
  }
  const last = points[points.length - 1] as AutomationPointSnapshot;
  parts.push(`L${xy(Math.max(g.width, g.tickToX(last.tick)), g.valueToY(last.value))}`);
  return parts.join('');
}
