import { z } from 'zod';
import { Name, RecordId } from '../schema/common';
import { root } from '../schema/layout';
import { fail, getTrack, orderKeyAt, type ApiContext } from './context';

export const AddTakeInput = z.object({ trackId: RecordId, name: Name.optional() });

/** Starts a take (a recording pass) on a track and makes it the one that plays. */
export function addTake(ctx: ApiContext, { trackId, name }: z.output<typeof AddTakeInput>): string {
  const { map, track } = getTrack(ctx, trackId);
  if (track.kind !== 'audio' && track.kind !== 'instrument') fail('BAD_REQUEST', 'Only audio and instrument tracks record takes');
  const takes = root(ctx.doc, 'takes');
  const count = [...takes.values()].filter((t) => (t as { trackId?: unknown }).trackId === trackId).length;
  const id = ctx.newId();
  takes.set(id, { id, trackId, name: name ?? `Take ${count + 1}`, order: orderKeyAt(takes, undefined) });
  map.set('activeTakeId', id);
  return id;
}

export const SelectTakeInput = z.object({ trackId: RecordId, takeId: RecordId.nullable() });

/** Chooses which take plays (null: none; clips outside takes always play). See `clipPlays`. */
export function selectTake(ctx: ApiContext, { trackId, takeId }: z.output<typeof SelectTakeInput>): void {
  const { map } = getTrack(ctx, trackId);
  if (takeId !== null && (root(ctx.doc, 'takes').get(takeId) as { trackId?: unknown } | undefined)?.trackId !== trackId) {
    fail('NOT_FOUND', `Track ${trackId} has no take ${takeId}`);
  }
  map.set('activeTakeId', takeId);
}
