import { ticks } from '@encore/shared/units';
import type { TempoMap } from '@encore/shared/project/tempoMap';
import type { AutomationLaneSnapshot, AutomationPointSnapshot } from '@encore/shared/project/read/snapshot';

/**
 * Automation lanes turned into AudioParam events. Every curve is written as `setValueAtTime`
 * steps and `linearRampToValueAtTime` ramps: a lane whose curve is linear in the param's own
 * unit takes one ramp per segment, any other shape (exponential, bezier, or a linear dB fade
 * on a linear-gain param) is sampled into short ramps. That keeps every lane on one code path
 * and makes the events easy to feed window by window.
 */

export interface ParamEvent {
  /** Seconds on the song timeline. */
  readonly time: number;
  readonly value: number;
  /** A ramp ends at `time`, starting where the previous event left the param. */
  readonly ramp: boolean;
}

/** How a lane value becomes a param value, and whether that mapping is linear. */
export interface ParamMapping {
  readonly map: (value: number) => number;
  readonly linear: boolean;
}

export const IDENTITY: ParamMapping = { map: (v) => v, linear: true };

/** Longest stretch covered by one ramp of a sampled curve, seconds. */
export const SAMPLE_STEP = 0.02;
const MAX_STEPS = 64;

/**
 * The lane's value at `tick` (before the first point: the first value; after the last: the last).
 *
 * @example
 * laneValueAt(points, 480); // halfway along a linear ramp from 0 (tick 0) to 1 (tick 960): 0.5
 */
export function laneValueAt(points: readonly AutomationPointSnapshot[], tick: number): number {
  if (points.length === 0) return NaN;
  if (tick <= points[0]!.tick) return points[0]!.value;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (tick < b.tick) return segmentValue(a, b, (tick - a.tick) / (b.tick - a.tick));
  }
  return points[points.length - 1]!.value;
}

/** The value of the segment from `a` to `b` at fraction `t` of its length, shaped by `a.curve`. */
export function segmentValue(a: AutomationPointSnapshot, b: AutomationPointSnapshot, t: number): number {
  switch (a.curve) {
    case 'hold':
      return a.value;
    case 'linear':
      return a.value + (b.value - a.value) * t;
    case 'exponential':
      // Geometric between two values of one sign, as a frequency sweep should sound; else linear.
      return a.value > 0 && b.value > 0 ? a.value * (b.value / a.value) ** t : a.value + (b.value - a.value) * t;
    case 'bezier': {
      // Tension bends the segment: > 0 late (slow start), < 0 early (fast start), 0 straight.
      const shaped = t ** 4 ** a.tension;
      return a.value + (b.value - a.value) * shaped;
    }
  }
}

/**
 * Param events for a lane (song time), including the step or ramp to the first point.
 *
 * @example
 * laneEvents(volumeLane, tempo, { map: (db) => dbToGain(db), linear: false });
 */
export function laneEvents(lane: AutomationLaneSnapshot, tempo: TempoMap, mapping: ParamMapping): ParamEvent[] {
  const points = lane.points;
  const events: ParamEvent[] = [];
  if (points.length === 0) return events;
  const sec = (tick: number) => tempo.ticksToSeconds(ticks(tick));
  events.push({ time: sec(points[0]!.tick), value: mapping.map(points[0]!.value), ramp: false });
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const t0 = sec(a.tick);
    const t1 = sec(b.tick);
    if (a.curve === 'hold' || t1 <= t0) {
      events.push({ time: t1, value: mapping.map(b.value), ramp: false });
      continue;
    }
    const straight = a.curve === 'linear' && mapping.linear;
    const steps = straight ? 1 : Math.min(MAX_STEPS, Math.max(1, Math.ceil((t1 - t0) / SAMPLE_STEP)));
    for (let k = 1; k <= steps; k++) {
      const t = k / steps;
      // Sample in ticks so a tempo change inside the segment keeps the musical shape.
      const tick = a.tick + (b.tick - a.tick) * t;
      events.push({ time: sec(tick), value: mapping.map(segmentValue(a, b, t)), ramp: true });
    }
  }
  return events;
}

/**
 * The param value a lane's events give at song time `time` (for starting mid-song).
 *
 * @example
 * eventsValueAt(events, 12.5);
 */
export function eventsValueAt(events: readonly ParamEvent[], time: number): number {
  if (events.length === 0) return NaN;
  if (time <= events[0]!.time) return events[0]!.value;
  for (let i = 1; i < events.length; i++) {
    const e = events[i]!;
    if (time < e.time) {
      const prev = events[i - 1]!;
      return e.ramp ? prev.value + ((e.value - prev.value) * (time - prev.time)) / (e.time - prev.time) : prev.value;
    }
  }
  return events[events.length - 1]!.value;
}
