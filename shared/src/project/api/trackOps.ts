import * as Y from 'yjs';
import { z } from 'zod';
import { Color, Name, Pan, RecordId, VolumeDb } from '../schema/common';
import { DEFAULT_INSTRUMENT, Instrument } from '../schema/instrument';
import { MASTER_ID, recordMap, root, sortedKeys, type RecordMap } from '../schema/layout';
import { fail, getTrack, orderKeyAt, type ApiContext } from './context';
import { removeLanesWhere } from './automationOps';

const KIND_NAMES = { audio: 'Audio', instrument: 'Instrument', bus: 'Return' } as const;
const COLORS = ['#e5484d', '#f76b15', '#ffc53d', '#46a758', '#12a594', '#0090ff', '#6e56cf', '#d6409f'];

export const CreateTrackInput = z.object({
  kind: z.enum(['audio', 'instrument', 'bus']),
  name: Name.optional(),
  color: Color.optional(),
  /** Instrument tracks only; the built-in synth when omitted. */
  instrument: Instrument.optional(),
  /** Position among the tracks; the end when omitted. */
  index: z.int().min(0).optional(),
});

export function createTrack(ctx: ApiContext, input: z.output<typeof CreateTrackInput>): string {
  if (input.instrument && input.kind !== 'instrument') fail('VALIDATION_FAILED', 'Only instrument tracks take an instrument');
  const tracks = root(ctx.doc, 'tracks');
  const count = sortedKeys(tracks).length;
  const id = ctx.newId();
  const map = recordMap({
    id,
    kind: input.kind,
    name: input.name ?? `${KIND_NAMES[input.kind]} ${count}`,
    // `index` counts arrangement tracks: the master (ordered by a key like any track) is not one.
    order: orderKeyAt(tracks, input.index, [MASTER_ID]),
    color: input.color ?? (COLORS[count % COLORS.length] as string),
    volumeDb: 0,
    pan: 0,
    mute: false,
    solo: false,
    arm: false,
    phaseInvert: false,
    output: null,
    instrument: input.kind === 'instrument' ? (input.instrument ?? DEFAULT_INSTRUMENT) : null,
    activeTakeId: null,
    devices: new Y.Map(),
    sends: new Y.Map(),
    automationLanes: new Y.Map(),
    automationPoints: new Y.Map(),
  });
  tracks.set(id, map);
  return id;
}

export const TrackIdInput = z.object({ trackId: RecordId });

/** Deletes a track with its clips and takes, and every reference other records hold to it. */
export function deleteTrack(ctx: ApiContext, { trackId }: z.output<typeof TrackIdInput>): void {
  if (trackId === MASTER_ID) fail('BAD_REQUEST', 'The master track cannot be deleted');
  getTrack(ctx, trackId);
  const tracks = root(ctx.doc, 'tracks');
  const clips = root(ctx.doc, 'clips');
  const takes = root(ctx.doc, 'takes');
  for (const id of sortedKeys(clips)) if ((clips.get(id) as RecordMap | undefined)?.get?.('trackId') === trackId) clips.delete(id);
  for (const id of sortedKeys(takes)) if ((takes.get(id) as { trackId?: unknown } | undefined)?.trackId === trackId) takes.delete(id);
  for (const otherId of sortedKeys(tracks)) {
    const other = tracks.get(otherId);
    if (otherId === trackId || !(other instanceof Y.Map)) continue;
    if (other.get('output') === trackId) other.set('output', null);
    const sends = other.get('sends');
    if (sends instanceof Y.Map) {
      for (const sendId of sortedKeys(sends)) {
        if ((sends.get(sendId) as RecordMap | undefined)?.get?.('targetTrackId') !== trackId) continue;
        sends.delete(sendId);
        removeLanesWhere(other, (t) => t.kind === 'send' && t.sendId === sendId);
      }
    }
    const devices = other.get('devices');
    if (devices instanceof Y.Map) {
      for (const deviceId of sortedKeys(devices)) {
        const device = devices.get(deviceId);
        if (device instanceof Y.Map && device.get('sidechainTrackId') === trackId) device.set('sidechainTrackId', null);
      }
    }
  }
  tracks.delete(trackId);
}

export const RenameTrackInput = z.object({ trackId: RecordId, name: Name });
export const MoveTrackInput = z.object({ trackId: RecordId, index: z.int().min(0) });
export const SetVolumeInput = z.object({ trackId: RecordId, volumeDb: VolumeDb });
export const SetPanInput = z.object({ trackId: RecordId, pan: Pan });
export const SetColorInput = z.object({ trackId: RecordId, color: Color });
export const SetFlagInput = z.object({ trackId: RecordId, value: z.boolean() });
export const SetInstrumentInput = z.object({ trackId: RecordId, instrument: Instrument });
export const SetOutputInput = z.object({ trackId: RecordId, output: RecordId.nullable() });

/** Writes one field of a track after the caller's checks. */
export function setTrackField(ctx: ApiContext, trackId: string, field: string, value: unknown): void {
  getTrack(ctx, trackId).map.set(field, value);
}

export function moveTrack(ctx: ApiContext, { trackId, index }: z.output<typeof MoveTrackInput>): void {
  const { track, map } = getTrack(ctx, trackId);
  if (track.kind === 'master') fail('BAD_REQUEST', 'The master track stays last');
  const tracks = root(ctx.doc, 'tracks');
  map.set('order', orderKeyAt(tracks, index, [trackId, MASTER_ID]));
}

export function setArm(ctx: ApiContext, { trackId, value }: z.output<typeof SetFlagInput>): void {
  const { track, map } = getTrack(ctx, trackId);
  if (value && track.kind !== 'audio' && track.kind !== 'instrument') fail('BAD_REQUEST', 'Only audio and instrument tracks record');
  map.set('arm', value);
}

export function setInstrument(ctx: ApiContext, { trackId, instrument }: z.output<typeof SetInstrumentInput>): void {
  const { track, map } = getTrack(ctx, trackId);
  if (track.kind !== 'instrument') fail('BAD_REQUEST', 'Only instrument tracks have an instrument');
  map.set('instrument', instrument);
}

/** True when signal from `to` can already reach `from` (through outputs or sends). */
export function reaches(ctx: ApiContext, from: string, to: string): boolean {
  const tracks = root(ctx.doc, 'tracks');
  const seen = new Set<string>();
  const stack = [to];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === from) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const track = tracks.get(id);
    if (!(track instanceof Y.Map)) continue;
    const output = track.get('output');
    if (typeof output === 'string') stack.push(output);
    const sends = track.get('sends');
    if (sends instanceof Y.Map) for (const send of sends.values()) if (send instanceof Y.Map) stack.push(String(send.get('targetTrackId')));
  }
  return false;
}

/** Routes a track into a bus (or back to master with null); refuses feedback loops. */
export function setOutput(ctx: ApiContext, { trackId, output }: z.output<typeof SetOutputInput>): void {
  const { track, map } = getTrack(ctx, trackId);
  if (track.kind === 'master') fail('BAD_REQUEST', 'The master track outputs to the hardware');
  if (output !== null) {
    if (getTrack(ctx, output).track.kind !== 'bus') fail('BAD_REQUEST', 'A track outputs to a bus or to the master');
    if (output === trackId || reaches(ctx, trackId, output)) fail('BAD_REQUEST', 'That routing would feed the track back into itself');
  }
  map.set('output', output);
}
