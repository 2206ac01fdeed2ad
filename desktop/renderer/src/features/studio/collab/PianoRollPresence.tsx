import { useEffect, useMemo, type RefObject } from 'react';
import type { MidiClipSnapshot } from '@encore/shared/project/read/snapshot';
import { useEditor, useStudio } from '../editor/StudioContext';
import { tickToX, xToTick } from '../model/timeScale';
import { usePresence } from './activeCollab';
import { PeerCursor, PeerOutline, PeerPlayhead } from './PeerMarkViews';
import { pianoRollMarks } from './presenceMarks';

/**
 * Collaborators in the piano roll of `clip`: the notes they selected in it, their playhead and
 * their pointer (tick and pitch, so it lands right at any zoom). Publishes this user's pointer
 * over the note grid.
 */
export function PianoRollPresence({ gridRef, clip, rowPx }: { gridRef: RefObject<HTMLElement | null>; clip: MidiClipSnapshot; rowPx: number }) {
  const { session, editor } = useStudio();
  const { peers, setCursor } = usePresence(session.doc);
  const scale = useEditor((s) => s.pianoScale);

  useEffect(() => {
    const el = gridRef.current;
    if (!el) return;
    const move = (e: PointerEvent) => {
      const rect = el.getBoundingClientRect();
      const tick = Math.max(0, xToTick(editor.getState().pianoScale, e.clientX - rect.left));
      const pitch = Math.min(127, Math.max(0, 127 - (e.clientY - rect.top) / rowPx + 0.5));
      setCursor({ view: 'pianoRoll', tick, clipId: clip.id, pitch });
    };
    const leave = () => setCursor(null);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerleave', leave);
    return () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerleave', leave);
    };
  }, [gridRef, clip.id, rowPx, editor, setCursor]);

  const marks = useMemo(() => pianoRollMarks(peers, clip.id, scale, rowPx), [peers, clip.id, scale, rowPx]);
  if (marks.length === 0) return null;
  const origin = clip.start - clip.offset;
  return (
    <div data-testid="piano-roll-presence" className="pointer-events-none absolute inset-0" style={{ position: 'absolute', inset: 0 }}>
      {marks.map((m) => (
        <div key={m.clientId}>
          {clip.notes
            .filter((n) => m.noteIds.includes(n.id))
            .map((n) => (
              <PeerOutline
                key={n.id}
                testId="peer-note"
                id={n.id}
                name={m.name}
                color={m.color}
                left={tickToX(scale, origin + n.tick)}
                top={(127 - n.pitch) * rowPx - 1}
                width={n.duration * scale.pxPerTick}
                height={rowPx + 2}
              />
            ))}
          {m.playheadX !== null && <PeerPlayhead x={m.playheadX} color={m.color} name={m.name} height="100%" />}
          {m.cursor && <PeerCursor x={m.cursor.x} y={m.cursor.y} color={m.color} name={m.name} />}
        </div>
      ))}
    </div>
  );
}
