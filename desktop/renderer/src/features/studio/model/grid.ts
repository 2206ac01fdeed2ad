import { PPQ } from '@encore/shared/units';
import type { Grid } from '@encore/shared/project/api/quantize';
import { type MeterMap } from '@encore/shared/project/meterMap';

/**
 * Snap settings of the editors: off, to bar lines (which follow the meter map), or to a note
 * value from 1/1 to 1/64, straight or triplet. Grid lines count from the start of the song, as
 * the project API's quantize does.
 */
export type Snap = { readonly kind: 'off' } | { readonly kind: 'bar' } | { readonly kind: 'note'; readonly division: Grid['division']; readonly triplet: boolean };

export const SNAP_IDS = ['off', 'bar', '1/1', '1/2', '1/4', '1/8', '1/16', '1/32', '1/64', '1/2T', '1/4T', '1/8T', '1/16T', '1/32T'] as const;
export type SnapId = (typeof SNAP_IDS)[number];

const DIVISIONS = new Set<number>([1, 2, 4, 8, 16, 32, 64]);

/**
 * The snap a selector value stands for.
 *
 * @example
 * parseSnap('1/8T'); // { kind: 'note', division: 8, triplet: true }
 */
export function parseSnap(id: SnapId): Snap {
  if (id === 'off' || id === 'bar') return { kind: id };
  const match = /^1\/(\d+)(T?)$/.exec(id);
  const division = Number(match?.[1]);
  if (!match || !DIVISIONS.has(division)) throw new RangeError(`not a snap value: ${id}`);
  return { kind: 'note', division: division as Grid['division'], triplet: match[2] === 'T' };
}

export function snapId(snap: Snap): SnapId {
  return snap.kind === 'note' ? (`1/${snap.division}${snap.triplet ? 'T' : ''}` as SnapId) : snap.kind;
}

/** What the selector shows for a snap value. */
export function snapLabel(id: SnapId): string {
  if (id === 'off') return 'Off';
  if (id === 'bar') return 'Bar';
  return id.endsWith('T') ? `${id.slice(0, -1)} triplet` : id;
}

/**
 * Ticks per grid step of a note snap (a straight 1/4 is 960, a 1/8 triplet 320).
 *
 * @example
 * noteStep({ kind: 'note', division: 16, triplet: false }); // 240
 */
export function noteStep(snap: Extract<Snap, { kind: 'note' }>): number {
  const straight = (PPQ * 4) / snap.division;
  return snap.triplet ? (straight * 2) / 3 : straight;
}

/**
 * Puts a tick on the grid: to the nearest line (`round`) or the line at or before it (`floor`).
 * Bar snapping follows meter changes. Never returns a negative tick.
 *
 * @example
 * const meters = new MeterMap([{ tick: 0, numerator: 4, denominator: 4 }]);
 * snapTick(500, parseSnap('1/4'), meters); // 960
 * snapTick(500, parseSnap('1/4'), meters, 'floor'); // 0
 */
export function snapTick(tick: number, snap: Snap, meters: MeterMap, mode: 'round' | 'floor' = 'round'): number {
  const t = Math.max(0, tick);
  if (snap.kind === 'off') return Math.round(t);
  if (snap.kind === 'bar') {
    const bar = meters.tickToBar(t as never).bar;
    const before: number = meters.barToTick(bar);
    const after: number = meters.barToTick(bar + 1);
    return mode === 'floor' || t - before < after - t ? before : after;
  }
  const step = noteStep(snap);
  const lines = mode === 'floor' ? Math.floor(t / step + 1e-9) : Math.round(t / step);
  return Math.round(lines * step);
}

/** The smallest length an edit may leave (one grid step, or one 1/64 when snapping is off). */
export function minLength(snap: Snap, meters: MeterMap, at = 0): number {
  if (snap.kind === 'note') return Math.round(noteStep(snap));
  if (snap.kind === 'bar') {
    const m = meters.meterAt(at as never);
    return (m.numerator * PPQ * 4) / m.denominator;
  }
  return PPQ / 16;
}

/** The quantize grid of the project API that matches a snap (bar and off quantize to 1/16 and bars). */
export function quantizeGrid(snap: Snap): Grid {
  if (snap.kind === 'note') return { division: snap.division, triplet: snap.triplet, dotted: false };
  return { division: snap.kind === 'bar' ? 1 : 16, triplet: false, dotted: false };
}

export interface GridLine {
  readonly tick: number;
  /** 'bar' lines are drawn strongest, then beats, then subdivisions. */
  readonly level: 'bar' | 'beat' | 'sub';
  /** One-based bar number on bar lines. */
  readonly bar?: number;
}

/**
 * The grid lines to draw between two ticks at a zoom, thinned so lines stay at least `minPx`
 * apart: subdivisions of the snap, then beats, then every bar, then every 2nd/4th… bar.
 */
export function gridLines(from: number, to: number, pxPerTick: number, meters: MeterMap, snap: Snap, minPx = 8): GridLine[] {
  const lines: GridLine[] = [];
  const start = Math.max(0, from);
  const first = meters.tickToBar(start as never).bar;
  const barPx = (b: number) => (meters.barToTick(b + 1) - meters.barToTick(b)) * pxPerTick;
  let barEvery = 1;
  while (barPx(first) * barEvery < minPx * 4 && barEvery < 1024) barEvery *= 2;
  for (let bar = first - (first % barEvery); ; bar += barEvery) {
    const barTick: number = meters.barToTick(bar);
    if (barTick > to) break;
    if (barTick >= start) lines.push({ tick: barTick, level: 'bar', bar: bar + 1 });
    if (barEvery > 1) continue;
    const next: number = meters.barToTick(bar + 1);
    const meter = meters.meterAt(barTick as never);
    const beat = (PPQ * 4) / meter.denominator;
    if (beat * pxPerTick < minPx) continue;
    const sub = snap.kind === 'note' ? noteStep(snap) : beat / 4;
    const step = sub * pxPerTick >= minPx && sub < beat ? sub : beat;
    for (let t = barTick + step; t < next - 1e-6; t += step) {
      if (t < start || t > to) continue;
      const onBeat = Math.abs((t - barTick) / beat - Math.round((t - barTick) / beat)) < 1e-6;
      lines.push({ tick: Math.round(t), level: onBeat ? 'beat' : 'sub' });
    }
  }
  return lines;
}
