import { useState, type PointerEvent } from 'react';
import type { Marker } from '@encore/shared/project/schema/marker';
import { cx, focusRing } from '../../../ui/cx';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { startDrag } from '../editor/pointerDrag';
import { snapTick } from '../model/grid';
import { tickToX, type TimeScale } from '../model/timeScale';

/**
 * A marker in the ruler. Click: jump the playhead to it. Drag: move it (one edit on release).
 * Double-click: rename it or delete it.
 */
export function MarkerFlag({ marker, scale }: { marker: Marker; scale: TimeScale }) {
  const { session, commands, edit } = useStudio();
  const meters = useProject((s) => s.meterMap);
  const snap = useEditor((s) => s.snap);
  const [dragTick, setDragTick] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const tick = dragTick ?? marker.tick;

  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    e.stopPropagation();
    if (e.button !== 0 || editing) return;
    const at = (dx: number) => Math.max(0, snapTick(marker.tick + dx / scale.pxPerTick, snap, meters));
    startDrag(e, {
      move: ({ dx }) => setDragTick(Math.abs(dx) > 2 ? at(dx) : null),
      end: ({ dx }) => {
        setDragTick(null);
        if (Math.abs(dx) <= 2) return commands.seek(marker.tick);
        const next = at(dx);
        if (next !== marker.tick) edit(() => session.api.editMarker({ markerId: marker.id, tick: next }));
      },
      cancel: () => setDragTick(null),
    });
  };

  return (
    <div
      data-testid="marker"
      data-marker-name={marker.name}
      className="absolute bottom-0 z-10 flex cursor-pointer items-center gap-1"
      style={{ left: tickToX(scale, tick) }}
      title={`${marker.name}: click to jump, drag to move, double-click to rename or delete`}
      onPointerDown={onDown}
      onDoubleClick={(e) => {
        e.stopPropagation();
        setEditing(true);
      }}
    >
      <div className="h-3 w-0.5" style={{ background: marker.color }} />
      {editing ? (
        <span className="-ml-1 flex items-center gap-0.5 rounded-r bg-raised p-0.5" onPointerDown={(e) => e.stopPropagation()}>
          <input
            autoFocus
            aria-label="Marker name"
            defaultValue={marker.name}
            onBlur={(e) => {
              setEditing(false);
              const name = e.target.value.trim();
              if (name && name !== marker.name) edit(() => session.api.editMarker({ markerId: marker.id, name }));
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
              if (e.key === 'Escape') setEditing(false);
            }}
            className={cx('h-5 w-24 rounded bg-canvas px-1 text-[11px] text-ink', focusRing)}
          />
          <button
            type="button"
            aria-label={`Delete marker ${marker.name}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setEditing(false);
              edit(() => session.api.removeMarker({ markerId: marker.id }));
            }}
            className={cx('h-5 rounded px-1 text-[11px] text-ink-faint hover:text-danger', focusRing)}
          >
            ×
          </button>
        </span>
      ) : (
        <span className="-ml-1 rounded-r px-1 text-[10px] leading-[14px] font-semibold text-canvas" style={{ background: marker.color }}>
          {marker.name}
        </span>
      )}
    </div>
  );
}
