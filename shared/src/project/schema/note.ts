import { z } from 'zod';
import { Length, Midi7, Tick } from './common';

/**
 * A MIDI note, stored as a plain value in its clip's `notes` Y.Map keyed by id. `tick` is
 * relative to the clip's content start (see clip.ts). A note is the unit of concurrent editing:
 * two users changing the same note at once resolve last-writer-wins for the whole note, which
 * keeps notes cheap (songs hold tens of thousands).
 */
export const Note = z.object({
  pitch: Midi7,
  tick: Tick,
  duration: Length,
  velocity: z.int().min(1).max(127),
});
export type Note = z.infer<typeof Note>;
/** A note as the snapshot shows it: with its id. */
export type NoteWithId = Note & { readonly id: string };
