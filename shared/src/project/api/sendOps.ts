import { z } from 'zod';
import { decibels } from '../../units';
import { RecordId, VolumeDb } from '../schema/common';
import { Send } from '../schema/send';
import { recordMap, type RecordMap } from '../schema/layout';
import { fail, getTrack, nested, parseStored, type ApiContext } from './context';
import { removeLanesWhere } from './automationOps';
import { reaches } from './trackOps';

export const AddSendInput = z.object({
  trackId: RecordId,
  targetTrackId: RecordId,
  levelDb: VolumeDb.default(decibels(-12)),
  pre: z.boolean().default(false),
});

/** Sends a track to a bus (return) track; one send per target, and no feedback loops. */
export function addSend(ctx: ApiContext, input: z.output<typeof AddSendInput>): string {
  const { map, track } = getTrack(ctx, input.trackId);
  if (track.kind === 'master') fail('BAD_REQUEST', 'The master track has no sends');
  if (getTrack(ctx, input.targetTrackId).track.kind !== 'bus') fail('BAD_REQUEST', 'Sends go to bus tracks');
  if (input.targetTrackId === input.trackId || reaches(ctx, input.trackId, input.targetTrackId)) {
    fail('BAD_REQUEST', 'That send would feed the track back into itself');
  }
  const sends = nested(map, 'sends', `Track ${input.trackId}`);
  for (const existing of sends.values()) {
    if ((existing as RecordMap).get('targetTrackId') === input.targetTrackId) fail('CONFLICT', 'The track already sends to that bus');
  }
  const id = ctx.newId();
  sends.set(id, recordMap({ id, targetTrackId: input.targetTrackId, levelDb: input.levelDb, pre: input.pre }));
  return id;
}

function getSend(ctx: ApiContext, trackId: string, sendId: string): { track: RecordMap; map: RecordMap } {
  const track = getTrack(ctx, trackId).map;
  const map = nested(track, 'sends', `Track ${trackId}`).get(sendId);
  if (map === undefined) fail('NOT_FOUND', `Track ${trackId} has no send ${sendId}`);
  parseStored(Send, map, `Send ${sendId}`);
  return { track, map: map as RecordMap };
}

export const SendIdInput = z.object({ trackId: RecordId, sendId: RecordId });

export function removeSend(ctx: ApiContext, { trackId, sendId }: z.output<typeof SendIdInput>): void {
  const { track } = getSend(ctx, trackId, sendId);
  nested(track, 'sends', 'The track').delete(sendId);
  removeLanesWhere(track, (t) => t.kind === 'send' && t.sendId === sendId);
}

export const SetSendLevelInput = z.object({ trackId: RecordId, sendId: RecordId, levelDb: VolumeDb });

export function setSendLevel(ctx: ApiContext, { trackId, sendId, levelDb }: z.output<typeof SetSendLevelInput>): void {
  getSend(ctx, trackId, sendId).map.set('levelDb', levelDb);
}

export const SetSendPreInput = z.object({ trackId: RecordId, sendId: RecordId, pre: z.boolean() });

/** Pre-fader (true) taps before the track's volume and pan; post-fader (false) after. */
export function setSendPre(ctx: ApiContext, { trackId, sendId, pre }: z.output<typeof SetSendPreInput>): void {
  getSend(ctx, trackId, sendId).map.set('pre', pre);
}
