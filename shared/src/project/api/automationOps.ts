import * as Y from 'yjs';
import { z } from 'zod';
import { AutomationLane, AutomationTarget, laneKey } from '../schema/automationLane';
import { AutomationCurve, AutomationPoint } from '../schema/automationPoint';
import { RecordId, Tick } from '../schema/common';
import { Device } from '../schema/device';
import { paramSpec } from '../schema/deviceKinds';
import { sortedKeys, type RecordMap } from '../schema/layout';
import { fail, getTrack, nested, parseStored, type ApiContext } from './context';

/** Deletes the lanes (and their points) of a track whose target matches. */
export function removeLanesWhere(track: RecordMap, match: (target: AutomationTarget) => boolean): void {
  const lanes = track.get('automationLanes');
  const points = track.get('automationPoints');
  if (!(lanes instanceof Y.Map) || !(points instanceof Y.Map)) return;
  const removed = new Set<string>();
  for (const key of sortedKeys(lanes)) {
    const lane = AutomationLane.safeParse(lanes.get(key));
    if (lane.success && match(lane.data.target)) removed.add(key);
  }
  for (const key of removed) lanes.delete(key);
  for (const id of sortedKeys(points)) {
    const lane = (points.get(id) as { lane?: unknown } | undefined)?.lane;
    if (typeof lane === 'string' && removed.has(lane)) points.delete(id);
  }
}

/** The value range of a target on a track, throwing when the target does not exist. */
function rangeOf(track: RecordMap, target: AutomationTarget): readonly [number, number] {
  switch (target.kind) {
    case 'volume':
    case 'send':
      if (target.kind === 'send' && !nested(track, 'sends', 'The track').has(target.sendId)) fail('NOT_FOUND', `No send ${target.sendId}`);
      return [-144, 12];
    case 'pan':
      return [-1, 1];
    case 'param': {
      const deviceMap = nested(track, 'devices', 'The track').get(target.deviceId);
      if (deviceMap === undefined) fail('NOT_FOUND', `No device ${target.deviceId}`);
      const spec = paramSpec(parseStored(Device, deviceMap, `Device ${target.deviceId}`).kind, target.paramId);
      if (!spec) fail('VALIDATION_FAILED', `The device has no param ${target.paramId}`);
      return [spec.min, spec.max];
    }
  }
}

function checkValue(range: readonly [number, number], value: number): void {
  if (value < range[0] || value > range[1]) fail('VALIDATION_FAILED', `Automation value ${value} is outside ${range[0]}…${range[1]}`);
}

export const AddPointInput = z.object({
  trackId: RecordId,
  target: AutomationTarget,
  tick: Tick,
  value: z.number(),
  curve: AutomationCurve.default('linear'),
  tension: z.number().min(-1).max(1).default(0),
});

/** Adds a breakpoint, creating the lane on first use. */
export function addPoint(ctx: ApiContext, input: z.output<typeof AddPointInput>): string {
  const { map } = getTrack(ctx, input.trackId);
  checkValue(rangeOf(map, input.target), input.value);
  const lanes = nested(map, 'automationLanes', 'The track');
  const points = nested(map, 'automationPoints', 'The track');
  const key = laneKey(input.target);
  if (!lanes.has(key)) lanes.set(key, { target: input.target, enabled: true });
  const id = ctx.newId();
  points.set(id, { lane: key, tick: input.tick, value: input.value, curve: input.curve, tension: input.tension });
  return id;
}

export const EditPointInput = z.object({
  trackId: RecordId,
  pointId: RecordId,
  tick: Tick.optional(),
  value: z.number().optional(),
  curve: AutomationCurve.optional(),
  tension: z.number().min(-1).max(1).optional(),
});

/** Moves a breakpoint and/or changes its value or curve. */
export function movePoint(ctx: ApiContext, input: z.output<typeof EditPointInput>): void {
  const { map } = getTrack(ctx, input.trackId);
  const points = nested(map, 'automationPoints', 'The track');
  const stored = points.get(input.pointId);
  if (stored === undefined) fail('NOT_FOUND', `No automation point ${input.pointId}`);
  const point = parseStored(AutomationPoint, stored, `Point ${input.pointId}`);
  const lane = parseStored(AutomationLane, nested(map, 'automationLanes', 'The track').get(point.lane), `Lane ${point.lane}`);
  const next = {
    lane: point.lane,
    tick: input.tick ?? point.tick,
    value: input.value ?? point.value,
    curve: input.curve ?? point.curve,
    tension: input.tension ?? point.tension,
  };
  checkValue(rangeOf(map, lane.target), next.value);
  points.set(input.pointId, next);
}

export const PointIdInput = z.object({ trackId: RecordId, pointId: RecordId });

export function deletePoint(ctx: ApiContext, { trackId, pointId }: z.output<typeof PointIdInput>): void {
  const points = nested(getTrack(ctx, trackId).map, 'automationPoints', 'The track');
  if (!points.has(pointId)) fail('NOT_FOUND', `No automation point ${pointId}`);
  points.delete(pointId);
}

export const SetLaneEnabledInput = z.object({ trackId: RecordId, target: AutomationTarget, enabled: z.boolean() });

/** Turns a lane's automation on or off (off: the manual value plays). */
export function setLaneEnabled(ctx: ApiContext, { trackId, target, enabled }: z.output<typeof SetLaneEnabledInput>): void {
  const { map } = getTrack(ctx, trackId);
  rangeOf(map, target);
  nested(map, 'automationLanes', 'The track').set(laneKey(target), { target, enabled });
}
