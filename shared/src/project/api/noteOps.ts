import { z } from 'zod';
import { RecordId } from '../schema/common';
import { Note } from '../schema/note';
import { fail, getClip, nested, parseStored, requireKeys, type ApiContext } from './context';
import { NoteInput, putNotes } from './clipOps';
import { Grid, gridTicks, quantizeTick } from './quantize';

function midiNotes(ctx: ApiContext, clipId: string, noteIds?: readonly string[]) {
  const { map, clip } = getClip(ctx, clipId);
  if (clip.kind !== 'midi') fail('BAD_REQUEST', 'Only MIDI clips hold notes');
  const notes = nested(map, 'notes', `Clip ${clipId}`);
  const ids = noteIds ?? [...notes.keys()].sort();
  requireKeys(notes, ids, 'note');
  const list = ids.map((id) => ({ id, note: parseStored(Note, notes.get(id), `Note ${id}`) }));
  return { clip, notes, list };
}

/** Checks every edited note, then writes them all (nothing is written if one is invalid). */
function writeAll(notes: ReturnType<typeof midiNotes>['notes'], edited: { id: string; note: unknown }[]): void {
  const parsed = edited.map(({ id, note }) => {
    const result = Note.safeParse(note);
    if (!result.success) fail('VALIDATION_FAILED', `Note ${id} would become invalid: ${result.error.issues[0]?.message ?? ''}`, { noteId: id });
    return { id, note: result.data };
  });
  for (const { id, note } of parsed) notes.set(id, { pitch: note.pitch, tick: note.tick, duration: note.duration, velocity: note.velocity });
}

export const AddNotesInput = z.object({ clipId: RecordId, notes: z.array(NoteInput).min(1).max(100_000) });

/** Adds notes (ticks from the clip's content origin); returns their ids in input order. */
export function addNotes(ctx: ApiContext, { clipId, notes }: z.output<typeof AddNotesInput>): string[] {
  return putNotes(ctx, midiNotes(ctx, clipId, []).notes, notes);
}

const NoteSelection = { clipId: RecordId, noteIds: z.array(RecordId).min(1).max(100_000) };

export const MoveNotesInput = z.object({ ...NoteSelection, deltaTicks: z.int().default(0), deltaPitch: z.int().default(0) });

export function moveNotes(ctx: ApiContext, input: z.output<typeof MoveNotesInput>): void {
  const { notes, list } = midiNotes(ctx, input.clipId, input.noteIds);
  writeAll(notes, list.map(({ id, note }) => ({ id, note: { ...note, tick: note.tick + input.deltaTicks, pitch: note.pitch + input.deltaPitch } })));
}

export const ResizeNotesInput = z.object({ ...NoteSelection, deltaTicks: z.int() });

export function resizeNotes(ctx: ApiContext, input: z.output<typeof ResizeNotesInput>): void {
  const { notes, list } = midiNotes(ctx, input.clipId, input.noteIds);
  writeAll(notes, list.map(({ id, note }) => ({ id, note: { ...note, duration: note.duration + input.deltaTicks } })));
}

export const SetVelocityInput = z.object({ ...NoteSelection, velocity: z.int().min(1).max(127) });

export function setVelocity(ctx: ApiContext, input: z.output<typeof SetVelocityInput>): void {
  const { notes, list } = midiNotes(ctx, input.clipId, input.noteIds);
  writeAll(notes, list.map(({ id, note }) => ({ id, note: { ...note, velocity: input.velocity } })));
}

export const DeleteNotesInput = z.object(NoteSelection);

export function deleteNotes(ctx: ApiContext, input: z.output<typeof DeleteNotesInput>): void {
  const { notes } = midiNotes(ctx, input.clipId, input.noteIds);
  for (const id of input.noteIds) notes.delete(id);
}

export const QuantizeNotesInput = z.object({
  clipId: RecordId,
  /** All notes of the clip when omitted. */
  noteIds: z.array(RecordId).min(1).max(100_000).optional(),
  grid: Grid,
  strength: z.number().min(0).max(1).default(1),
  /** Also move note ends onto the grid (a note never shrinks below one step). */
  ends: z.boolean().default(false),
});

/** Pulls note starts (and optionally ends) toward the song's grid, measured from bar 1. */
export function quantizeNotes(ctx: ApiContext, input: z.output<typeof QuantizeNotesInput>): void {
  const { clip, notes, list } = midiNotes(ctx, input.clipId, input.noteIds);
  if (clip.kind !== 'midi') return;
  const step = gridTicks(input.grid);
  const origin = clip.start - clip.offset;
  const edited = list.map(({ id, note }) => {
    const start = Math.max(origin, quantizeTick(origin + note.tick, step, input.strength));
    let duration: number = note.duration;
    if (input.ends) {
      const end = quantizeTick(origin + note.tick + note.duration, step, input.strength);
      duration = Math.max(end - start, Math.round(step * input.strength), 1);
    }
    return { id, note: { ...note, tick: start - origin, duration } };
  });
  writeAll(notes, edited.filter((e, i) => e.note.tick !== list[i]?.note.tick || e.note.duration !== list[i]?.note.duration));
}
