import { EncoreError } from '@encore/shared/errors';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { MeterMap, ticksPerBar } from '@encore/shared/project/meterMap';
import { TempoMap } from '@encore/shared/project/tempoMap';
import { ticks } from '@encore/shared/units';
import { z } from 'zod';

/** A position in a song as the command line names it: seconds, or bars and beats (1-based, as a DAW shows them). */
export type SongTime = { readonly kind: 'seconds'; readonly seconds: number } | { readonly kind: 'bars'; readonly bar: number; readonly beat: number };

const Seconds = z.string().regex(/^\d+(\.\d+)?s?$/).transform((s) => ({ kind: 'seconds' as const, seconds: Number(s.replace(/s$/, '')) }));
const Bars = z
  .string()
  .regex(/^\d+:\d+(\.\d+)?$/)
  .transform((s) => {
    const [bar, beat] = s.split(':').map(Number) as [number, number];
    return { kind: 'bars' as const, bar, beat };
  })
  .refine((t) => t.bar >= 1 && t.beat >= 1, 'bars and beats count from 1');

/**
 * Parses `12.5` / `12.5s` (seconds) or `5:1` / `5:2.5` (bar 5, beat 1 or 2.5); BAD_REQUEST naming `option` otherwise.
 *
 * @example
 * parseSongTime('9:1', '--from'); // { kind: 'bars', bar: 9, beat: 1 }
 */
export function parseSongTime(text: string, option: string): SongTime {
  const parsed = z.union([Seconds, Bars]).safeParse(text.trim());
  if (!parsed.success) throw new EncoreError('BAD_REQUEST', `${option} must be seconds (12.5) or bars:beats counted from 1 (5:1, 5:2.5); got "${text}"`, { reason: 'bad-time' });
  return parsed.data;
}

/**
 * The song seconds of `t` under the song's tempo map and meters (a beat is the meter's beat unit).
 *
 * @example
 * songSeconds({ kind: 'bars', bar: 2, beat: 1 }, snapshot); // 2 at 120 bpm in 4/4
 */
export function songSeconds(t: SongTime, snapshot: Pick<ProjectSnapshot, 'tempo' | 'meters'>): number {
  if (t.kind === 'seconds') return t.seconds;
  const meters = new MeterMap(snapshot.meters.length > 0 ? snapshot.meters : [{ tick: 0, numerator: 4, denominator: 4 }]);
  const barStart = meters.barToTick(t.bar - 1);
  const meter = meters.meterAt(barStart);
  const beatTicks = ticksPerBar(meter.numerator, meter.denominator) / meter.numerator;
  return new TempoMap(snapshot.tempo).ticksToSeconds(ticks(Math.round(barStart + (t.beat - 1) * beatTicks)));
}
