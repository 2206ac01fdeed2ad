import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { MidiClipSnapshot } from '@encore/shared/project/read/snapshot';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { startDrag } from '../editor/pointerDrag';
import { drawnNote, notesMove, notesResize, previewNotes, type NoteEdit } from '../model/gestures';
import { clickSelect, noteAt, notesInMarquee, yToPitch, type KeyScale, type PlacedNote, type Rect } from '../model/hitTest';
import { findClip } from '../model/projectSession';
import { scrollBy, xToTick, zoomAt } from '../model/timeScale';
import { drawKeyboard, drawNoteGrid } from './drawPianoRoll';
import { PianoRollToolbar } from './PianoRollToolbar';
import { VelocityLane } from './VelocityLane';
import { PianoRollPresence } from '../collab/PianoRollPresence';

const KEYS: KeyScale = { rowPx: 13 };
const KEYBOARD_WIDTH = 64;
const GRID_HEIGHT = 128 * KEYS.rowPx;

type Gesture = { kind: 'edit'; edit: NoteEdit | null } | { kind: 'draw'; note: { pitch: number; tick: number; duration: number } } | { kind: 'marquee'; rect: Rect };

function useCanvas(draw: (ctx: CanvasRenderingContext2D, width: number, height: number) => void, width: number, height: number) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw(ctx, width, height);
  });
  return ref;
}

/** The piano roll of the open MIDI clip; an explanation when none is open. */
export function PianoRoll() {
  const openClipId = useEditor((s) => s.openClipId);
  // Two selections of existing objects: a selector must not build a new object per call.
  const clip = useProject((s) => (openClipId ? findClip(s.snapshot, openClipId)?.clip : undefined));
  const color = useProject((s) => (openClipId ? findClip(s.snapshot, openClipId)?.track.color : undefined));
  if (!clip || clip.kind !== 'midi') {
    return (
      <div data-testid="piano-roll-empty" className="flex h-full items-center justify-center text-sm text-ink-faint">
        Select a MIDI clip to edit its notes here — or double-click an instrument lane to make one.
      </div>
    );
  }
  return <PianoRollEditor key={clip.id} clip={clip} color={color ?? '#8b7bff'} />;
}

