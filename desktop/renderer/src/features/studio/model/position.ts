import type { MeterMap } from '@encore/shared/project/meterMap';
import type { TempoMap } from '@encore/shared/project/tempoMap';
import { PPQ } from '@encore/shared/units';

/**
 * A position as DAWs print it: one-based bars and beats, then ticks (`3.2.480`).
 *
 * @example
 * formatBarsBeats(8640, new MeterMap([{ tick: 0, numerator: 4, denominator: 4 }])); // '3.2.000'
 */
export function formatBarsBeats(tick: number, meters: MeterMap): string {
  const p = meters.tickToBar(Math.max(0, Math.floor(tick)) as never);
  return `${p.bar + 1}.${p.beat + 1}.${String(Math.floor(p.tick)).padStart(3, '0')}`;
}

/**
 * Clock time of a position, `m:ss.mmm`.
 *
 * @example
 * formatClock(3840, new TempoMap([{ tick: 0, bpm: 120 }])); // '0:02.000'
 */
export function formatClock(tick: number, tempo: TempoMap): string {
  const total = Math.max(0, tempo.ticksToSeconds(tick as never));
  const minutes = Math.floor(total / 60);
  const secs = total - minutes * 60;
  return `${minutes}:${secs.toFixed(3).padStart(6, '0')}`;
}

/** A length in beats for labels such as "4 bars" or "1.5 beats". */
export function formatBeats(ticks: number): string {
  const beats = ticks / PPQ;
  return `${Number.isInteger(beats) ? beats : beats.toFixed(2)} beat${beats === 1 ? '' : 's'}`;
}
