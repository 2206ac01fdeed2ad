import { z } from 'zod';
import { Asset } from '../schema/asset';
import { Color, Name, RecordId, Tick } from '../schema/common';
import { ORIGIN_ID, root, sortedKeys } from '../schema/layout';
import { Marker } from '../schema/marker';
import { MeterChange } from '../schema/meterChange';
import { LoopRegion } from '../schema/projectMeta';
import { Bpm } from '../schema/tempoChange';
import type * as Y from 'yjs';
import { fail, parseStored, type ApiContext } from './context';

export const SetTitleInput = z.object({ title: z.string().trim().min(1).max(200) });

export function setTitle(ctx: ApiContext, { title }: z.output<typeof SetTitleInput>): void {
  root(ctx.doc, 'meta').set('title', title);
}

/** The key of the step at `tick`, if any (tick 0 is always `origin`). */
function stepAt(map: Y.Map<unknown>, tick: number): string | undefined {
  if (tick === 0) return ORIGIN_ID;
  return sortedKeys(map).find((id) => (map.get(id) as { tick?: unknown } | undefined)?.tick === tick);
}

export const SetTempoInput = z.object({ bpm: Bpm });

/** Sets the tempo from the start of the song (later tempo changes still apply). */
export function setTempo(ctx: ApiContext, { bpm }: z.output<typeof SetTempoInput>): void {
  root(ctx.doc, 'tempo').set(ORIGIN_ID, { tick: 0, bpm });
}

export const AddTempoChangeInput = z.object({ tick: Tick, bpm: Bpm });

/** Changes tempo from `tick` on; replaces a change already at that tick. Returns its id. */
export function addTempoChange(ctx: ApiContext, { tick, bpm }: z.output<typeof AddTempoChangeInput>): string {
  const map = root(ctx.doc, 'tempo');
  const id = stepAt(map, tick) ?? ctx.newId();
  map.set(id, { tick, bpm });
  return id;
}

export const StepIdInput = z.object({ id: RecordId });

function removeStep(map: Y.Map<unknown>, id: string, what: string): void {
  if (id === ORIGIN_ID) fail('BAD_REQUEST', `The ${what} at the start of the song cannot be removed`);
  if (!map.has(id)) fail('NOT_FOUND', `No ${what} change ${id}`);
  map.delete(id);
}

export function removeTempoChange(ctx: ApiContext, { id }: z.output<typeof StepIdInput>): void {
  removeStep(root(ctx.doc, 'tempo'), id, 'tempo');
}

export const AddMeterChangeInput = MeterChange;

/** Changes the time signature from `tick` on (tick 0 sets the song's meter). Returns its id. */
export function addMeterChange(ctx: ApiContext, input: z.output<typeof AddMeterChangeInput>): string {
  const map = root(ctx.doc, 'meters');
  const id = stepAt(map, input.tick) ?? ctx.newId();
  map.set(id, { tick: input.tick, numerator: input.numerator, denominator: input.denominator });
  return id;
}

export function removeMeterChange(ctx: ApiContext, { id }: z.output<typeof StepIdInput>): void {
  removeStep(root(ctx.doc, 'meters'), id, 'meter');
}

export const SetLoopInput = LoopRegion;

export function setLoop(ctx: ApiContext, loop: z.output<typeof SetLoopInput>): void {
  root(ctx.doc, 'meta').set('loop', { start: loop.start, end: loop.end, enabled: loop.enabled });
}

export const AddMarkerInput = z.object({ tick: Tick, name: Name, color: Color.default('#ffc53d') });

export function addMarker(ctx: ApiContext, input: z.output<typeof AddMarkerInput>): string {
  const id = ctx.newId();
  root(ctx.doc, 'markers').set(id, { id, ...input });
  return id;
}

export const EditMarkerInput = z.object({ markerId: RecordId, tick: Tick.optional(), name: Name.optional(), color: Color.optional() });

export function editMarker(ctx: ApiContext, { markerId, ...changes }: z.output<typeof EditMarkerInput>): void {
  const map = root(ctx.doc, 'markers');
  if (!map.has(markerId)) fail('NOT_FOUND', `No marker ${markerId}`);
  const marker = parseStored(Marker, map.get(markerId), `Marker ${markerId}`);
  map.set(markerId, { ...marker, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) });
}

export const MarkerIdInput = z.object({ markerId: RecordId });

export function removeMarker(ctx: ApiContext, { markerId }: z.output<typeof MarkerIdInput>): void {
  const map = root(ctx.doc, 'markers');
  if (!map.has(markerId)) fail('NOT_FOUND', `No marker ${markerId}`);
  map.delete(markerId);
}

export const AddAssetInput = Asset;

/** Records an audio file's hash and metadata (the host stores the bytes). Idempotent per hash. */
export function addAsset(ctx: ApiContext, asset: z.output<typeof AddAssetInput>): string {
  const map = root(ctx.doc, 'assets');
  if (!map.has(asset.hash)) map.set(asset.hash, { ...asset });
  return asset.hash;
}
