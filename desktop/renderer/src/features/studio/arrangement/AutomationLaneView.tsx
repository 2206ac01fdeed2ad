import { memo, useState, type PointerEvent } from 'react';
import { laneValueAt } from '@encore/audio-engine/graph/automation';
import type { AutomationLaneSnapshot, AutomationPointSnapshot } from '@encore/shared/project/read/snapshot';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { startDrag } from '../editor/pointerDrag';
import { lanePath } from '../model/automationPath';
import type { LaneTarget } from '../model/automationTargets';
import { snapTick } from '../model/grid';
import { tickToX, xToTick, type TimeScale } from '../model/timeScale';

const PAD = 6;
const HIT_PX = 7;

interface Preview {
  readonly pointId: string;
  readonly tick: number;
  readonly value: number;
}

export interface AutomationLaneViewProps {
  readonly trackId: string;
  readonly color: string;
  readonly target: LaneTarget;
  readonly lane: AutomationLaneSnapshot | undefined;
  readonly top: number;
  readonly height: number;
  readonly width: number;
  readonly scale: TimeScale;
}

/**
 * One automation lane under a track: the curve as the engine plays it, its points, and the
 * value at the playhead. Click empty space to add a point, drag a point to move it (one edit on
 * release), double-click a point to delete it; Delete removes the selected point.
 */
export const AutomationLaneView = memo(function AutomationLaneView({ trackId, color, target, lane, top, height, width, scale }: AutomationLaneViewProps) {
  const { session, editor, edit } = useStudio();
  const meters = useProject((s) => s.meterMap);
  const snap = useEditor((s) => s.snap);
  const playhead = useEditor((s) => s.playhead);
  const selected = useEditor((s) => (s.selectedPoint?.trackId === trackId ? s.selectedPoint.pointId : null));
  const [preview, setPreview] = useState<Preview | null>(null);
  const inner = height - 2 * PAD;
  const valueToY = (v: number) => PAD + (1 - target.toNorm(v)) * inner;
  const yToValue = (y: number) => target.fromNorm(1 - (y - PAD) / inner);
  const stored = lane?.points ?? [];
  const points: AutomationPointSnapshot[] = preview
    ? stored.map((p) => (p.id === preview.pointId ? { ...p, tick: preview.tick as AutomationPointSnapshot['tick'], value: preview.value } : p)).sort((a, b) => a.tick - b.tick || (a.id < b.id ? -1 : 1))
    : [...stored];
  const enabled = lane?.enabled ?? true;
  const current = points.length > 0 ? laneValueAt(points, playhead) : target.staticValue;
  const shown = preview ? points.find((p) => p.id === preview.pointId)?.value ?? current : current;

  const select = (pointId: string | null) => editor.setState({ selectedPoint: pointId ? { trackId, pointId } : null, focus: 'automation', selectedTrackId: trackId });

  const onLaneDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const hit = points.find((p) => Math.abs(tickToX(scale, p.tick) - x) <= HIT_PX && Math.abs(valueToY(p.value) - y) <= HIT_PX);
    if (hit) return onPointDown(e, hit, rect);
    const tick = Math.max(0, snapTick(xToTick(scale, x), snap, meters));
    edit(() => select(session.api.addPoint({ trackId, target: target.target, tick, value: yToValue(y) })));
  };

  const onPointDown = (e: PointerEvent<HTMLDivElement>, point: AutomationPointSnapshot, rect: DOMRect) => {
    select(point.id);
    const at = (dx: number, clientY: number): Preview => ({
      pointId: point.id,
      tick: Math.max(0, snapTick(point.tick + dx / scale.pxPerTick, snap, meters)),
      value: yToValue(clientY - rect.top),
    });
    startDrag(e, {
      move: ({ dx, dy, event }) => {
        if (Math.abs(dx) + Math.abs(dy) > 2) setPreview(at(dx, event.clientY));
      },
      end: ({ dx, dy, event }) => {
        setPreview(null);
        if (Math.abs(dx) + Math.abs(dy) <= 2) return;
        const next = at(dx, event.clientY);
        edit(() => session.api.movePoint({ trackId, pointId: point.id, tick: next.tick, value: next.value }));
      },
      cancel: () => setPreview(null),
    });
  };

  const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const hit = points.find((p) => Math.abs(tickToX(scale, p.tick) - x) <= HIT_PX && Math.abs(valueToY(p.value) - y) <= HIT_PX);
    if (!hit) return;
    edit(() => session.api.deletePoint({ trackId, pointId: hit.id }));
    select(null);
  };

  const path = lanePath(points, { tickToX: (t) => tickToX(scale, t), valueToY, width });
  return (
    <div
      data-testid={`automation-lane-${target.key}`}
      data-track-id={trackId}
      className="absolute inset-x-0 cursor-crosshair border-b border-line/70 bg-black/20"
      style={{ top, height, opacity: enabled ? 1 : 0.45 }}
      onPointerDown={onLaneDown}
      onDoubleClick={onDoubleClick}
    >
      <svg className="pointer-events-none absolute inset-0" width={width} height={height} aria-hidden>
        {points.length === 0 ? (
          <line x1={0} x2={width} y1={valueToY(target.staticValue)} y2={valueToY(target.staticValue)} stroke={color} strokeOpacity={0.5} strokeDasharray="4 4" />
        ) : (
          <>
            <path d={`${path}L${width},${height}L0,${height}Z`} fill={color} fillOpacity={0.12} />
            <path d={path} fill="none" stroke={color} strokeWidth={1.5} />
          </>
        )}
        {points.map((p) => (
          <circle
            key={p.id}
            data-testid="automation-point"
            cx={tickToX(scale, p.tick)}
            cy={valueToY(p.value)}
            r={p.id === selected ? 5 : 3.5}
            fill={p.id === selected ? '#fff' : color}
            stroke={p.id === selected ? color : '#0b0c10'}
            strokeWidth={1.5}
          />
        ))}
      </svg>
      <span data-testid="automation-readout" className="pointer-events-none absolute top-1 right-1 rounded bg-canvas/80 px-1 font-mono text-[10px] text-ink-muted tabular-nums">
        {target.format(shown)}
      </span>
    </div>
  );
});