function PianoRollEditor({ clip, color }: { clip: MidiClipSnapshot; color: string }) {
  const { session, editor, edit } = useStudio();
  const meters = useProject((s) => s.meterMap);
  const time = useEditor((s) => s.pianoScale);
  const snap = useEditor((s) => s.snap);
  const tool = useEditor((s) => s.tool);
  const selectedIds = useEditor((s) => s.selectedNoteIds);
  const scaleRoot = useEditor((s) => s.scaleRoot);
  const scaleName = useEditor((s) => s.scaleName);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const [width, setWidth] = useState(800);
  const gridBoxRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const origin = clip.start - clip.offset;
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);

  const stored = clip.notes;
  const plain = stored.map((n) => ({ id: n.id, pitch: n.pitch, tick: n.tick as number, duration: n.duration as number, velocity: n.velocity }));
  const shownNotes = gesture?.kind === 'edit' ? previewNotes(plain, gesture.edit) : plain;
  const placed = shownNotes.map((n) => ({ id: n.id, pitch: n.pitch, start: origin + n.tick, duration: n.duration, velocity: n.velocity }));
  if (gesture?.kind === 'draw') placed.push({ id: '__drawing', pitch: gesture.note.pitch, start: origin + gesture.note.tick, duration: gesture.note.duration, velocity: 100 });

  useEffect(() => {
    const el = gridBoxRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  // On opening: show the clip from its start, scrolled to its notes (or middle C).
  const notesRef = useRef(clip.notes);
  notesRef.current = clip.notes;
  useEffect(() => {
    const s = editor.getState().pianoScale;
    editor.setState({ pianoScale: { ...s, scrollTick: Math.max(0, clip.start - 240) } });
    const pitches = notesRef.current.map((n) => n.pitch);
    const centre = pitches.length ? (Math.min(...pitches) + Math.max(...pitches)) / 2 : 60;
    const el = scrollRef.current;
    if (el) el.scrollTop = Math.max(0, (127 - centre) * KEYS.rowPx - el.clientHeight / 2);
    // Keyed on the clip (the component remounts per clip): runs when another clip opens, not per edit.
  }, [clip.id, clip.start, editor]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const s = editor.getState().pianoScale;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        editor.setState({ pianoScale: zoomAt(s, Math.exp(-e.deltaY * 0.0025), e.clientX - el.getBoundingClientRect().left - KEYBOARD_WIDTH) });
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        editor.setState({ pianoScale: scrollBy(s, e.shiftKey ? e.deltaY : e.deltaX) });
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [editor]);

  const gridRef = useCanvas(
    (ctx, w, h) =>
      drawNoteGrid(ctx, {
        width: w,
        height: h,
        time,
        keys: KEYS,
        meters,
        snap,
        notes: placed,
        selected: gesture?.kind === 'draw' ? new Set([...selected, '__drawing']) : selected,
        clipStart: clip.start,
        clipEnd: clip.start + clip.length,
        scaleRoot,
        scaleName,
        color,
        marquee: gesture?.kind === 'marquee' ? gesture.rect : null,
      }),
    width,
    GRID_HEIGHT,
  );
  const keysRef = useCanvas((ctx, w) => drawKeyboard(ctx, w, KEYS, scaleRoot, scaleName), KEYBOARD_WIDTH, GRID_HEIGHT);

  const onGridDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    editor.setState({ focus: 'pianoRoll' });
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const notes: PlacedNote[] = stored.map((n) => ({ id: n.id, pitch: n.pitch, start: origin + n.tick, duration: n.duration }));
    const hit = noteAt(notes, x, y, time, KEYS);
    if (hit) {
      const current = editor.getState().selectedNoteIds;
      const selection = e.shiftKey ? clickSelect(current, hit.id, true) : current.includes(hit.id) ? [...current] : [hit.id];
      editor.setState({ selectedNoteIds: selection });
      if (!selection.includes(hit.id)) return;
      const grabbed = stored.find((n) => n.id === hit.id);
      if (!grabbed) return;
      const group = stored.filter((n) => selection.includes(n.id));
      const compute = (dx: number, dy: number) =>
        hit.zone === 'end'
          ? notesResize(clip.id, grabbed, group, dx / time.pxPerTick, origin, snap, meters)
          : notesMove(clip.id, grabbed, group, dx / time.pxPerTick, -Math.round(dy / KEYS.rowPx), origin, snap, meters);
      startDrag(e, {
        move: ({ dx, dy }) => setGesture({ kind: 'edit', edit: compute(dx, dy) }),
        end: ({ dx, dy }) => {
          setGesture(null);
          const result = compute(dx, dy);
          if (result) edit(() => (result.op === 'moveNotes' ? session.api.moveNotes(result.input) : session.api.resizeNotes(result.input)));
        },
        cancel: () => setGesture(null),
      });
      return;
    }
    if (tool === 'draw') {
      const pitch = yToPitch(KEYS, y);
      const at = xToTick(time, x);
      const compute = (dx: number) => drawnNote(at, at + dx / time.pxPerTick, pitch, origin, snap, meters);
      setGesture({ kind: 'draw', note: compute(0) });
      startDrag(e, {
        move: ({ dx }) => setGesture({ kind: 'draw', note: compute(dx) }),
        end: ({ dx }) => {
          setGesture(null);
          const note = compute(dx);
          edit(() => {
            const id = session.api.addNote({ clipId: clip.id, ...note, velocity: 100 });
            editor.setState({ selectedNoteIds: [id] });
          });
        },
        cancel: () => setGesture(null),
      });
      return;
    }
    const base = e.shiftKey ? editor.getState().selectedNoteIds : [];
    if (!e.shiftKey) editor.setState({ selectedNoteIds: [] });
    startDrag(e, {
      move: ({ dx, dy }) => setGesture({ kind: 'marquee', rect: { x0: x, y0: y, x1: x + dx, y1: y + dy } }),
      end: ({ dx, dy }) => {
        setGesture(null);
        const inside = notesInMarquee(notes, { x0: x, y0: y, x1: x + dx, y1: y + dy }, time, KEYS);
        editor.setState({ selectedNoteIds: [...new Set([...base, ...inside])] });
      },
      cancel: () => setGesture(null),
    });
  };

  const onContextMenu = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const notes: PlacedNote[] = stored.map((n) => ({ id: n.id, pitch: n.pitch, start: origin + n.tick, duration: n.duration }));
    const hit = noteAt(notes, e.clientX - rect.left, e.clientY - rect.top, time, KEYS);
    if (!hit) return;
    e.preventDefault();
    edit(() => session.api.deleteNotes({ clipId: clip.id, noteIds: [hit.id] }));
  };

  return (
    <div data-testid="piano-roll" className="flex h-full min-h-0 flex-col">
      <PianoRollToolbar clip={clip} />
      <div ref={scrollRef} className="relative min-h-0 flex-1 overflow-x-hidden overflow-y-auto" data-testid="piano-roll-scroll">
        <div className="flex" style={{ height: GRID_HEIGHT }}>
          <canvas ref={keysRef} aria-label="Keyboard" className="sticky left-0 shrink-0 border-r border-line" style={{ width: KEYBOARD_WIDTH, height: GRID_HEIGHT }} />
          <div ref={gridBoxRef} className="relative min-w-0 flex-1">
            <canvas
              ref={gridRef}
              data-testid="note-grid"
              data-scroll-tick={time.scrollTick}
              aria-label={`Notes of ${clip.name}: ${clip.notes.length}`}
              className={tool === 'draw' ? 'block cursor-crosshair touch-none' : 'block cursor-default touch-none'}
              style={{ width, height: GRID_HEIGHT }}
              onPointerDown={onGridDown}
              onContextMenu={onContextMenu}
            />
            <PianoRollPresence gridRef={gridBoxRef} clip={clip} rowPx={KEYS.rowPx} />
            <PianoPlayhead />
          </div>
        </div>
      </div>
      <VelocityLane clip={clip} color={color} width={width} keyboardWidth={KEYBOARD_WIDTH} notes={placed.filter((n) => n.id !== '__drawing')} />
    </div>
  );
}

function PianoPlayhead() {
  const time = useEditor((s) => s.pianoScale);
  const playhead = useEditor((s) => s.playhead);
  const x = (playhead - time.scrollTick) * time.pxPerTick;
  if (x < 0) return null;
  return <div aria-hidden className="pointer-events-none absolute top-0 bottom-0 w-px bg-[#ff5c5c]" style={{ left: Math.round(x) }} />;
}
