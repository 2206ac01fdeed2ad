import { ticks } from '../../units';
import type { TempoMap } from '../tempoMap';

/**
 * The arithmetic of clip edits, pure so it can be tested on its own. MIDI note ticks count from
 * the clip's content origin; an audio clip covers source seconds `[sourceOffset, sourceOffset +
 * D]`, D being the clock length of its timeline span, played backwards when reversed.
 */

interface Timed {
  readonly tick: number;
  readonly duration: number;
}

/**
 * Divides notes at a content tick: notes starting before it stay left (cut to end there), notes
 * starting at or after it go right, rebased so the right clip's content starts at the split.
 *
 * @example
 * splitNotes([{ tick: 0, duration: 960 }, { tick: 960, duration: 480 }], 480);
 * // left: [{ tick: 0, duration: 480 }], right: [{ tick: 480, duration: 480 }]
 */
export function splitNotes<N extends Timed>(notes: readonly N[], at: number): { left: N[]; right: N[] } {
  const left: N[] = [];
  const right: N[] = [];
  for (const note of notes) {
    if (note.tick < at) left.push(note.tick + note.duration > at ? { ...note, duration: at - note.tick } : note);
    else right.push({ ...note, tick: note.tick - at });
  }
  return { left, right };
}

export interface AudioSpan {
  readonly start: number;
  readonly length: number;
  readonly sourceOffset: number;
  readonly reversed: boolean;
}

const secondsBetween = (tempo: TempoMap, a: number, b: number): number => tempo.secondsBetween(ticks(a), ticks(b));

/**
 * Source offsets of the two halves of an audio clip split at timeline tick `at`.
 *
 * @example
 * splitAudio({ start: 0, length: 1920, sourceOffset: 1, reversed: false }, 960, tempo); // { left: 1, right: 1.5 } at 120 BPM
 */
export function splitAudio(clip: AudioSpan, at: number, tempo: TempoMap): { left: number; right: number } {
  const end = clip.start + clip.length;
  if (!clip.reversed) return { left: clip.sourceOffset, right: clip.sourceOffset + secondsBetween(tempo, clip.start, at) };
  // Reversed: the left half plays the end of the source span, the right half its beginning.
  return { left: clip.sourceOffset + secondsBetween(tempo, at, end), right: clip.sourceOffset };
}

/** The source offset after moving the clip's start edge to `newStart` (its end stays). */
export function trimAudioStart(clip: AudioSpan, newStart: number, tempo: TempoMap): number {
  return clip.reversed ? clip.sourceOffset : clip.sourceOffset + secondsBetween(tempo, clip.start, newStart);
}

/** The source offset after moving the clip's end edge to `newEnd` (its start stays). */
export function trimAudioEnd(clip: AudioSpan, newEnd: number, tempo: TempoMap): number {
  return clip.reversed ? clip.sourceOffset + secondsBetween(tempo, newEnd, clip.start + clip.length) : clip.sourceOffset;
}

/** Shortens fades that no longer fit a clip of `length`, fade-out first. */
export function fitFades(fadeIn: number, fadeOut: number, length: number): { fadeIn: number; fadeOut: number } {
  const fadeInFit = Math.min(fadeIn, length);
  return { fadeIn: fadeInFit, fadeOut: Math.min(fadeOut, length - fadeInFit) };
}
