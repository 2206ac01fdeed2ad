import * as Y from 'yjs';
import { z } from 'zod';
import { RecordId } from '../schema/common';
import { Device, DeviceKindSchema } from '../schema/device';
import { DEVICE_PRESETS, SIDECHAIN_KINDS, defaultParams, isValidParamValue, paramSpec } from '../schema/deviceKinds';
import { recordMap, type RecordMap } from '../schema/layout';
import { fail, getTrack, nested, orderKeyAt, parseStored, type ApiContext } from './context';
import { removeLanesWhere } from './automationOps';

interface DeviceRef {
  readonly track: RecordMap;
  readonly map: RecordMap;
  readonly device: Device;
}

function getDevice(ctx: ApiContext, trackId: string, deviceId: string): DeviceRef {
  const track = getTrack(ctx, trackId).map;
  const map = nested(track, 'devices', `Track ${trackId}`).get(deviceId);
  if (map === undefined) fail('NOT_FOUND', `Track ${trackId} has no device ${deviceId}`, { trackId, deviceId });
  return { track, map: map as RecordMap, device: parseStored(Device, map, `Device ${deviceId}`) };
}

function presetParams(kind: Device['kind'], preset: string): Record<string, number> {
  const values = DEVICE_PRESETS[kind][preset];
  if (!values) fail('NOT_FOUND', `${kind} has no preset "${preset}"`, { kind, preset });
  return { ...defaultParams(kind), ...values };
}

export const AddDeviceInput = z.object({
  trackId: RecordId,
  kind: DeviceKindSchema,
  /** Position in the chain; the end when omitted. */
  index: z.int().min(0).optional(),
  preset: z.string().optional(),
});

/** Adds an effect with every param stored, so later default changes never alter a saved sound. */
export function addDevice(ctx: ApiContext, input: z.output<typeof AddDeviceInput>): string {
  const devices = nested(getTrack(ctx, input.trackId).map, 'devices', `Track ${input.trackId}`);
  const params = input.preset === undefined ? defaultParams(input.kind) : presetParams(input.kind, input.preset);
  const id = ctx.newId();
  const paramMap = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(params)) paramMap.set(key, value);
  devices.set(
    id,
    recordMap({ id, kind: input.kind, order: orderKeyAt(devices, input.index), bypass: false, preset: input.preset ?? null, sidechainTrackId: null, params: paramMap }),
  );
  return id;
}

export const DeviceIdInput = z.object({ trackId: RecordId, deviceId: RecordId });

/** Removes a device and the automation of its params. */
export function removeDevice(ctx: ApiContext, { trackId, deviceId }: z.output<typeof DeviceIdInput>): void {
  const { track } = getDevice(ctx, trackId, deviceId);
  nested(track, 'devices', 'The track').delete(deviceId);
  removeLanesWhere(track, (t) => t.kind === 'param' && t.deviceId === deviceId);
}

export const MoveDeviceInput = z.object({ trackId: RecordId, deviceId: RecordId, index: z.int().min(0) });

export function moveDevice(ctx: ApiContext, { trackId, deviceId, index }: z.output<typeof MoveDeviceInput>): void {
  const { track, map } = getDevice(ctx, trackId, deviceId);
  map.set('order', orderKeyAt(nested(track, 'devices', 'The track'), index, deviceId));
}

export const SetParamInput = z.object({ trackId: RecordId, deviceId: RecordId, paramId: z.string(), value: z.number() });

export function setParam(ctx: ApiContext, { trackId, deviceId, paramId, value }: z.output<typeof SetParamInput>): void {
  const { map, device } = getDevice(ctx, trackId, deviceId);
  const spec = paramSpec(device.kind, paramId);
  if (!spec) fail('VALIDATION_FAILED', `${device.kind} has no param ${paramId}`);
  if (!isValidParamValue(spec, value)) fail('VALIDATION_FAILED', `${paramId} takes ${spec.min}…${spec.max}${spec.step ? ` in steps of ${spec.step}` : ''}, got ${value}`);
  nested(map, 'params', `Device ${deviceId}`).set(paramId, value);
  if (map.get('preset') !== null) map.set('preset', null);
}

export const SetBypassInput = z.object({ trackId: RecordId, deviceId: RecordId, bypass: z.boolean() });

export function setBypass(ctx: ApiContext, { trackId, deviceId, bypass }: z.output<typeof SetBypassInput>): void {
  getDevice(ctx, trackId, deviceId).map.set('bypass', bypass);
}

export const ApplyPresetInput = z.object({ trackId: RecordId, deviceId: RecordId, preset: z.string() });

/** Sets every param from a factory preset (params it leaves out go to their defaults). */
export function applyPreset(ctx: ApiContext, { trackId, deviceId, preset }: z.output<typeof ApplyPresetInput>): void {
  const { map, device } = getDevice(ctx, trackId, deviceId);
  const values = presetParams(device.kind, preset);
  const params = nested(map, 'params', `Device ${deviceId}`);
  for (const [key, value] of Object.entries(values)) if (params.get(key) !== value) params.set(key, value);
  map.set('preset', preset);
}

export const SetSidechainInput = z.object({ trackId: RecordId, deviceId: RecordId, sourceTrackId: RecordId.nullable() });

/** Feeds a compressor's or gate's detector from another track (null: from its own input). */
export function setSidechain(ctx: ApiContext, { trackId, deviceId, sourceTrackId }: z.output<typeof SetSidechainInput>): void {
  const { map, device } = getDevice(ctx, trackId, deviceId);
  if (!SIDECHAIN_KINDS.has(device.kind)) fail('BAD_REQUEST', `A ${device.kind} has no sidechain input`);
  if (sourceTrackId !== null) {
    if (sourceTrackId === trackId) fail('BAD_REQUEST', 'A sidechain listens to another track');
    getTrack(ctx, sourceTrackId);
  }
  map.set('sidechainTrackId', sourceTrackId);
}
