import { ticks } from '@encore/shared/units';
import type { TempoMap } from '@encore/shared/project/tempoMap';
import type { AudioClipSnapshot, ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';

/**
 * The project's timeline flattened to clock time, per track: what the scheduler walks. Plain
 * sorted arrays of numbers, built once per render; building them is cheap (no audio nodes),
 * unlike scheduling a whole song into the audio graph.
 */

export interface NoteSpan {
  /** Unique within the track: note-offs find their voice by it. */
  readonly id: number;
  readonly on: number;
  readonly off: number;
  readonly pitch: number;
  readonly velocity: number;
}

export interface AudioClipSpan {
  readonly clip: AudioClipSnapshot;
  /** Seconds on the timeline. */
  readonly start: number;
  readonly end: number;
  readonly fadeIn: number;
  readonly fadeOut: number;
}

export interface TrackTimeline {
  /** Sorted by `on`. */
  readonly notes: readonly NoteSpan[];
  /** Indexes into `notes`, sorted by `off`. */
  readonly offOrder: Int32Array;
  /** Sorted by `start`. */
  readonly clips: readonly AudioClipSpan[];
  /** Seconds at which the last note or clip ends. */
  readonly end: number;
}

/** A clip plays unless it belongs to a take other than the track's active one. */
export const clipPlays = (track: TrackSnapshot, takeId: string | null): boolean =>
  takeId === null || track.activeTakeId === null || takeId === track.activeTakeId;

/**
 * Flattens one track. MIDI notes count from their clip's content origin (`offset`); a note is
 * heard if it starts inside the clip, and is cut at the clip's end.
 *
 * @example
 * const timeline = trackTimeline(track, new TempoMap(snapshot.tempo));
 */
export function trackTimeline(track: TrackSnapshot, tempo: TempoMap): TrackTimeline {
  const notes: NoteSpan[] = [];
  const clips: AudioClipSpan[] = [];
  const sec = (tick: number) => tempo.ticksToSeconds(ticks(tick));
  let id = 0;
  let end = 0;
  for (const clip of track.clips) {
    if (!clipPlays(track, clip.takeId)) continue;
    const clipEnd = clip.start + clip.length;
    if (clip.kind === 'midi') {
      if (track.kind !== 'instrument') continue;
      for (const note of clip.notes) {
        const at = clip.start + note.tick - clip.offset;
        if (at < clip.start || at >= clipEnd) continue;
        const on = sec(at);
        const off = sec(Math.min(at + note.duration, clipEnd));
        notes.push({ id: ++id, on, off, pitch: note.pitch, velocity: note.velocity });
        end = Math.max(end, off);
      }
    } else if (track.kind === 'audio') {
      const start = sec(clip.start);
      const stop = sec(clipEnd);
      clips.push({ clip, start, end: stop, fadeIn: sec(clip.start + clip.fadeIn) - start, fadeOut: stop - sec(clipEnd - clip.fadeOut) });
      end = Math.max(end, stop);
    }
  }
  notes.sort((a, b) => a.on - b.on || a.id - b.id);
  const offOrder = Int32Array.from(notes.keys()).sort((a, b) => notes[a]!.off - notes[b]!.off || a - b);
  clips.sort((a, b) => a.start - b.start);
  return { notes, offOrder, clips, end };
}

/**
 * Where the song ends: the last note or audio clip of any track, in seconds.
 *
 * @example
 * songEnd(snapshot, tempo); // 240.0
 */
export function songEnd(snapshot: ProjectSnapshot, tempo: TempoMap): number {
  let end = 0;
  for (const track of snapshot.tracks) end = Math.max(end, trackTimeline(track, tempo).end);
  return end;
}

/**
 * The first index in `sorted` whose key is at least `value` (binary search).
 *
 * @example
 * lowerBound([1, 3, 5], 4, (x) => x); // 2
 */
export function lowerBound<T>(sorted: ArrayLike<T>, value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(sorted[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
