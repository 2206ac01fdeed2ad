import * as Y from 'yjs';
import { z } from 'zod';
import { ticks } from '../../units';
import { Asset } from '../schema/asset';
import { Length, Name, RecordId, Sha256, Tick, VolumeDb } from '../schema/common';
import { recordMap, root, sortedKeys, type RecordMap } from '../schema/layout';
import { Note } from '../schema/note';
import { fail, getClip, getTrack, nested, type ApiContext, tempoMapOf } from './context';
import { fitFades, splitAudio, splitNotes, trimAudioEnd, trimAudioStart } from './clipMath';

export const NoteInput = Note.extend({ velocity: Note.shape.velocity.default(100) });

const ClipPlacement = {
  trackId: RecordId,
  start: Tick,
  length: Length,
  name: Name.optional(),
  takeId: RecordId.nullable().default(null),
};

function checkPlacement(ctx: ApiContext, trackId: string, takeId: string | null, trackKind: 'instrument' | 'audio'): void {
  if (getTrack(ctx, trackId).track.kind !== trackKind) fail('BAD_REQUEST', `${trackKind === 'audio' ? 'Audio' : 'MIDI'} clips go on ${trackKind} tracks`);
  if (takeId !== null && (root(ctx.doc, 'takes').get(takeId) as { trackId?: string } | undefined)?.trackId !== trackId) {
    fail('NOT_FOUND', `Track ${trackId} has no take ${takeId}`);
  }
}

/** Writes notes into a clip's notes map under fresh ids. */
export function putNotes(ctx: ApiContext, notes: Y.Map<unknown>, list: readonly Note[]): string[] {
  return list.map((n) => {
    const id = ctx.newId();
    notes.set(id, { pitch: n.pitch, tick: n.tick, duration: n.duration, velocity: n.velocity });
    return id;
  });
}

export const AddMidiClipInput = z.object({ ...ClipPlacement, offset: Tick.default(ticks(0)), notes: z.array(NoteInput).max(100_000).default([]) });

export function addMidiClip(ctx: ApiContext, input: z.output<typeof AddMidiClipInput>): string {
  checkPlacement(ctx, input.trackId, input.takeId, 'instrument');
  const id = ctx.newId();
  const notes = new Y.Map<unknown>();
  const { notes: list, ...fields } = input;
  root(ctx.doc, 'clips').set(id, recordMap({ ...fields, id, kind: 'midi', name: input.name ?? 'MIDI clip', notes }));
  putNotes(ctx, notes, list);
  return id;
}

export const AddAudioClipInput = z.object({ ...ClipPlacement, assetHash: Sha256, sourceOffset: z.number().min(0).max(86400).default(0) });

export function addAudioClip(ctx: ApiContext, input: z.output<typeof AddAudioClipInput>): string {
  checkPlacement(ctx, input.trackId, input.takeId, 'audio');
  const asset = Asset.safeParse(root(ctx.doc, 'assets').get(input.assetHash));
  if (!asset.success) fail('NOT_FOUND', `The project has no asset ${input.assetHash}; add it first`);
  const id = ctx.newId();
  const fields = { ...input, id, kind: 'audio', name: input.name ?? asset.data.name.slice(0, 100), gainDb: 0, fadeIn: 0, fadeOut: 0, reversed: false };
  root(ctx.doc, 'clips').set(id, recordMap(fields));
  return id;
}

export const MoveClipInput = z.object({ clipId: RecordId, start: Tick, trackId: RecordId.optional() });

/** Moves a clip in time and optionally to another track of its kind (leaving its take there). */
export function moveClip(ctx: ApiContext, { clipId, start, trackId }: z.output<typeof MoveClipInput>): void {
  const { map, clip } = getClip(ctx, clipId);
  const changesTrack = trackId !== undefined && trackId !== clip.trackId;
  if (changesTrack) checkPlacement(ctx, trackId, null, clip.kind === 'audio' ? 'audio' : 'instrument');
  map.set('start', start);
  if (changesTrack) {
    map.set('trackId', trackId);
    if (clip.takeId !== null) map.set('takeId', null);
  }
}

export const ResizeClipInput = z.object({ clipId: RecordId, edge: z.enum(['start', 'end']), tick: Tick });

/** Trims or extends a clip by one edge; the content stays where it was on the timeline. */
export function resizeClip(ctx: ApiContext, { clipId, edge, tick }: z.output<typeof ResizeClipInput>): void {
  const { map, clip } = getClip(ctx, clipId);
  const end = clip.start + clip.length;
  const start = edge === 'start' ? tick : clip.start;
  const length = (edge === 'end' ? tick : end) - start;
  if (length < 1) fail('BAD_REQUEST', 'A clip must stay at least one tick long');
  if (clip.kind === 'midi') {
    const offset = clip.offset + (start - clip.start);
    if (offset < 0) fail('BAD_REQUEST', 'The clip cannot start before its content');
    map.set('offset', offset);
  } else {
    const tempo = tempoMapOf(ctx);
    const sourceOffset = edge === 'start' ? trimAudioStart(clip, start, tempo) : trimAudioEnd(clip, tick, tempo);
    if (sourceOffset < -1e-9) fail('BAD_REQUEST', 'The clip cannot extend before the start of its audio');
    const fades = fitFades(clip.fadeIn, clip.fadeOut, length);
    map.set('sourceOffset', Math.max(0, sourceOffset));
    if (fades.fadeIn !== clip.fadeIn) map.set('fadeIn', fades.fadeIn);
    if (fades.fadeOut !== clip.fadeOut) map.set('fadeOut', fades.fadeOut);
  }
  map.set('start', start);
  map.set('length', length);
}

