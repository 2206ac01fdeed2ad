import { PPQ, seconds } from '../../units';
import { TempoMap } from '../../project/tempoMap';
import type { ImportPlan } from './plan';
import { child, childrenNamed, num, type XmlElement } from './xml';

type Denominator = 1 | 2 | 4 | 8 | 16 | 32;
const DENOMINATORS = new Set([1, 2, 4, 8, 16, 32]);

/** Converts timeline positions of either DAWproject time unit to ticks. */
export class Timebase {
  readonly tempoMap: TempoMap;
  constructor(tempo: ReadonlyMap<number, number>) {
    this.tempoMap = new TempoMap([...tempo].map(([tick, bpm]) => ({ tick, bpm })));
  }
  /** An absolute position (beats are quarter notes; seconds follow the tempo map). */
  tick(value: number, unit: string | undefined): number {
    return Math.max(0, Math.round(unit === 'seconds' ? this.tempoMap.secondsToTicks(seconds(value)) : value * PPQ));
  }
  seconds(tick: number): number {
    return this.tempoMap.ticksToSeconds(tick as never);
  }
}

function clampBpm(plan: ImportPlan, bpm: number, where: string): number {
  if (bpm >= 20 && bpm <= 999) return bpm;
  plan.warnings.push(`Tempo ${bpm.toFixed(2)} BPM ${where} was clamped to 20-999 BPM`);
  return Math.min(999, Math.max(20, bpm));
}

function meter(plan: ImportPlan, numerator: number | undefined, denominator: number | undefined, tick: number): void {
  if (numerator === undefined || denominator === undefined) return;
  if (Number.isInteger(numerator) && numerator >= 1 && numerator <= 32 && DENOMINATORS.has(denominator)) plan.meters.set(tick, { numerator, denominator: denominator as Denominator });
  else plan.warnings.push(`Time signature ${numerator}/${denominator} at beat ${+(tick / PPQ).toFixed(3)} cannot be represented and was skipped`);
}

/**
 * Reads the tempo and time signature: the Transport's values from the start, then the tempo and
 * time-signature automation as step changes (a tempo ramp becomes a step, with a warning). Tempo
 * points timed in seconds are placed one by one on the map built so far.
 */
export function readTransport(plan: ImportPlan, transport: XmlElement | undefined, tempoLanes: readonly XmlElement[], meterLanes: readonly XmlElement[], defaultUnit: string | undefined): void {
  const tempo = child(transport, 'Tempo');
  const bpm = num(tempo, 'value');
  const min = num(tempo, 'min') ?? 20;
  // A tempo is in BPM; a normalized one spans its declared range.
  const origin = bpm === undefined ? 120 : tempo?.attrs.unit === 'normalized' ? min + bpm * ((num(tempo, 'max') ?? 999) - min) : bpm;
  plan.tempo.set(0, clampBpm(plan, origin, 'at the start'));
  const ts = child(transport, 'TimeSignature');
  meter(plan, num(ts, 'numerator'), num(ts, 'denominator'), 0);
  if (!plan.meters.has(0)) plan.meters.set(0, { numerator: 4, denominator: 4 });

  let ramps = false;
  for (const lane of tempoLanes) {
    const unit = lane.attrs.timeUnit ?? defaultUnit;
    const points = childrenNamed(lane, 'RealPoint')
      .map((p) => ({ time: num(p, 'time'), value: num(p, 'value'), linear: p.attrs.interpolation !== 'hold' }))
      .filter((p): p is { time: number; value: number; linear: boolean } => p.time !== undefined && p.value !== undefined)
      .sort((a, b) => a.time - b.time);
    points.forEach((p, i) => {
      const next = points[i + 1];
      if (p.linear && next && next.value !== p.value) ramps = true;
      plan.tempo.set(new Timebase(plan.tempo).tick(p.time, unit), clampBpm(plan, p.value, `at ${unit === 'seconds' ? 'second' : 'beat'} ${p.time}`));
    });
  }
  if (ramps) plan.warnings.push('Tempo ramps became tempo steps: Encore changes tempo in steps');
  const timebase = new Timebase(plan.tempo);
  for (const lane of meterLanes) {
    const unit = lane.attrs.timeUnit ?? defaultUnit;
    for (const p of childrenNamed(lane, 'TimeSignaturePoint')) {
      const time = num(p, 'time');
      if (time !== undefined) meter(plan, num(p, 'numerator'), num(p, 'denominator'), timebase.tick(time, unit));
    }
  }
}
