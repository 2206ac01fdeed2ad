import type * as Y from 'yjs';
import { AutomationLane, laneKey, type AutomationTarget } from '../schema/automationLane';
import { AutomationPoint } from '../schema/automationPoint';
import { Device, type DeviceWithParams } from '../schema/device';
import { DEVICE_PARAMS, SIDECHAIN_KINDS, isValidParamValue, paramSpec } from '../schema/deviceKinds';
import { childMap, fieldsOf, sortedKeys } from '../schema/layout';
import { Send } from '../schema/send';
import type { Track } from '../schema/track';
import { compareByOrder } from '../fractionalIndex';
import { parseRecord } from './parse';
import type { AutomationLaneSnapshot, AutomationPointSnapshot, ReadIssue } from './snapshot';

/** What the nested readers need to know about the other tracks. */
export interface TrackIndex {
  readonly kinds: ReadonlyMap<string, Track['kind']>;
}

/** The value range an automation target accepts, or undefined when the target is gone. */
export function targetRange(target: AutomationTarget, devices: readonly DeviceWithParams[], sendIds: ReadonlySet<string>): readonly [number, number] | undefined {
  switch (target.kind) {
    case 'volume':
      return [-144, 12];
    case 'pan':
      return [-1, 1];
    case 'send':
      return sendIds.has(target.sendId) ? [-144, 12] : undefined;
    case 'param': {
      const device = devices.find((d) => d.id === target.deviceId);
      const spec = device && paramSpec(device.kind, target.paramId);
      return spec ? [spec.min, spec.max] : undefined;
    }
  }
}

/** Reads a track's devices in chain order, params resolved against the kind's table. */
export function readDevices(track: Y.Map<unknown>, path: string, index: TrackIndex, issues: ReadIssue[]): DeviceWithParams[] {
  const map = childMap(track, 'devices');
  if (!map) return [];
  const devices: DeviceWithParams[] = [];
  for (const id of sortedKeys(map)) {
    const raw = map.get(id);
    const device = parseRecord(Device, fieldsOf(raw), `${path}/devices/${id}`, issues);
    if (!device) continue;
    if (device.id !== id) {
      issues.push({ path: `${path}/devices/${id}`, message: 'skipped: id does not match its key' });
      continue;
    }
    let sidechainTrackId = device.sidechainTrackId;
    if (sidechainTrackId !== null && (!SIDECHAIN_KINDS.has(device.kind) || !index.kinds.has(sidechainTrackId))) {
      issues.push({ path: `${path}/devices/${id}`, message: `sidechain ${sidechainTrackId} ignored: no such track or no sidechain input` });
      sidechainTrackId = null;
    }
    const stored = childMap(raw as Y.Map<unknown>, 'params');
    const params: Record<string, number> = {};
    for (const spec of DEVICE_PARAMS[device.kind]) {
      const value = stored?.get(spec.id);
      if (value === undefined || (typeof value === 'number' && isValidParamValue(spec, value))) params[spec.id] = (value as number | undefined) ?? spec.default;
      else {
        issues.push({ path: `${path}/devices/${id}/params/${spec.id}`, message: `default used: ${JSON.stringify(value)} is not valid` });
        params[spec.id] = spec.default;
      }
    }
    devices.push({ ...device, sidechainTrackId, params });
  }
  return devices.sort(compareByOrder);
}

/** Reads a track's sends; a send to a track that is not a bus (or to itself) is skipped. */
export function readSends(track: Y.Map<unknown>, trackId: string, path: string, index: TrackIndex, issues: ReadIssue[]): Send[] {
  const map = childMap(track, 'sends');
  if (!map) return [];
  const sends: Send[] = [];
  for (const id of sortedKeys(map)) {
    const send = parseRecord(Send, fieldsOf(map.get(id)), `${path}/sends/${id}`, issues);
    if (!send) continue;
    if (send.id !== id || send.targetTrackId === trackId || index.kinds.get(send.targetTrackId) !== 'bus') {
      issues.push({ path: `${path}/sends/${id}`, message: `skipped: target ${send.targetTrackId} is not another bus track` });
      continue;
    }
    sends.push(send);
  }
  return sends;
}

/** Reads a track's automation lanes and their points; orphans and out-of-range values are skipped. */
export function readAutomation(track: Y.Map<unknown>, path: string, devices: readonly DeviceWithParams[], sends: readonly Send[], issues: ReadIssue[]): AutomationLaneSnapshot[] {
  const laneMap = childMap(track, 'automationLanes');
  const pointMap = childMap(track, 'automationPoints');
  const sendIds = new Set(sends.map((s) => s.id));
  const lanes = new Map<string, { lane: AutomationLane; range: readonly [number, number]; points: AutomationPointSnapshot[] }>();
  for (const key of laneMap ? sortedKeys(laneMap) : []) {
    const lane = parseRecord(AutomationLane, laneMap?.get(key), `${path}/automationLanes/${key}`, issues);
    if (!lane) continue;
    const range = targetRange(lane.target, devices, sendIds);
    if (laneKey(lane.target) !== key || !range) {
      issues.push({ path: `${path}/automationLanes/${key}`, message: 'skipped: its target no longer exists' });
      continue;
    }
    lanes.set(key, { lane, range, points: [] });
  }
  for (const id of pointMap ? sortedKeys(pointMap) : []) {
    const point = parseRecord(AutomationPoint, pointMap?.get(id), `${path}/automationPoints/${id}`, issues);
    if (!point) continue;
    const lane = lanes.get(point.lane);
    if (!lane || point.value < lane.range[0] || point.value > lane.range[1]) {
      issues.push({ path: `${path}/automationPoints/${id}`, message: lane ? 'skipped: value out of range' : `skipped: no lane ${point.lane}` });
      continue;
    }
    lane.points.push({ ...point, id });
  }
  return [...lanes].map(([key, { lane, points }]) => ({
    key,
    ...lane,
    points: points.sort((a, b) => a.tick - b.tick || (a.id < b.id ? -1 : 1)),
  }));
}
