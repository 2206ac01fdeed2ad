import type { MeterMap } from '@encore/shared/project/meterMap';
import { minLength, snapTick, type Snap } from './grid';

/**
 * Drags turned into edits. Each function takes where the gesture started and how far the
 * pointer went (in ticks and rows), and returns the one ProjectApi call to make on release —
 * or null when the drag changes nothing. While dragging, the editors draw the same result as
 * a preview, so what you see is what gets written.
 */

export interface ClipBox {
  readonly id: string;
  readonly trackId: string;
  readonly start: number;
  readonly length: number;
}

export type ClipEdit =
  | { readonly op: 'moveClip'; readonly input: { clipId: string; start: number; trackId?: string } }
  | { readonly op: 'resizeClip'; readonly input: { clipId: string; edge: 'start' | 'end'; tick: number } };

/**
 * Moving a clip: its new start is snapped to the grid, and it may land on another track.
 *
 * @example
 * clipMove(clip, 500, null, parseSnap('1/4'), meters); // start 0 → 960 with a quarter grid
 */
export function clipMove(clip: ClipBox, deltaTicks: number, targetTrackId: string | null, snap: Snap, meters: MeterMap): ClipEdit | null {
  const start = snapTick(clip.start + deltaTicks, snap, meters);
  const trackId = targetTrackId !== null && targetTrackId !== clip.trackId ? targetTrackId : undefined;
  if (start === clip.start && trackId === undefined) return null;
  return { op: 'moveClip', input: trackId === undefined ? { clipId: clip.id, start } : { clipId: clip.id, start, trackId } };
}

/** Dragging a clip edge: the edge snaps to the grid and the clip keeps at least one grid step. */
export function clipResize(clip: ClipBox, edge: 'start' | 'end', deltaTicks: number, snap: Snap, meters: MeterMap, contentStart = 0): ClipEdit | null {
  const min = Math.min(minLength(snap, meters, clip.start), clip.length);
  const end = clip.start + clip.length;
  if (edge === 'end') {
    const tick = Math.max(clip.start + min, snapTick(end + deltaTicks, snap, meters));
    return tick === end ? null : { op: 'resizeClip', input: { clipId: clip.id, edge, tick } };
  }
  const tick = Math.max(contentStart, Math.min(end - min, snapTick(clip.start + deltaTicks, snap, meters)));
  return tick === clip.start ? null : { op: 'resizeClip', input: { clipId: clip.id, edge, tick } };
}

/** The box a clip edit would leave, for the drag preview. */
export function previewClip(clip: ClipBox, edit: ClipEdit | null): ClipBox {
  if (!edit) return clip;
  if (edit.op === 'moveClip') return { ...clip, start: edit.input.start, trackId: edit.input.trackId ?? clip.trackId };
  const end = clip.start + clip.length;
  return edit.input.edge === 'end' ? { ...clip, length: edit.input.tick - clip.start } : { ...clip, start: edit.input.tick, length: end - edit.input.tick };
}

export interface NoteBox {
  readonly id: string;
  readonly pitch: number;
  /** Ticks from the clip's content origin, as stored. */
  readonly tick: number;
  readonly duration: number;
}

export type NoteEdit =
  | { readonly op: 'moveNotes'; readonly input: { clipId: string; noteIds: string[]; deltaTicks: number; deltaPitch: number } }
  | { readonly op: 'resizeNotes'; readonly input: { clipId: string; noteIds: string[]; deltaTicks: number } };

/**
 * Moving selected notes: the grabbed note's start snaps (to the song's grid, `origin` being
 * the clip's content origin on the timeline); the others keep their distance to it. Notes never
 * move before the content origin or outside 0…127.
 */
export function notesMove(clipId: string, grabbed: NoteBox, selection: readonly NoteBox[], deltaTicks: number, deltaPitch: number, origin: number, snap: Snap, meters: MeterMap): NoteEdit | null {
  const snapped = snapTick(origin + grabbed.tick + deltaTicks, snap, meters) - origin;
  const minTick = Math.min(...selection.map((n) => n.tick));
  const dt = Math.max(-minTick, snapped - grabbed.tick);
  const lo = Math.min(...selection.map((n) => n.pitch));
  const hi = Math.max(...selection.map((n) => n.pitch));
  const dp = Math.max(-lo, Math.min(127 - hi, deltaPitch));
  if (dt === 0 && dp === 0) return null;
  return { op: 'moveNotes', input: { clipId, noteIds: selection.map((n) => n.id), deltaTicks: dt, deltaPitch: dp } };
}

/** Dragging the end of a note: its end snaps; every selected note changes by the same amount. */
export function notesResize(clipId: string, grabbed: NoteBox, selection: readonly NoteBox[], deltaTicks: number, origin: number, snap: Snap, meters: MeterMap): NoteEdit | null {
  const end = snapTick(origin + grabbed.tick + grabbed.duration + deltaTicks, snap, meters) - origin;
  const shortest = Math.min(...selection.map((n) => n.duration));
  const dt = Math.max(1 - shortest, end - grabbed.tick - grabbed.duration);
  return dt === 0 ? null : { op: 'resizeNotes', input: { clipId, noteIds: selection.map((n) => n.id), deltaTicks: dt } };
}

/** The notes a note edit would leave, for the drag preview. */
export function previewNotes<N extends NoteBox>(notes: readonly N[], edit: NoteEdit | null): N[] {
  if (!edit) return [...notes];
  const ids = new Set(edit.input.noteIds);
  return notes.map((n) => {
    if (!ids.has(n.id)) return n;
    if (edit.op === 'moveNotes') return { ...n, tick: n.tick + edit.input.deltaTicks, pitch: n.pitch + edit.input.deltaPitch };
    return { ...n, duration: n.duration + edit.input.deltaTicks };
  });
}

/**
 * A note drawn with the pencil: starts on the grid line at or before the click; its length is
 * one grid step, or as far as the pointer was dragged (snapped).
 */
export function drawnNote(pointerTick: number, dragToTick: number, pitch: number, origin: number, snap: Snap, meters: MeterMap): { pitch: number; tick: number; duration: number } {
  const start = Math.max(origin, snapTick(pointerTick, snap, meters, 'floor'));
  const step = minLength(snap, meters, start);
  const end = Math.max(start + step, snapTick(dragToTick, snap, meters));
  return { pitch, tick: start - origin, duration: end - start };
}
