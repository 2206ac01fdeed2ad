import { useState, type PointerEvent } from 'react';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { startDrag } from '../editor/pointerDrag';
import { gridLines, snapTick } from '../model/grid';
import { tickToX, xToTick, type TimeScale } from '../model/timeScale';
import { MarkerFlag } from './MarkerFlag';

/**
 * The time ruler: bar numbers, markers (click to jump, drag, double-click to rename), the loop brace (drag its body or edges; one edit on
 * release) and click-to-place the playhead.
 */
export function Ruler({ scale, width }: { scale: TimeScale; width: number }) {
  const { session, commands, edit } = useStudio();
  const meters = useProject((s) => s.meterMap);
  const markers = useProject((s) => s.snapshot.markers);
  const loop = useProject((s) => s.snapshot.loop);
  const snap = useEditor((s) => s.snap);
  const [preview, setPreview] = useState<{ start: number; end: number } | null>(null);
  const shown = preview ?? loop;
  const bars = gridLines(xToTick(scale, 0), xToTick(scale, width), scale.pxPerTick, meters, snap, 40).filter((l) => l.level === 'bar');

  const onRulerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    commands.seek(snapTick(xToTick(scale, e.clientX - rect.left), snap, meters));
  };
  const onBraceDown = (e: PointerEvent<HTMLDivElement>, part: 'start' | 'end' | 'body') => {
    e.stopPropagation();
    if (e.button !== 0) return;
    const at = (dx: number) => {
      const d = dx / scale.pxPerTick;
      if (part === 'body') {
        const start = snapTick(loop.start + d, snap, meters);
        return { start, end: start + (loop.end - loop.start) };
      }
      if (part === 'start') return { start: Math.min(loop.end - 1, snapTick(loop.start + d, snap, meters)), end: loop.end };
      return { start: loop.start, end: Math.max(loop.start + 1, snapTick(loop.end + d, snap, meters)) };
    };
    startDrag(e, {
      move: ({ dx }) => setPreview(at(dx)),
      end: ({ dx }) => {
        setPreview(null);
        const next = at(dx);
        if (next.start !== loop.start || next.end !== loop.end) edit(() => session.api.setLoop({ ...next, enabled: true }));
      },
      cancel: () => setPreview(null),
    });
  };
  const loopLeft = tickToX(scale, shown.start);
  const loopWidth = (shown.end - shown.start) * scale.pxPerTick;
  return (
    <div data-testid="ruler" className="relative h-full cursor-pointer select-none overflow-hidden" onPointerDown={onRulerDown}>
      {bars.map((b) => (
        <div key={b.tick} className="absolute top-0 bottom-0 border-l border-white/15 pl-1 pt-0.5 font-mono text-[10px] text-ink-muted" style={{ left: Math.round(tickToX(scale, b.tick)) }}>
          {b.bar}
        </div>
      ))}
      <div
        data-testid="loop-brace"
        title="Loop region: drag to move, drag an edge to resize"
        className="absolute top-[18px] h-2 cursor-grab rounded-sm"
        style={{ left: loopLeft, width: loopWidth, background: loop.enabled ? '#8b7bffcc' : '#8b7bff40' }}
        onPointerDown={(e) => onBraceDown(e, 'body')}
      >
        <div className="absolute top-0 bottom-0 left-0 w-1.5 cursor-ew-resize" onPointerDown={(e) => onBraceDown(e, 'start')} />
        <div className="absolute top-0 right-0 bottom-0 w-1.5 cursor-ew-resize" onPointerDown={(e) => onBraceDown(e, 'end')} />
      </div>
      {markers.map((m) => (
        <MarkerFlag key={m.id} marker={m} scale={scale} />
      ))}
    </div>
  );
}