function notesOf(map: RecordMap, clipId: string): { notes: Y.Map<unknown>; list: (Note & { id: string })[] } {
  const notes = nested(map, 'notes', `Clip ${clipId}`);
  const list = sortedKeys(notes).flatMap((id) => {
    const parsed = Note.safeParse(notes.get(id));
    return parsed.success ? [{ id, ...parsed.data }] : [];
  });
  return { notes, list };
}

export const SplitClipInput = z.object({ clipId: RecordId, tick: Tick });

/** Splits a clip at a timeline tick; the original keeps the left part, a new clip the right. */
export function splitClip(ctx: ApiContext, { clipId, tick }: z.output<typeof SplitClipInput>): string {
  const { map, clip } = getClip(ctx, clipId);
  if (tick <= clip.start || tick >= clip.start + clip.length) fail('BAD_REQUEST', 'Split inside the clip');
  const leftLength = tick - clip.start;
  const rightLength = clip.length - leftLength;
  const id = ctx.newId();
  const clips = root(ctx.doc, 'clips');
  if (clip.kind === 'midi') {
    const { notes, list } = notesOf(map, clipId);
    const { left, right } = splitNotes(list, clip.offset + leftLength);
    const kept = new Set(left.map((n) => n.id));
    for (const n of list) if (!kept.has(n.id)) notes.delete(n.id);
    for (const n of left) if (n.duration !== list.find((o) => o.id === n.id)?.duration) notes.set(n.id, { pitch: n.pitch, tick: n.tick, duration: n.duration, velocity: n.velocity });
    const rightNotes = new Y.Map<unknown>();
    clips.set(id, recordMap({ ...clip, id, start: tick, length: rightLength, offset: 0, notes: rightNotes }));
    putNotes(ctx, rightNotes, right);
  } else {
    const offsets = splitAudio(clip, tick, tempoMapOf(ctx));
    const fadeIn = Math.min(clip.fadeIn, leftLength);
    clips.set(id, recordMap({ ...clip, id, start: tick, length: rightLength, sourceOffset: offsets.right, fadeIn: 0, fadeOut: Math.min(clip.fadeOut, rightLength) }));
    map.set('sourceOffset', offsets.left);
    map.set('fadeIn', fadeIn);
    map.set('fadeOut', 0);
  }
  map.set('length', leftLength);
  return id;
}

export const DuplicateClipInput = z.object({ clipId: RecordId, start: Tick.optional(), trackId: RecordId.optional() });

/** Copies a clip (and its notes) to `start`, right after the original by default. */
export function duplicateClip(ctx: ApiContext, input: z.output<typeof DuplicateClipInput>): string {
  const { map, clip } = getClip(ctx, input.clipId);
  const trackId = input.trackId ?? clip.trackId;
  if (trackId !== clip.trackId) checkPlacement(ctx, trackId, null, clip.kind === 'audio' ? 'audio' : 'instrument');
  const id = ctx.newId();
  const fields = { ...clip, id, trackId, start: input.start ?? clip.start + clip.length, takeId: trackId === clip.trackId ? clip.takeId : null };
  if (clip.kind === 'midi') {
    const notes = new Y.Map<unknown>();
    const { list } = notesOf(map, input.clipId);
    root(ctx.doc, 'clips').set(id, recordMap({ ...fields, notes }));
    putNotes(ctx, notes, list);
  } else {
    root(ctx.doc, 'clips').set(id, recordMap(fields));
  }
  return id;
}

export const ClipIdInput = z.object({ clipId: RecordId });

export function deleteClip(ctx: ApiContext, { clipId }: z.output<typeof ClipIdInput>): void {
  getClip(ctx, clipId);
  root(ctx.doc, 'clips').delete(clipId);
}

export const RenameClipInput = z.object({ clipId: RecordId, name: Name });

export function renameClip(ctx: ApiContext, { clipId, name }: z.output<typeof RenameClipInput>): void {
  getClip(ctx, clipId).map.set('name', name);
}

function getAudioClip(ctx: ApiContext, clipId: string) {
  const ref = getClip(ctx, clipId);
  if (ref.clip.kind !== 'audio') fail('BAD_REQUEST', 'Only audio clips have gain, fades and reverse');
  return { map: ref.map, clip: ref.clip };
}

export const SetClipGainInput = z.object({ clipId: RecordId, gainDb: VolumeDb });

export function setClipGain(ctx: ApiContext, { clipId, gainDb }: z.output<typeof SetClipGainInput>): void {
  getAudioClip(ctx, clipId).map.set('gainDb', gainDb);
}

export const SetClipFadesInput = z.object({ clipId: RecordId, fadeIn: Tick, fadeOut: Tick });

export function setClipFades(ctx: ApiContext, { clipId, fadeIn, fadeOut }: z.output<typeof SetClipFadesInput>): void {
  const { map, clip } = getAudioClip(ctx, clipId);
  if (fadeIn + fadeOut > clip.length) fail('BAD_REQUEST', 'The fades must fit inside the clip');
  map.set('fadeIn', fadeIn);
  map.set('fadeOut', fadeOut);
}

export const SetClipReverseInput = z.object({ clipId: RecordId, reversed: z.boolean() });

/** Reverses an audio clip in place: it plays the same source span, backwards. */
export function setClipReverse(ctx: ApiContext, { clipId, reversed }: z.output<typeof SetClipReverseInput>): void {
  getAudioClip(ctx, clipId).map.set('reversed', reversed);
}
