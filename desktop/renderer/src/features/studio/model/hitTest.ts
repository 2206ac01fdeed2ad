import { tickToX, xToTick, type TimeScale } from './timeScale';

/** Where on a clip or note a pointer went down: its left edge, right edge or body. */
export type Zone = 'start' | 'end' | 'body';

/**
 * The zone of a pointer `offsetX` pixels into a box `widthPx` wide. Edges take `edgePx` each
 * but never more than a third of a small box, so short clips can still be moved.
 *
 * @example
 * zoneAt(200, 3); // 'start'
 * zoneAt(200, 100); // 'body'
 */
export function zoneAt(widthPx: number, offsetX: number, edgePx = 6): Zone {
  const edge = Math.min(edgePx, widthPx / 3);
  if (offsetX < edge) return 'start';
  if (offsetX > widthPx - edge) return 'end';
  return 'body';
}

/** The vertical mapping of the piano roll: one row per MIDI pitch, 127 at the top. */
export interface KeyScale {
  readonly rowPx: number;
}

export const pitchToY = (k: KeyScale, pitch: number): number => (127 - pitch) * k.rowPx;
export const yToPitch = (k: KeyScale, y: number): number => Math.min(127, Math.max(0, 127 - Math.floor(y / k.rowPx)));

/** A note as the piano roll places it: `start` in timeline ticks. */
export interface PlacedNote {
  readonly id: string;
  readonly pitch: number;
  readonly start: number;
  readonly duration: number;
}

export interface NoteHit {
  readonly id: string;
  readonly zone: Zone;
}

/**
 * The note under a point of the piano roll (the topmost, i.e. last drawn, when notes overlap).
 * Notes narrower than a few pixels still get a grabbable body.
 */
export function noteAt(notes: readonly PlacedNote[], x: number, y: number, time: TimeScale, keys: KeyScale): NoteHit | null {
  const pitch = yToPitch(keys, y);
  for (let i = notes.length - 1; i >= 0; i--) {
    const n = notes[i] as PlacedNote;
    if (n.pitch !== pitch) continue;
    const left = tickToX(time, n.start);
    const width = Math.max(4, n.duration * time.pxPerTick);
    if (x >= left && x <= left + width) return { id: n.id, zone: zoneAt(width, x - left, 5) === 'end' ? 'end' : 'body' };
  }
  return null;
}

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Ids of the notes a marquee (drawn in either direction) touches.
 *
 * @example
 * notesInMarquee(notes, { x0: 0, y0: 0, x1: 200, y1: 100 }, time, keys);
 */
export function notesInMarquee(notes: readonly PlacedNote[], rect: Rect, time: TimeScale, keys: KeyScale): string[] {
  const t0 = xToTick(time, Math.min(rect.x0, rect.x1));
  const t1 = xToTick(time, Math.max(rect.x0, rect.x1));
  const top = yToPitch(keys, Math.min(rect.y0, rect.y1));
  const bottom = yToPitch(keys, Math.max(rect.y0, rect.y1));
  return notes.filter((n) => n.pitch <= top && n.pitch >= bottom && n.start < t1 && n.start + n.duration > t0).map((n) => n.id);
}

/** A track row of the arrangement, top to bottom. */
export interface Row {
  readonly id: string;
  readonly top: number;
  readonly height: number;
}

/** The row at a y (clamped to the first and last rows), or null when there are none. */
export function rowAt(rows: readonly Row[], y: number): Row | null {
  if (rows.length === 0) return null;
  for (const row of rows) if (y < row.top + row.height) return row;
  return rows[rows.length - 1] as Row;
}

/** Adds to or replaces a selection as a click does: shift toggles, a plain click selects one. */
export function clickSelect(current: readonly string[], id: string, additive: boolean): string[] {
  if (!additive) return current.includes(id) ? [...current] : [id];
  return current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
}
