import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { laneKey, type AutomationTarget } from '@encore/shared/project/schema/automationLane';
import { DEVICE_PARAMS, type DeviceKind, type ParamSpec } from '@encore/shared/project/schema/deviceKinds';
import { formatDb, formatPan, formatParam, normToParam, paramLabel, paramToNorm, SILENCE_DB } from './mixerScale';

/** What an automation lane drives, with how its values read and map to the lane's height. */
export interface LaneTarget {
  readonly key: string;
  readonly target: AutomationTarget;
  /** "Volume", "Send → Reverb", "EQ 1 · Low gain". */
  readonly label: string;
  /** Heading of the group in the lane picker. */
  readonly group: string;
  readonly min: number;
  readonly max: number;
  /** The value the target holds without automation (the knob's position). */
  readonly staticValue: number;
  format(value: number): string;
  /** Value → 0…1 from the lane's bottom. */
  toNorm(value: number): number;
  /** 0…1 → a value the project API accepts for the target. */
  fromNorm(norm: number): number;
}

/** Gain lanes show -60…+12 dB linearly; the bottom is silence (-∞), as on a fader. */
const GAIN_FLOOR_DB = -60;
const GAIN_TOP_DB = 12;

function gainTarget(key: string, target: AutomationTarget, label: string, group: string, staticValue: number): LaneTarget {
  return {
    key,
    target,
    label,
    group,
    min: SILENCE_DB,
    max: GAIN_TOP_DB,
    staticValue,
    format: formatDb,
    toNorm: (db) => (db <= GAIN_FLOOR_DB ? 0 : Math.min(1, (db - GAIN_FLOOR_DB) / (GAIN_TOP_DB - GAIN_FLOOR_DB))),
    fromNorm: (n) => (n <= 0.01 ? SILENCE_DB : Math.round((GAIN_FLOOR_DB + Math.min(1, n) * (GAIN_TOP_DB - GAIN_FLOOR_DB)) * 10) / 10),
  };
}

function paramTarget(deviceLabel: string, deviceId: string, spec: ParamSpec, staticValue: number): LaneTarget {
  const target: AutomationTarget = { kind: 'param', deviceId, paramId: spec.id };
  return {
    key: laneKey(target),
    target,
    label: `${deviceLabel} · ${paramLabel(spec.id)}`,
    group: deviceLabel,
    min: spec.min,
    max: spec.max,
    staticValue,
    format: (v) => formatParam(spec, v),
    toNorm: (v) => paramToNorm(spec, v),
    fromNorm: (n) => normToParam(spec, n),
  };
}

/**
 * Every target a track's automation can drive, in picker order: volume, pan, each send, then
 * every param of every device in chain order (numbered when a kind repeats: "EQ 2").
 *
 * @example
 * automationTargets(track, tracks, DEVICE_NAMES).map((t) => t.label); // ['Volume', 'Pan', 'Send → Reverb', 'Reverb · Decay', …]
 */
export function automationTargets(track: TrackSnapshot, tracks: readonly Pick<TrackSnapshot, 'id' | 'name'>[], deviceNames: Readonly<Record<DeviceKind, string>>): LaneTarget[] {
  const mixer = 'Mixer';
  const out: LaneTarget[] = [gainTarget('volume', { kind: 'volume' }, 'Volume', mixer, track.volumeDb)];
  out.push({
    key: 'pan',
    target: { kind: 'pan' },
    label: 'Pan',
    group: mixer,
    min: -1,
    max: 1,
    staticValue: track.pan,
    format: formatPan,
    toNorm: (p) => (p + 1) / 2,
    fromNorm: (n) => Math.round((Math.min(1, Math.max(0, n)) * 2 - 1) * 100) / 100,
  });
  for (const send of track.sends) {
    const target: AutomationTarget = { kind: 'send', sendId: send.id };
    const name = tracks.find((t) => t.id === send.targetTrackId)?.name ?? 'return';
    out.push(gainTarget(laneKey(target), target, `Send → ${name}`, 'Sends', send.levelDb));
  }
  const seen = new Map<DeviceKind, number>();
  const repeats = (kind: DeviceKind) => track.devices.filter((d) => d.kind === kind).length > 1;
  for (const device of track.devices) {
    const n = (seen.get(device.kind) ?? 0) + 1;
    seen.set(device.kind, n);
    const label = repeats(device.kind) ? `${deviceNames[device.kind]} ${n}` : deviceNames[device.kind];
    for (const spec of DEVICE_PARAMS[device.kind]) out.push(paramTarget(label, device.id, spec, device.params[spec.id] ?? spec.default));
  }
  return out;
}

/** The lanes to show for a track when the user opens its automation: those holding points, else volume. */
export function defaultShownLanes(track: TrackSnapshot): string[] {
  const used = track.automation.filter((l) => l.points.length > 0).map((l) => l.key);
  return used.length > 0 ? used : ['volume'];
}

/** True when a lane key still names something on the track (its send or device may be gone). */
export function laneExists(track: Pick<TrackSnapshot, 'sends' | 'devices'>, key: string): boolean {
  if (key === 'volume' || key === 'pan') return true;
  const [kind, id, paramId] = key.split('/');
  if (kind === 'send') return track.sends.some((s) => s.id === id);
  if (kind !== 'param') return false;
  const device = track.devices.find((d) => d.id === id);
  return device !== undefined && DEVICE_PARAMS[device.kind].some((p) => p.id === paramId);
}
