import { memo } from 'react';
import type { MeterMap } from '@encore/shared/project/meterMap';
import { gridLines, type Snap } from '../model/grid';
import { tickToX, xToTick, type TimeScale } from '../model/timeScale';

const COLORS = { bar: 'rgba(255,255,255,0.13)', beat: 'rgba(255,255,255,0.06)', sub: 'rgba(255,255,255,0.03)' } as const;

/** The vertical grid of an editor over `width` pixels: bars, beats and snap subdivisions. */
export const GridLines = memo(function GridLines({ scale, width, meters, snap }: { scale: TimeScale; width: number; meters: MeterMap; snap: Snap }) {
  const lines = gridLines(xToTick(scale, 0), xToTick(scale, width), scale.pxPerTick, meters, snap);
  return (
    <div aria-hidden className="pointer-events-none absolute inset-0 overflow-hidden">
      {lines.map((l) => (
        <div key={l.tick} className="absolute top-0 bottom-0 w-px" style={{ left: Math.round(tickToX(scale, l.tick)), background: COLORS[l.level] }} />
      ))}
    </div>
  );
});
