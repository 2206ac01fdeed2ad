import { useEffect, useMemo, type RefObject } from 'react';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { xToTick } from '../model/timeScale';
import type { TrackBand } from '../model/trackLayout';
import { usePresence } from './activeCollab';
import { PeerCursor, PeerOutline, PeerPlayhead } from './PeerMarkViews';
import { arrangementMarks } from './presenceMarks';

/**
 * Collaborators in the arrangement: their selected track and clips outlined in their colour,
 * their playhead and their pointer, all placed from musical time with this user's zoom and
 * scroll. Also publishes this user's pointer over the lanes. Draws nothing when alone.
 */
export function ArrangementPresence({ lanesRef, bands, height }: { lanesRef: RefObject<HTMLDivElement | null>; bands: readonly TrackBand[]; height: number }) {
  const { session, editor } = useStudio();
  const { peers, setCursor } = usePresence(session.doc);
  const scale = useEditor((s) => s.arrangementScale);
  const tracks = useProject((s) => s.snapshot.tracks);

  useEffect(() => {
    const el = lanesRef.current;
    if (!el) return;
    const move = (e: PointerEvent) => {
      const rect = el.getBoundingClientRect();
      const y = e.clientY - rect.top;
      const band = bands.find((b) => y >= b.top && y < b.top + b.clipHeight);
      if (!band) return setCursor(null);
      const tick = Math.max(0, xToTick(editor.getState().arrangementScale, e.clientX - rect.left));
      setCursor({ view: 'arrangement', tick, trackId: band.id, lane: Math.min(1, Math.max(0, (y - band.top) / band.clipHeight)) });
    };
    const leave = () => setCursor(null);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerleave', leave);
    return () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerleave', leave);
    };
  }, [lanesRef, bands, editor, setCursor]);

  const clips = useMemo(() => tracks.flatMap((t) => t.clips.map((c) => ({ id: c.id, trackId: t.id, start: c.start as number, length: c.length as number }))), [tracks]);
  const marks = useMemo(() => arrangementMarks(peers, { scale, rows: bands, clips }), [peers, scale, bands, clips]);
  if (marks.length === 0) return null;
  return (
    <div data-testid="arrangement-presence" className="pointer-events-none absolute inset-0" style={{ position: 'absolute', inset: 0 }}>
      {marks.map((m) => (
        <div key={m.clientId}>
          {m.track && (
            <div
              data-testid="peer-track"
              data-username={m.name}
              data-id={m.track.id}
              className="absolute inset-x-0 border-l-4"
              style={{ position: 'absolute', left: 0, right: 0, top: m.track.top, height: m.track.height, borderColor: m.color, background: `${m.color}14` }}
            />
          )}
          {m.clips.map((c) => (
            <PeerOutline key={c.id} testId="peer-clip" id={c.id} name={m.name} color={m.color} left={c.left} top={c.top + 2} width={c.width} height={c.height - 4} />
          ))}
          {m.playheadX !== null && <PeerPlayhead x={m.playheadX} color={m.color} name={m.name} height={Math.max(height, 2000)} />}
          {m.cursor && <PeerCursor x={m.cursor.x} y={m.cursor.y} color={m.color} name={m.name} />}
        </div>
      ))}
    </div>
  );
}
