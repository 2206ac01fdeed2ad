import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { MidiClipSnapshot } from '@encore/shared/project/read/snapshot';
import { useEditor, useStudio } from '../editor/StudioContext';
import { startDrag } from '../editor/pointerDrag';
import type { PlacedNote } from '../model/hitTest';
import { tickToX } from '../model/timeScale';
import { drawVelocities } from './drawPianoRoll';

const HEIGHT = 76;

/** Velocities of the clip's notes: drag a stalk up or down (the selection moves together). */
export function VelocityLane({ clip, color, width, keyboardWidth, notes }: { clip: MidiClipSnapshot; color: string; width: number; keyboardWidth: number; notes: readonly (PlacedNote & { velocity: number })[] }) {
  const { session, editor, edit } = useStudio();
  const time = useEditor((s) => s.pianoScale);
  const selectedIds = useEditor((s) => s.selectedNoteIds);
  const [preview, setPreview] = useState<{ ids: ReadonlySet<string>; velocity: number } | null>(null);
  const ref = useRef<HTMLCanvasElement>(null);
  const shown = preview ? notes.map((n) => (preview.ids.has(n.id) ? { ...n, velocity: preview.velocity } : n)) : notes;

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = HEIGHT * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawVelocities(ctx, { width, height: HEIGHT, time, notes: shown, selected: new Set(selectedIds), color });
  });

  const velocityAt = (y: number) => Math.min(127, Math.max(1, Math.round(((HEIGHT - y) / (HEIGHT - 6)) * 127)));
  const onDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    let best: (typeof notes)[number] | null = null;
    for (const n of notes) {
      const d = Math.abs(tickToX(time, n.start) - x);
      if (d <= 6 && (!best || d < Math.abs(tickToX(time, best.start) - x))) best = n;
    }
    if (!best) return;
    const ids = selectedIds.includes(best.id) ? selectedIds : [best.id];
    if (!selectedIds.includes(best.id)) editor.setState({ selectedNoteIds: ids });
    const idSet = new Set(ids);
    const y0 = e.clientY - rect.top;
    setPreview({ ids: idSet, velocity: velocityAt(y0) });
    startDrag(e, {
      move: ({ dy }) => setPreview({ ids: idSet, velocity: velocityAt(y0 + dy) }),
      end: ({ dy }) => {
        setPreview(null);
        edit(() => session.api.setVelocity({ clipId: clip.id, noteIds: [...ids], velocity: velocityAt(y0 + dy) }));
      },
      cancel: () => setPreview(null),
    });
  };

  return (
    <div className="flex shrink-0 border-t border-line" style={{ height: HEIGHT }}>
      <div className="flex shrink-0 items-center justify-center border-r border-line bg-shell text-[10px] font-semibold tracking-[0.12em] text-ink-faint uppercase" style={{ width: keyboardWidth }}>
        {preview ? preview.velocity : 'Vel'}
      </div>
      <canvas ref={ref} data-testid="velocity-lane" aria-label="Note velocities" className="block touch-none" style={{ width, height: HEIGHT }} onPointerDown={onDown} />
    </div>
  );
}
